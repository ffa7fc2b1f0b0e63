#!/usr/bin/env bash
# One command for the records benchmark: installs the reference PocketBase (0.40.4) when missing, builds the
# Coffer jar when missing, then runs bench/records-bench.mjs against both (extra arguments are passed on,
# e.g. --only pocketbase, --keep, --creates 500). See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

command -v node >/dev/null || { echo "run-records: node (>= 20) is not on the PATH" >&2; exit 2; }
installer="${COFFER_PB_INSTALLER:-$root/../shared/tools/install-reference-pocketbase.sh}"
pb="${POCKETBASE:-$HOME/.cache/coffer/pocketbase-0.40.4/pocketbase}"
if [ ! -x "$pb" ]; then
  [ -x "$installer" ] || { echo "run-records: no PocketBase at $pb and no installer at $installer (set POCKETBASE=/path/to/pocketbase)" >&2; exit 2; }
  echo "run-records: installing the reference PocketBase ..." >&2
  pb="$("$installer" | tail -1)"
fi
if [ ! -f "$root/coffer-server/target/coffer.jar" ]; then
  echo "run-records: building coffer-server/target/coffer.jar ..." >&2
  (cd "$root" && ./mvnw -B -ntp -q package -DskipTests -pl coffer-server -am)
fi

node "$here/records-bench.mjs" --pocketbase "$pb" --coffer "$root/coffer" "$@" &
bench=$!
# records-bench.mjs kills its servers on exit or on a signal; pass Ctrl-C / TERM on to it.
trap 'kill "$bench" 2>/dev/null || true' INT TERM HUP
wait "$bench"
