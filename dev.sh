#!/usr/bin/env bash
# Haven's two commands on a fresh Debian 12 machine:
#   ./dev.sh run    install what is missing, build, and serve on http://127.0.0.1:8080
#   ./dev.sh test   install what is missing, build, and run every test
# Other verbs: build (deps + release build + web app), web (web app only), help.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

deps() {
  log "checking dependencies (apt, npm)"
  scripts/install-deps.sh
}

build_release() {
  log "building release (build/haven)"
  cmake --preset release >/dev/null
  cmake --build --preset release -j "$(nproc)"
}

build_web() {
  log "building the web app (web/dist)"
  (cd web && npm run --silent build)
}

case "${1:-help}" in
  run)
    deps
    build_release
    build_web
    shift
    log "starting Haven: open http://127.0.0.1:8080 (Ctrl+C stops it)"
    exec ./build/haven serve "$@"
    ;;
  test)
    deps
    exec scripts/test-all.sh
    ;;
  build) deps; build_release; build_web ;;
  web) build_web ;;
  help | -h | --help)
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "dev.sh: unknown verb '$1' (try: run, test, build, help)" >&2
    exit 2
    ;;
esac
