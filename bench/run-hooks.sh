#!/usr/bin/env bash
# One command for the pb_hooks benchmark: builds the Coffer jar when missing, installs the reference PocketBase, then
# runs bench/hooks-bench.mjs against both (extra arguments are passed on, e.g. --creates 2000 --rounds 5). See
# bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
name=run-hooks
command -v node >/dev/null || { echo "$name: node (>= 20) is not on the PATH" >&2; exit 2; }
if [ ! -f "$root/coffer-server/target/coffer.jar" ]; then
  echo "$name: building coffer-server/target/coffer.jar ..." >&2
  (cd "$root" && ./mvnw -B -ntp -q package -DskipTests -pl coffer-server -am)
fi
pb="$("$root/tools/install-reference-pocketbase.sh" 2>/dev/null | tail -1)"
exec node "$here/hooks-bench.mjs" --coffer "$root/coffer" --pocketbase "$pb" "$@"
