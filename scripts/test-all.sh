#!/usr/bin/env bash
# Every test: format check, release build + unit/integration tests, web build + browser tests,
# and the same unit/integration tests under ASan+UBSan. Prints one summary line at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
failures=()
step_started=$SECONDS
timings=()
step() {
  timings+=("$((SECONDS - step_started))s")
  step_started=$SECONDS
  printf '\n\033[1m== %s\033[0m\n' "$*"
}
record() {  # record NAME PASSED FAILED
  passed=$((passed + $2))
  failed=$((failed + $3))
  if (($3 > 0)); then failures+=("$1"); fi
}

# ctest's own summary line gives the counts.
run_ctest() {  # run_ctest NAME PRESET
  local out
  out=$(mktemp)
  ctest --preset "$2" -j 2 --timeout 300 2>&1 | tee "$out"
  local total failed_count
  total=$(grep -oE 'out of [0-9]+' "$out" | tail -1 | grep -oE '[0-9]+' || echo 0)
  failed_count=$(grep -oE '[0-9]+ tests failed' "$out" | tail -1 | grep -oE '^[0-9]+' || echo 0)
  if [[ "$total" == 0 ]]; then failed_count=1; fi
  record "$1" $((total - failed_count)) "$failed_count"
  rm -f "$out"
}

step "format check (clang-format)"
if git ls-files '*.cc' '*.h' | xargs -r clang-format --dry-run --Werror >/tmp/haven-format.log 2>&1; then
  record format 1 0
else
  head -40 /tmp/haven-format.log
  record format 0 1
fi

step "release build"
if cmake --preset release >/dev/null && cmake --build --preset release -j 2; then
  record build 1 0
  step "unit and integration tests (release)"
  run_ctest release release
else
  record build 0 1
fi

step "web app: type check and unit tests (vitest)"
if (cd web && npm run --silent typecheck && npm test --silent); then
  record web-unit 1 0
else
  record web-unit 0 1
fi

step "web app build and browser tests"
if (cd web && npm run --silent build) && scripts/run-e2e.sh; then
  record e2e 1 0
else
  record e2e 0 1
fi

step "ASan + UBSan build"
if cmake --preset asan >/dev/null && cmake --build --preset asan -j 2; then
  step "unit and integration tests (asan)"
  run_ctest asan asan
else
  record asan-build 0 1
fi

timings+=("$((SECONDS - step_started))s")
echo
echo "step times (format, build, ctest, web unit, e2e, asan build, asan ctest): ${timings[*]:1}"
if ((failed > 0)); then echo "failed: ${failures[*]}"; fi
echo "tests: $passed passed, $failed failed"
((failed == 0))
