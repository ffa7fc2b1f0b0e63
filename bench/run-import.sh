#!/usr/bin/env bash
# The import benchmark: writes a CSV of ROWS rows (default 1,000,000) with 7 mixed columns (text, email, integer,
# decimal, yes/no, date, a 5-value select), then times `coffer import FILE --collection people --create` on a fresh
# data directory, through the ./coffer launcher (its default JVM options: serial GC, 256 MiB heap), and prints the
# rows per second. Arguments: [ROWS] [extra import options, e.g. --batch=5000]. See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
rows="${1:-1000000}"
shift || true
work="$(mktemp -d "${TMPDIR:-/tmp}/coffer-import-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
csv="$work/people.csv"

[ -f "$root/coffer-server/target/coffer.jar" ] || (cd "$root" && ./mvnw -B -ntp -q install -DskipTests)

awk -v n="$rows" 'BEGIN {
  srand(42);
  split("new,active,paused,gone,vip", status, ",");
  print "name,email,age,score,active,joined,status";
  for (i = 1; i <= n; i++) {
    printf "Person %d,person%d@example.com,%d,%.2f,%s,%04d-%02d-%02d,%s\n",
      i, i, 18 + int(rand() * 70), rand() * 1000, (rand() < 0.5 ? "yes" : "no"),
      1990 + int(rand() * 35), 1 + int(rand() * 12), 1 + int(rand() * 28), status[1 + int(rand() * 5)];
  }
}' > "$csv"
echo "input: $rows rows, $(du -h "$csv" | cut -f1) ($csv)"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: compare runs made at the same load)"
start=$(date +%s.%N)
TIMEFORMAT="cpu %U s user + %S s system"
{ time "$root/coffer" import "$csv" --collection people --create --dir="$work/data" "$@" 2>&1 | tr '\r' '\n' \
    | grep -v '^[0-9,]* / [0-9,]* rows' ; } 2>&1
end=$(date +%s.%N)
count=$(sqlite3 "$work/data/data.db" 'SELECT count(*) FROM people' 2>/dev/null || echo "?")
[ -f "$csv.rejected.ndjson" ] && { echo "first rejected rows:"; head -3 "$csv.rejected.ndjson"; }
awk -v s="$start" -v e="$end" -v n="$rows" -v c="$count" 'BEGIN {
  t = e - s; printf "wall time %.1f s (JVM start and the inference included): %.0f rows/s; %s records in the collection\n", t, n / t, c }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
