#!/usr/bin/env bash
# Installs the pinned test dependencies of tests/mcp (the official MCP TypeScript SDK and Ajv,
# versions in package.json / package-lock.json) into tests/mcp/node_modules (git-ignored), with
# `npm ci`. Skips the download when node_modules already holds exactly this lock file. Run by the
# CTest fixture mcp_node_install before the Node.js tests, so scripts/test.sh needs nothing more.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stamp="$here/node_modules/.order-manager-lock.sha256"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "tests/mcp: node_modules already matches package-lock.json"
  exit 0
fi
# Concurrent runs (two build trees' ctest at once) must not install over each other.
exec 9>"$here/.install.lock"
flock 9
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then exit 0; fi
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
echo "$want" >"$stamp"
echo "tests/mcp: installed $(node -p "require('$here/node_modules/@modelcontextprotocol/sdk/package.json').version" 2>/dev/null || echo '?') of @modelcontextprotocol/sdk"
