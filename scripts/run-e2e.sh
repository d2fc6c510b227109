#!/usr/bin/env bash
# Starts build/haven on a free port with a throw-away data directory, runs the browser tests
# in tests/e2e against it, and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir=$(mktemp -d)
port=$((20000 + RANDOM % 30000))
HAVEN_PASSWORD_COST=minimum ./build/haven serve --data-dir "$data_dir/data" --port "$port" \
  >"$data_dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data_dir"' EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.1
done
if ! curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null; then
  echo "haven did not start; its log:" >&2
  cat "$data_dir/server.log" >&2
  exit 1
fi
HAVEN_URL="http://127.0.0.1:$port" node --test tests/e2e/
