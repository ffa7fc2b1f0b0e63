#!/usr/bin/env bash
# Runs the e2e scripts against a server started here: `pocketbase` (the reference binary, installed by
# ../tools/install-reference-pocketbase.sh) or `coffer` (coffer-server/target/coffer.jar).
# A script NAME.test.mjs runs on a copy of fixtures/NAME/ when that directory exists (records does), else on a
# fresh data dir; either way the superuser test@example.com / 1234567890 is upserted first. When apps/NAME/ exists
# (a PocketBase app: pb_hooks/, pb_migrations/), its contents are copied beside the data dir, where both servers
# look for them by default (hooks has one).
# usage: e2e/run.sh pocketbase|coffer [NAME.test.mjs ...]   (default: every *.test.mjs)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
kind="${1:?usage: e2e/run.sh pocketbase|coffer [NAME.test.mjs ...]}"; shift
case "$kind" in
  pocketbase) server=("$("$root/tools/install-reference-pocketbase.sh" 2>/dev/null | tail -1)") ;;
  coffer) [ -f "$root/coffer-server/target/coffer.jar" ] || { echo "build the jar first: ./mvnw -B -ntp -q package -DskipTests -pl coffer-server -am" >&2; exit 2; }
          server=("$root/coffer") ;;  # the launcher picks a JDK >= 21
  *) echo "unknown server '$kind' (pocketbase|coffer)" >&2; exit 2 ;;
esac
cd "$here"
[ -d node_modules/pocketbase ] || npm ci --no-audit --no-fund >/dev/null
if [ $# -eq 0 ]; then set -- *.test.mjs; fi

work="$(mktemp -d)"; pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

status=0
for script in "$@"; do
  name="$(basename "$script" .test.mjs)"
  # its own parent dir: PocketBase's default --migrationsDir is the data dir's sibling pb_migrations, where its
  # automigrate writes a migration per collection change, which the next script's server would then apply.
  data="$work/$name/pb_data"; mkdir -p "$data"
  [ -d "fixtures/$name" ] && cp -R "fixtures/$name/." "$data/"
  [ -d "apps/$name" ] && cp -R "apps/$name/." "$work/$name/"
  "${server[@]}" superuser upsert test@example.com 1234567890 --dir="$data" >/dev/null
  port=$((20000 + RANDOM % 20000))
  "${server[@]}" serve --http=127.0.0.1:$port --dir="$data" >"$work/$name/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 300); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
  echo "== $script against $kind (http://127.0.0.1:$port, data $( [ -d "fixtures/$name" ] && echo "fixtures/$name" || echo fresh)$( [ -d "apps/$name" ] && echo ", app apps/$name"))"
  COFFER_E2E_SERVER="$kind" COFFER_URL="http://127.0.0.1:$port" COFFER_SUPERUSER_EMAIL=test@example.com COFFER_SUPERUSER_PASSWORD=1234567890 \
    node --test --test-reporter=spec --test-concurrency=1 --test-timeout=30000 "$script" || { status=1; echo "-- last lines of the server log:"; tail -n 20 "$work/$name/server.log" || true; }
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
exit $status
