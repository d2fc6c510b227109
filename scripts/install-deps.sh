#!/usr/bin/env bash
# Installs what Haven needs on Debian 12 (apt) and the web app's npm packages.
# Idempotent: installs only what is missing. Runs as root or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev nlohmann-json3-dev
  libsqlite3-dev libsodium-dev libspdlog-dev libcli11-dev libtomlplusplus-dev
  libutf8proc-dev libre2-dev prometheus-cpp-dev libfasttext-dev fasttext
  libcurl4-openssl-dev libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm chromium tmux clang-format curl
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Node and npm may come from outside apt (e.g. a preinstalled Node 20); accept those.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for pkg in "${missing[@]}"; do
    [[ "$pkg" == nodejs || "$pkg" == npm ]] || filtered+=("$pkg")
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all Debian packages present"
fi

# Vite 8 needs Node 20.19+; Debian 12's own nodejs is 18. Say so plainly instead of letting the
# web build fail with a cryptic error.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if ((node_major < 20)); then
  echo "install-deps: Node.js $(node --version 2>/dev/null || echo 'is missing') found; the web app" \
       "needs Node 20 or newer (e.g. the nodejs 20.x package from NodeSource)." >&2
  exit 1
fi

# npm projects: the web app and the test tools. `npm ci` only when the lock file changed.
for dir in web tests/e2e tests/fhir; do
  [[ -f "$dir/package-lock.json" ]] || continue
  if [[ ! -f "$dir/node_modules/.package-lock.json" ]] ||
     [[ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    echo "install-deps: npm ci in $dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
