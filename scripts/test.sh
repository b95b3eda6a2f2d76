#!/usr/bin/env bash
# The README's test command: sets up what the tests need on a fresh machine, builds, runs every
# test project, and ends by printing the totals alone on one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet (SDK 10) is required; see README.md" >&2
  exit 2
fi

# The browser tests drive Debian's Chromium (Playwright cannot download a browser here).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" -eq 0 ]; then
  echo "== install chromium (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; } >&2 \
    || echo "chromium could not be installed: the browser tests will be reported as skipped" >&2
fi

# The reader round trips render the corpus to PDF, XLSX, XLS and DOCX with LibreOffice (headless) and compare
# with pdftotext (poppler-utils); a CJK font lets Chromium and LibreOffice print Chinese text.
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" -eq 0 ]; then
  echo "== install ${missing[*]} (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >&2 \
    || echo "${missing[*]} could not be installed: the round trips that need them will be reported as skipped" >&2
fi

# The data tests run on SQLite and on a real PostgreSQL server on loopback, installed and started here.
if [ -z "${JIXIAO_TEST_POSTGRES:-}" ]; then
  echo "== start PostgreSQL (scripts/start-postgres.sh)" >&2
  if pg=$(bash scripts/start-postgres.sh); then
    export JIXIAO_TEST_POSTGRES="$pg"
  else
    echo "PostgreSQL could not be started: its tests will be reported as skipped" >&2
  fi
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "== restore and build (Release)" >&2
if ! dotnet build Jixiao.slnx -c Release -nologo -clp:ErrorsOnly >"$results/build.log" 2>&1; then
  cat "$results/build.log" >&2
  echo "build failed" >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

echo "== test" >&2
dotnet test Jixiao.slnx -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" 2>&1 | grep -vE '^\s*$' >&2
status=${PIPESTATUS[0]}

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); total=$(get total); executed=$(get executed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0}))
  # skipped tests are not executed (the trx "notExecuted" counter stays 0 for them)
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done

if [ "$files" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  # the runner failed without reporting a failed test (crash, no results): count it as a failure
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
