#!/usr/bin/env bash
# Load test of the web application on loopback (issue 3, item 8 "Speed").
#
#   bash scripts/bench-web.sh sqlite [FORMS]                                        (default 100000)
#   JIXIAO_TEST_POSTGRES=$(bash scripts/start-postgres.sh) bash scripts/bench-web.sh postgres [FORMS]   (default 1000000)
#
# 1. builds Release copies of src/Jixiao.Cli and src/Jixiao.Web under /tmp (--artifacts-path, nothing in the repo);
# 2. generates FORMS forms with `jixiao generate --seed 1` into a temporary folder;
# 3. imports them with `jixiao import` into a fresh database (a temporary SQLite file, or a new database on the
#    server of $JIXIAO_TEST_POSTGRES — the role needs CREATEDB) and prints the wall time and forms/s;
# 4. starts the web application (Production, no demo data, one administrator) on 127.0.0.1 and a free port, signs in
#    with curl (login page -> antiforgery token + cookie -> POST) and runs wrk with the session cookie on the list
#    page, the forms API (default, a filter combination, full text), the overview page, the statistics API and one
#    form's JSON at random ids; each run prints throughput and the latency percentiles p50/p75/p90/p95/p99.
# Everything is removed at the end (the temporary folder, the PostgreSQL database, the web process).
#
# Environment: BENCH_DURATION (s per wrk run, default 15), BENCH_WARMUP (s of the same requests before each run, not
# measured, default 10), BENCH_APP_WARMUP (s of each request of the groups forms, findings, overview and one, all of
# them once before the first is measured, default 3; 0: none), BENCH_THREADS (2), BENCH_CONNECTIONS (16),
# BENCH_KEEP_DB=1 (keep the PostgreSQL database), BENCH_REUSE_DB=name (postgres only: skip generate and import and
# measure that kept database again), BENCH_REUSE_SQLITE=path (sqlite only: the same with a kept database file),
# BENCH_SKIP_BUILD=1 (use the existing build), BENCH_KEEP_FILE=path (reuse/keep a generated file at that path instead of
# generating into the temp folder), BENCH_ONLY=forms,findings,overview,one,library,live (measure only these groups of requests; live: POST
# /api/v1/filings/live with the 40-indicator forms of bench/Jixiao.Bench, `live-body`).
set -euo pipefail

provider=${1:?usage: bench-web.sh sqlite|postgres [FORMS]}
case "$provider" in
  sqlite) forms=${2:-100000} ;;
  postgres) forms=${2:-1000000}; : "${JIXIAO_TEST_POSTGRES:?set JIXIAO_TEST_POSTGRES=\$(bash scripts/start-postgres.sh)}" ;;
  *) echo "bench-web: provider must be sqlite or postgres" >&2; exit 2 ;;
esac
duration=${BENCH_DURATION:-15}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-16}
warmup=${BENCH_WARMUP:-10}

cd "$(dirname "$0")/.."
art=${BENCH_ARTIFACTS:-/tmp/art-perf}
work=$(mktemp -d /tmp/jixiao-bench-web.XXXXXX)
pgdb=${BENCH_REUSE_DB:-jixiao_bench_web_$$}
web_pid=""

psql_admin() { psql "$(pg_url postgres)" -v ON_ERROR_STOP=1 -qtA -c "$1"; }
# libpq URL from the Npgsql connection string (Host, Port, Username, Password) with another database
pg_url() {
  local cs=$JIXIAO_TEST_POSTGRES host port user pass
  host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$cs"); port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$cs")
  user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$cs"); pass=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$cs")
  echo "postgresql://$user:$pass@$host:${port:-5432}/$1"
}

