#!/usr/bin/env bash
# Installs what ClaudeGrains needs on a fresh Debian machine that has the .NET 10 SDK and Node.js:
# the pinned Claude Code CLI (npm ci), the Debian packages the tests use, and the NuGet packages.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the test suite needs: redis-server for the Redis storage tests, chromium for the browser UI tests
# (Playwright drives it at /usr/bin/chromium and never downloads a browser of its own).
APT_PACKAGES=(redis-server chromium)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

echo "== installing the pinned Claude Code CLI (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
node_modules/.bin/claude --version

echo "== restoring NuGet packages"
dotnet restore ClaudeGrains.sln --verbosity quiet
