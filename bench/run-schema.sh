#!/usr/bin/env bash
# One command for the schema-change benchmark: installs the reference PocketBase (0.40.4) when missing, builds the
# Coffer jar when missing, then runs bench/schema-bench.mjs against both (extra arguments are passed on,
# e.g. --only pocketbase, --keep, --records 20000, --repeat 5). See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

command -v node >/dev/null || { echo "run-schema: node (>= 20) is not on the PATH" >&2; exit 2; }
command -v "${SQLITE3:-sqlite3}" >/dev/null || { echo "run-schema: the sqlite3 CLI is not on the PATH (or set SQLITE3=/path/to/sqlite3)" >&2; exit 2; }
installer="${COFFER_PB_INSTALLER:-$root/../shared/tools/install-reference-pocketbase.sh}"
pb="${POCKETBASE:-$HOME/.cache/coffer/pocketbase-0.40.4/pocketbase}"
if [ ! -x "$pb" ]; then
  [ -x "$installer" ] || { echo "run-schema: no PocketBase at $pb and no installer at $installer (set POCKETBASE=/path/to/pocketbase)" >&2; exit 2; }
  echo "run-schema: installing the reference PocketBase ..." >&2
  pb="$("$installer" | tail -1)"
fi
if [ ! -f "$root/coffer-server/target/coffer.jar" ]; then
  echo "run-schema: building coffer-server/target/coffer.jar ..." >&2
  (cd "$root" && ./mvnw -B -ntp -q package -DskipTests -pl coffer-server -am)
fi

node "$here/schema-bench.mjs" --pocketbase "$pb" --coffer "$root/coffer" --sqlite3 "${SQLITE3:-sqlite3}" "$@" &
bench=$!
# schema-bench.mjs kills its servers on exit or on a signal; pass Ctrl-C / TERM on to it.
trap 'kill "$bench" 2>/dev/null || true' INT TERM HUP
wait "$bench"
