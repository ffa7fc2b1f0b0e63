#!/usr/bin/env bash
# One command for the realtime fan-out benchmark: installs the reference PocketBase (0.40.4) when missing, builds the
# Coffer jar when missing, then runs bench/realtime-bench.mjs against both (extra arguments are passed on,
# e.g. --only pocketbase, --keep, --clients 2000). See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
name=run-realtime
# shellcheck source=bench/setup.sh
source "$here/setup.sh"

# 10,000 SSE streams need as many descriptors in node and in the server (which inherits this limit).
want=$(( ${COFFER_RT_FDS:-12000} ))
hard="$(ulimit -Hn)"
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then want="$hard"; fi
if ! ulimit -n "$want" 2>/dev/null; then
  echo "run-realtime: could not raise the open-files limit to $want (soft $(ulimit -Sn), hard $hard)" >&2
fi
echo "run-realtime: open-files limit $(ulimit -n) (hard $hard); local ports $(tr '\t' - < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo '?')" >&2

run_bench realtime-bench.mjs "$@"
