#!/usr/bin/env bash
# Makes the Node 22 and 24 binaries of the runtime matrix (test/runtimes) present in
# .ci/runtimes/node_modules, from the npm registry packages pinned in .ci/runtimes/package-lock.json.
# They live in a project of their own: their `node` bin would shadow the Node that npm scripts run.
# Idempotent: nothing is installed when both binaries already run. Bun and Deno are dev dependencies.
set -euo pipefail
cd "$(dirname "$0")/runtimes"

have_binaries() {
  for version in 22 24; do
    "node_modules/node$version/bin/node" --version >/dev/null 2>&1 || return 1
  done
}

if have_binaries; then
  echo "runtimes.sh: Node $(node_modules/node22/bin/node --version) and $(node_modules/node24/bin/node --version) present; nothing to do"
  exit 0
fi
echo "runtimes.sh: installing the Node 22 and 24 binaries into .ci/runtimes/node_modules"
npm ci --prefix . --no-audit --no-fund
have_binaries || { echo "runtimes.sh: FAILED: npm ci ran but node_modules/node22|24/bin/node does not run" >&2; exit 1; }
