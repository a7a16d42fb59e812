#!/usr/bin/env bash
# Installs what congdanso needs from Debian 12's packages, only what is missing (idempotent).
set -euo pipefail

# build-essential brings GCC's sanitizer runtimes (libasan8, liblsan0, libubsan1) for build-asan.
packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql-15
  libsodium-dev libssl-dev libvips-dev libicu-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libtomlplusplus-dev libcli11-dev
  libmd4c-dev libmd4c-html0-dev libxml2-dev libxml2-utils
  python3 python3-yaml curl wrk clang-format
  clang-14 libclang-rt-14-dev
  chromium
  nginx-light  # tests/deploy: nginx -t on deploy/nginx.conf and a real nginx in front of a node
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node.js and npm run the VNeID stand-in and build the web app. A machine that already has them
# (from any source) keeps its own; otherwise Debian's.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The VNeID stand-in's packages (exact versions from its package-lock.json), when they are missing
# or older than the lock file.
standin="$(dirname "$0")/../tools/vneid-standin"
if [ ! -d "$standin/node_modules" ] || [ "$standin/package-lock.json" -nt "$standin/node_modules" ]; then
  echo "setup: installing the VNeID stand-in's npm packages"
  (cd "$standin" && npm ci --no-audit --no-fund --loglevel=error && touch node_modules)
fi

# The web front end's packages (web/), the browser tests' (tests/browser/) and the local push
# service's (tests/push-endpoint/), the same way.
for dir in web tests/browser tests/push-endpoint; do
  pkg="$(dirname "$0")/../$dir"
  if [ ! -d "$pkg/node_modules" ] || [ "$pkg/package-lock.json" -nt "$pkg/node_modules" ]; then
    echo "setup: installing the npm packages of $dir"
    (cd "$pkg" && npm ci --no-audit --no-fund --loglevel=error && touch node_modules)
  fi
done
