// node's test runner (Node 20) only picks up *.test.mjs files when given a directory, so
// `node --test tests/e2e/` runs the check-ins browser test through this file.
import "./assess.spec.mjs";
