#!/usr/bin/env bash
# Run the frozen app's self-test with the network blocked: a network namespace with no
# interfaces when `unshare` allows it, and always the app's own socket guard.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=dist/analyst-desk/analyst-desk-cli  # the console executable: its output and exit code are real on every OS
[ -x dist/analyst-desk/analyst-desk ] || { echo "no window executable in the bundle" >&2; exit 2; }
[ -x "$APP" ] || { echo "no bundle: run packaging/build.sh first" >&2; exit 2; }
export ANALYST_DESK_MODELS="${ANALYST_DESK_MODELS:-$(pwd)/models}" QT_QPA_PLATFORM=offscreen ANALYST_DESK_BLOCK_NETWORK=1
if unshare -rn true 2>/dev/null; then
  echo "network: isolated namespace (unshare -rn)"
  exec unshare -rn "$APP" --selftest
fi
exec "$APP" --selftest
