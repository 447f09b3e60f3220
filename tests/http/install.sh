#!/usr/bin/env bash
# Installs the HTTP tests' npm packages (package-lock.json, exact versions) into
# tests/http/node_modules (ignored by git), unless they are there already.
# puppeteer-core never downloads a browser: the tests drive Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")"
stamp=node_modules/.package-lock.json
if [[ -f "$stamp" && "$stamp" -nt package-lock.json ]]; then
  exit 0
fi
# Concurrent runs (two build trees' ctest at once, as tests/mcp/install.sh guards against too)
# must not run `npm ci` over each other: it deletes node_modules first. The second one waits
# for the first, then finds the packages installed.
exec 9>.install.lock
flock 9
if [[ -f "$stamp" && "$stamp" -nt package-lock.json ]]; then
  exit 0
fi
export PUPPETEER_SKIP_DOWNLOAD=1
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