cleanup() {
  if [ -n "$web_pid" ] && kill -0 "$web_pid" 2>/dev/null; then kill "$web_pid"; wait "$web_pid" 2>/dev/null || true; fi
  # a database measured again (BENCH_REUSE_DB) is kept like one asked to be kept
  if [ "$provider" = postgres ] && [ -z "${BENCH_KEEP_DB:-}" ] && [ -z "${BENCH_REUSE_DB:-}" ]; then
    psql_admin "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

say() { echo "bench-web: $*" >&2; }

# 1. builds
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  say "building Release (artifacts in $art)"
  dotnet build -c Release src/Jixiao.Cli --artifacts-path "$art" -nologo -clp:ErrorsOnly -v q >&2
  dotnet build -c Release src/Jixiao.Web --artifacts-path "$art" -nologo -clp:ErrorsOnly -v q >&2
fi
cli=(dotnet "$art/bin/Jixiao.Cli/release/jixiao.dll")
webdll="$art/bin/Jixiao.Web/release/Jixiao.Web.dll"

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(free -g | awk '/Mem:/ {print $2}') GB RAM, dotnet $(dotnet --version)"
echo "provider: $provider, forms: $forms, wrk -t$threads -c$connections -d${duration}s after ${warmup}s of warm-up"

if [ "$provider" = sqlite ] && [ -n "${BENCH_REUSE_SQLITE:-}" ]; then
  # measure again on a database file kept from an earlier import: no generate, no import
  connection="Data Source=$BENCH_REUSE_SQLITE"
elif [ -n "${BENCH_REUSE_DB:-}" ]; then
  # measure again on a database kept by an earlier run (BENCH_KEEP_DB=1): no generate, no import
  connection=$(sed "s/Database=[^;]*/Database=$pgdb/" <<<"$JIXIAO_TEST_POSTGRES")
else
# 2. generate
file=${BENCH_KEEP_FILE:-$work/generated-$forms.txt}
if [ ! -s "$file" ]; then
  start=$(date +%s.%N)
  "${cli[@]}" generate --forms "$forms" --seed 1 --out "$file" >&2
  echo "generate: $forms forms, $(du -m "$file" | cut -f1) MB in $(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.1f') s"
fi

# 3. import into a fresh database
if [ "$provider" = sqlite ]; then
  target=(--db "$work/bench.db")
  connection="Data Source=$work/bench.db"
else
  psql_admin "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null
  psql_admin "CREATE DATABASE $pgdb" >/dev/null
  connection=$(sed "s/Database=[^;]*/Database=$pgdb/" <<<"$JIXIAO_TEST_POSTGRES")
  target=(--postgres "$connection")
fi
start=$(date +%s.%N)
"${cli[@]}" import "$file" "${target[@]}" --user bench | tail -n 2
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
printf 'import: %d forms in %.1f s = %.0f forms/s (wall clock of `jixiao import`, including start-up and migrations)\n' \
  "$forms" "$elapsed" "$(echo "$forms / $elapsed" | bc -l)"
[ -n "${BENCH_KEEP_FILE:-}" ] || rm -f "$file"
fi
# after a bulk load, as a DBA would: fresh statistics and the visibility map (index-only scans), so that autovacuum does
# not run the same work during the measurement
if [ "$provider" = postgres ] && [ -z "${BENCH_REUSE_DB:-}" ]; then
  start=$(date +%s.%N)
  psql "$(pg_url "$pgdb")" -qtA -c "SET client_min_messages = error" -c "VACUUM (ANALYZE)" >/dev/null
  printf 'VACUUM (ANALYZE) after the import: %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
fi

# 4. the web application on loopback
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
mkdir -p "$work/web"
(
  cd "$work/web"
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" \
  ConnectionStrings__Jixiao="$connection" Jixiao__DataDirectory="$work/web/data" \
  Jixiao__Demo__Forms=0 Jixiao__Demo__Accounts=false \
  Jixiao__Admin__UserName=bench Jixiao__Admin__Password=bench-web-password-1 \
  Jixiao__Accounts__LoginsPerMinute=100 Jixiao__Rechecks__Automatic=false \
  Logging__LogLevel__Default=Warning \
    exec dotnet "$webdll" >"$work/web.log" 2>&1
) &
web_pid=$!
# the first start after an upgrade may build the stored totals over every form: wait up to 15 minutes
ready_start=$(date +%s.%N)
for _ in $(seq 1 1800); do
  curl -fsS -o /dev/null "$base/login" 2>/dev/null && break
  kill -0 "$web_pid" 2>/dev/null || { cat "$work/web.log" >&2; exit 1; }
  sleep 0.5
done
printf 'web application ready in %.1f s\n' "$(echo "$(date +%s.%N) - $ready_start" | bc)"

jar="$work/cookies.txt"
token=$(curl -fsS -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$token" ] || { say "no antiforgery token on the login page"; exit 1; }
curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "UserName=bench" --data-urlencode "Password=bench-web-password-1" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/login"
cookie=$(awk -F'\t' 'NF >= 7 && $1 !~ /^#/ || $1 ~ /^#HttpOnly_/ {print $6 "=" $7}' "$jar" | paste -sd ';' -)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/api/v1/forms?pageSize=1")
[ "$code" = 200 ] || { say "sign-in failed (GET /api/v1/forms gave $code)"; exit 1; }

# a database stored by an older version of the checks (BENCH_REUSE_*) would be re-checked in the background at the
# first start (decision 008; measured on its own by `Jixiao.Bench recheck`): the application is started with
# Jixiao:Rechecks:Automatic=false so that the requests are measured on the findings as stored, and a job left running
# by an earlier start (it goes on whatever that setting says) is waited for, not measured beside
while true; do
  rechecks=$(curl -fsS -H "Cookie: $cookie" "$base/api/v1/rechecks")
  [ "$(jq -r '.open == null' <<<"$rechecks")" = true ] && break
  say "waiting for the re-check of the stored forms to finish: $(jq -r '"\(.open.done) of \(.open.total) forms"' <<<"$rechecks")"
  sleep 30
done

# parameters from the data: a department and year of the first form, a check that has findings, a word of a name
first=$(curl -fsS -H "Cookie: $cookie" "$base/api/v1/forms?pageSize=1")
year=$(jq -r '.items[0].year // 2024' <<<"$first")
department=$(jq -r '.items[0].department' <<<"$first")
check=$(curl -fsS -H "Cookie: $cookie" "$base/api/v1/findings/groups" | jq -r '.checks | sort_by(.findings) | .[(length/2|floor)].code')
word=$(jq -r '.items[0].projectName' <<<"$first" | python3 -c 'import sys; s=sys.stdin.read().strip(); print(s[2:6] if len(s) >= 6 else s)')
word2=$(python3 -c 'import sys; print(sys.argv[1][:2])' "$word")
enc() { jq -rn --arg v "$1" '$v|@uri'; }
maxid=$(curl -sS -H "Cookie: $cookie" "$base/api/v1/forms?pageSize=1" | jq -r '.totalCount // empty' || true)
[ -n "$maxid" ] || maxid=$forms
echo "filters: year=$year department=$department check=$check q=$word; form ids 1..$maxid"

# 100 different words (four characters of the names on one API page from the middle of the list), so that a run of
# full-text searches does not repeat one query: rare and common words, as people type them
words=$(curl -fsS -H "Cookie: $cookie" "$base/api/v1/forms?pageSize=100&page=$(( maxid / 200 + 1 ))" \
  | jq -r '.items[].projectName' | python3 -c '
import sys, urllib.parse
seen = []
for i, name in enumerate(line.strip() for line in sys.stdin):
    start = 2 + i % 3
    w = name[start:start + 4] if len(name) >= start + 4 else name[:4]
    if len(w) == 4 and w not in seen:
        seen.append(w)
print(",".join("\"" + urllib.parse.quote(w) + "\"" for w in seen))')

cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p95: %.2f ms\n", latency:percentile(95) / 1000))
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
cat >"$work/ids.lua" <<LUA
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/forms/" .. math.random(1, $maxid))
end
$(cat "$work/report.lua")
LUA

cat >"$work/words.lua" <<LUA
math.randomseed(os.time())
local words = { $words }
request = function()
  return wrk.format("GET", "/api/v1/forms?q=" .. words[math.random(1, #words)])
end
$(cat "$work/report.lua")
LUA

run() {
  local label=$1 path=$2 script=${3:-$work/report.lua} out
  if [ "${prewarming:-0}" = 1 ]; then
    wrk -t"$threads" -c"$connections" -d"${app_warmup}s" --timeout 10s -H "Cookie: $cookie" -s "$script" "$base${path%%\{*}" >/dev/null
    return
  fi
  # warm-up, not measured: the server's caches, the JIT's optimised code and the database sessions as they are in use
  if [ "$warmup" -gt 0 ]; then
    wrk -t"$threads" -c"$connections" -d"${warmup}s" --timeout 10s -H "Cookie: $cookie" -s "$script" "$base${path%%\{*}" >/dev/null
  fi
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency --timeout 10s -H "Cookie: $cookie" -s "$script" "$base${path%%\{*}")
  local rps p50 p75 p90 p99 p95 errs
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out"); p75=$(awk '$1 == "75%" {print $2}' <<<"$out")
  p90=$(awk '$1 == "90%" {print $2}' <<<"$out"); p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  p95=$(awk '/^p95:/ {print $2 " ms"}' <<<"$out"); errs=$(awk '/^non-2xx/ {print $4}' <<<"$out")
  printf '| %s | `%s` | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$path" "$rps" "$p50" "$p75" "$p90" "$p95" "$p99" "$errs"
}

filter="year=$year&department=$(enc "$department")&check=$(enc "$check")"
page_filter="year=$year&dept=$(enc "$department")&check=$(enc "$check")"  # the pages call the department "dept"
only=${BENCH_ONLY:-}
want() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }

# the requests of the groups forms, findings, overview and one: run twice, first BENCH_APP_WARMUP seconds each (3)
# unmeasured, so that the whole application is warm (the tiered JIT compiles the code of every page in the background
# for a minute after the start) before the first request is measured — not only the request measured next
core() {
if want forms; then
run "list page" "/forms"
run "list page, filtered" "/forms?$page_filter"
run "forms API" "/api/v1/forms"
run "forms API, filtered" "/api/v1/forms?$filter"
run "list page, full text" "/forms?q=$(enc "$word")"
run "forms API, full text" "/api/v1/forms?q=$(enc "$word")"
run "forms API, full text, two characters" "/api/v1/forms?q=$(enc "$word2")"
run "forms API, full text, $(tr -cd ',' <<<"$words" | wc -c | xargs expr 1 +) different words" "/api/v1/forms?q={word}" "$work/words.lua"
fi
if want findings; then
# the findings list (issue 10): the page with its summary, the API, each filter alone, a combination, the sorts
run "findings page" "/findings"
run "findings page, filtered" "/findings?$page_filter"
run "findings API" "/api/v1/findings"
run "findings API, filtered" "/api/v1/findings?$filter"
run "findings API, severity=error" "/api/v1/findings?severity=error"
run "findings API, check" "/api/v1/findings?check=$(enc "$check")"
run "findings API, department" "/api/v1/findings?department=$(enc "$department")"
run "findings API, kind + severity=warning" "/api/v1/findings?kind=self&severity=warning"
run "findings API, full text" "/api/v1/findings?q=$(enc "$word")"
run "findings API, sort=department" "/api/v1/findings?sort=department"
run "findings API, sort=-severity" "/api/v1/findings?sort=-severity"
run "findings API, sort=check, page 20" "/api/v1/findings?sort=check&page=20"
run "finding groups API" "/api/v1/findings/groups"
fi
if want overview; then
run "overview page" "/"
run "statistics API" "/api/v1/statistics"
fi
if want one; then
run "one form (random id)" "/api/v1/forms/{1..$maxid}" "$work/ids.lua"
fi
}
app_warmup=${BENCH_APP_WARMUP:-3}
if [ "$app_warmup" -gt 0 ]; then
  prewarming=1 core
  prewarming=0
fi
echo
echo "| request | path | req/s | p50 | p75 | p90 | p95 | p99 | errors |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
echo "(filtered = year=$year&department=$department&check=$check; full text = q=$word, two characters = q=$word2)"
core
if want live; then
# the live evaluation of a form being edited (issue 11, speed: < 50 ms p95 for 40 indicators with the stored forms
# beside): the same 40-indicator forms as the Jixiao.Bench `live` pass, POSTed with the session's antiforgery token
dotnet run -c Release --project bench/Jixiao.Bench --artifacts-path "$art" -- live-body self >"$work/live-self.json"
dotnet run -c Release --project bench/Jixiao.Bench --artifacts-path "$art" -- live-body declaration >"$work/live-declaration.json"
csrf=$(curl -fsS -c "$jar" -b "$jar" "$base/api/v1/antiforgery" | jq -r '.token')
cookie=$(awk -F'\t' 'NF >= 7 && $1 !~ /^#/ || $1 ~ /^#HttpOnly_/ {print $6 "=" $7}' "$jar" | paste -sd ';' -)
for kind in self declaration; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -H "X-CSRF-TOKEN: $csrf" -H 'Content-Type: application/json' \
    --data-binary "@$work/live-$kind.json" "$base/api/v1/filings/live")
  [ "$code" = 200 ] || { say "POST /api/v1/filings/live ($kind) gave $code"; exit 1; }
  cat >"$work/live-$kind.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-CSRF-TOKEN"] = "$csrf"
local f = io.open("$work/live-$kind.json", "rb")
wrk.body = f:read("*a")
f:close()
$(cat "$work/report.lua")
LUA
done
run "live evaluation, 40-indicator self-evaluation (POST)" "/api/v1/filings/live" "$work/live-self.lua"
run "live evaluation, 40-indicator declaration (POST)" "/api/v1/filings/live" "$work/live-declaration.lua"
fi
if want library; then
# the indicator library (issue 11, item 5): its counts are built by the web application in the background after an
# import; wait for them, then the list, one entry and the suggestions for 100 different project names
library_start=$(date +%s.%N)
for _ in $(seq 1 3600); do
  [ "$(curl -fsS -H "Cookie: $cookie" "$base/api/v1/library?pageSize=1" | jq -r '.status.current')" = true ] && break
  sleep 0.5
done
printf 'indicator library counted (waited %.1f s after the measurements above)\n' "$(echo "$(date +%s.%N) - $library_start" | bc)"
entry=$(curl -fsS -H "Cookie: $cookie" "$base/api/v1/library?pageSize=1" | jq -r '.items[0].id')
type=$(curl -fsS -H "Cookie: $cookie" "$base/api/v1/library/suggestions?project=$(enc "$(jq -r '.items[0].projectName' <<<"$first")")" | jq -r '.type.code')
projects=$(curl -fsS -H "Cookie: $cookie" "$base/api/v1/forms?pageSize=100&page=$(( maxid / 300 + 1 ))" \
  | jq -r '.items[].projectName' | python3 -c '
import sys, urllib.parse
names = []
for name in (line.strip() for line in sys.stdin):
    if name and name not in names:
        names.append(name)
print(",".join("\"" + urllib.parse.quote(n) + "\"" for n in names))')
cat >"$work/projects.lua" <<LUA
math.randomseed(os.time())
local projects = { $projects }
request = function()
  return wrk.format("GET", "/api/v1/library/suggestions?project=" .. projects[math.random(1, #projects)])
end
$(cat "$work/report.lua")
LUA
echo "(library: entry $entry, project type of the first form: $type)"
run "library page" "/library"
run "library API" "/api/v1/library"
run "library API, one project type, sorted by met rate" "/api/v1/library?type=$type&sort=-met"
run "library entry page" "/library/$entry"
run "library entry API" "/api/v1/library/$entry"
run "suggestions page" "/library/suggestions?project=$(enc "$(jq -r '.items[0].projectName' <<<"$first")")"
run "suggestions API, $(tr -cd ',' <<<"$projects" | wc -c | xargs expr 1 +) different project names" "/api/v1/library/suggestions?project={name}" "$work/projects.lua"
fi
