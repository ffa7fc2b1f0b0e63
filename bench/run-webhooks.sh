#!/usr/bin/env bash
# One command for the webhooks benchmark: builds the Coffer jar when missing, then runs
# bench/webhooks-bench.mjs (extra arguments are passed on, e.g. --creates 2000 --rounds 5). See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
name=run-webhooks
command -v node >/dev/null || { echo "$name: node (>= 20) is not on the PATH" >&2; exit 2; }
if [ ! -f "$root/coffer-server/target/coffer.jar" ]; then
  echo "$name: building coffer-server/target/coffer.jar ..." >&2
  (cd "$root" && ./mvnw -B -ntp -q package -DskipTests -pl coffer-server -am)
fi
exec node "$here/webhooks-bench.mjs" --coffer "$root/coffer" "$@"
