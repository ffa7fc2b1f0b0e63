#!/usr/bin/env bash
# One command for the realtime fan-out benchmark: installs the reference PocketBase (0.40.4) when missing, builds the
# Coffer jar when missing, then runs bench/realtime-bench.mjs against both (extra arguments are passed on,
# e.g. --only pocketbase, --keep, --clients 2000). See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

command -v node >/dev/null || { echo "run-realtime: node (>= 20) is not on the PATH" >&2; exit 2; }
installer="${COFFER_PB_INSTALLER:-$root/../shared/tools/install-reference-pocketbase.sh}"
pb="${POCKETBASE:-$HOME/.cache/coffer/pocketbase-0.40.4/pocketbase}"
if [ ! -x "$pb" ]; then
  [ -x "$installer" ] || { echo "run-realtime: no PocketBase at $pb and no installer at $installer (set POCKETBASE=/path/to/pocketbase)" >&2; exit 2; }
  echo "run-realtime: installing the reference PocketBase ..." >&2
  pb="$("$installer" | tail -1)"
fi
if [ ! -f "$root/coffer-server/target/coffer.jar" ]; then
  echo "run-realtime: building coffer-server/target/coffer.jar ..." >&2
  (cd "$root" && ./mvnw -B -ntp -q package -DskipTests -pl coffer-server -am)
fi

# 10,000 SSE streams need as many descriptors in node and in the server (which inherits this limit).
want=$(( ${COFFER_RT_FDS:-12000} ))
hard="$(ulimit -Hn)"
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then want="$hard"; fi
if ! ulimit -n "$want" 2>/dev/null; then
  echo "run-realtime: could not raise the open-files limit to $want (soft $(ulimit -Sn), hard $hard)" >&2
fi
echo "run-realtime: open-files limit $(ulimit -n) (hard $hard); local ports $(tr '\t' - < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo '?')" >&2

node "$here/realtime-bench.mjs" --pocketbase "$pb" --coffer "$root/coffer" "$@" &
bench=$!
# realtime-bench.mjs kills its servers on exit or on a signal; pass Ctrl-C / TERM on to it.
trap 'kill "$bench" 2>/dev/null || true' INT TERM HUP
wait "$bench"
