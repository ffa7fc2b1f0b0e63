#!/usr/bin/env bash
# Runs ./coffer with its data on a database server, for pbbench's compare.sh (which calls the command twice per
# server, `superuser upsert … --dir D` and `serve … --dir D`): the first call for a data dir makes a fresh database
# for it and copies nothing, later calls with the same --dir reuse it.
#
#   COFFER_BENCH_DB=postgres ../shared/tools/pbbench/compare.sh "$PB" "$PWD/bench/coffer-on-db.sh"
#
# COFFER_BENCH_DB: postgres (default; server COFFER_BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432)
# or mariadb (COFFER_BENCH_MARIADB, default mysql://root@127.0.0.1:3306). The databases are named
# coffer_bench_<hash of the data dir>; drop them with `bench/coffer-on-db.sh --drop-all`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kind="${COFFER_BENCH_DB:-postgres}"
case "$kind" in
  postgres) server="${COFFER_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}" ;;
  mariadb) server="${COFFER_BENCH_MARIADB:-mysql://root@127.0.0.1:3306}" ;;
  *) echo "Error: COFFER_BENCH_DB must be postgres or mariadb, not $kind" >&2; exit 1 ;;
esac

sql() {
  if [ "$kind" = postgres ]; then psql -q -h 127.0.0.1 -U postgres -d postgres -Atc "$1"; else mysql -h 127.0.0.1 -uroot -N -e "$1"; fi
}

if [ "${1:-}" = "--drop-all" ]; then
  if [ "$kind" = postgres ]; then
    for d in $(sql "SELECT datname FROM pg_database WHERE datname LIKE 'coffer_bench_%'"); do sql "DROP DATABASE $d WITH (FORCE)"; done
  else
    for d in $(sql "SHOW DATABASES LIKE 'coffer_bench_%'"); do sql "DROP DATABASE $d"; done
  fi
  exit 0
fi

dir=""
for a in "$@"; do case "$a" in --dir=*) dir="${a#--dir=}" ;; esac; done
prev=""
for a in "$@"; do [ "$prev" = "--dir" ] && dir="$a"; prev="$a"; done
[ -n "$dir" ] || { echo "Error: coffer-on-db.sh needs --dir to name its database" >&2; exit 1; }
name="coffer_bench_$(printf '%s' "$(cd "$(dirname "$dir")" 2>/dev/null && pwd)/$(basename "$dir")" | sha1sum | cut -c1-12)"
if [ "$kind" = postgres ]; then
  [ -n "$(sql "SELECT 1 FROM pg_database WHERE datname = '$name'")" ] || sql "CREATE DATABASE $name"
else
  sql "CREATE DATABASE IF NOT EXISTS $name"
fi
exec "$root/coffer" "$@" --db="$server/$name"
