#!/usr/bin/env bash
# Starts a private PostgreSQL server for the tests and benchmarks, and prints its connection string on stdout:
#
#   export JIXIAO_TEST_POSTGRES=$(bash scripts/start-postgres.sh)
#
# Idempotent: installs Debian's postgresql (+ contrib, for pg_trgm) with apt-get when missing, creates a private
# cluster under $JIXIAO_PG_DIR (default /tmp/jixiao-pg) listening on 127.0.0.1:$JIXIAO_PG_PORT (default 55432) only,
# starts it when it is not running, waits until it accepts connections, and creates the role and database
# jixiao_test (password jixiao_test, CREATEDB so that each test can make its own database).
# The cluster never touches the system's own clusters (/var/lib/postgresql) or port 5432.
# Everything but the connection string goes to stderr. Stop it with:
#   runuser -u postgres -- pg_ctl -D /tmp/jixiao-pg/data stop   (or as the invoking user when not root)
set -euo pipefail

dir=${JIXIAO_PG_DIR:-/tmp/jixiao-pg}
port=${JIXIAO_PG_PORT:-55432}
role=${JIXIAO_PG_USER:-jixiao_test}
password=${JIXIAO_PG_PASSWORD:-jixiao_test}
database=${JIXIAO_PG_DATABASE:-jixiao_test}
data="$dir/data"
socket="$dir/socket"
log="$dir/server.log"

say() { echo "start-postgres: $*" >&2; }

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

trgm_available() {
  ls /usr/share/postgresql/*/extension/pg_trgm.control >/dev/null 2>&1
}

# 1. the server binaries (and pg_trgm from contrib)
if ! bin=$(find_bin) || ! trgm_available; then
  if [ "$(id -u)" -ne 0 ]; then
    say "PostgreSQL is not installed and this is not root: install postgresql and postgresql-contrib first"
    exit 1
  fi
  say "installing postgresql with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >&2
  bin=$(find_bin) || { say "postgresql was installed but initdb was not found under /usr/lib/postgresql"; exit 1; }
fi

# 2. who runs the server: initdb and postgres refuse root
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  id "$owner" >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash "$owner"
  as_owner() { runuser -u "$owner" -- "$@"; }
else
  owner=$(id -un)
  as_owner() { "$@"; }
fi

mkdir -p "$dir" "$socket"
chown "$owner" "$dir" "$socket" 2>/dev/null || true
chmod 700 "$dir"

# 3. the cluster: UTF-8 with a UTF-8 ctype, so that pg_trgm makes trigrams of Chinese characters
if [ ! -s "$data/PG_VERSION" ]; then
  locale=C.UTF-8
  if ! locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$'; then
    locale=$(locale -a 2>/dev/null | grep -i 'utf-\?8$' | head -n 1 || true)
  fi
  say "creating a cluster in $data (locale ${locale:-C})"
  rm -rf "$data"
  as_owner "$bin/initdb" -D "$data" --encoding=UTF8 ${locale:+--locale="$locale"} \
    --auth-local=trust --auth-host=scram-sha-256 --username=postgres >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
fi

# 4. start it on loopback only
malloc_tunables="glibc.malloc.mmap_threshold=8388608:glibc.malloc.trim_threshold=33554432"
if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  say "starting PostgreSQL on 127.0.0.1:$port"
  # glibc keeps freed memory instead of returning it after every statement: otherwise each query that builds a large
  # bitmap or hash table (the trigram search, the list's sorts) pays for fresh pages again (docs/deploy.md)
  as_owner env GLIBC_TUNABLES="$malloc_tunables" "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$socket -c max_connections=200 -c shared_buffers=256MB" \
    start >&2 || { tail -n 30 "$log" >&2; exit 1; }
fi

# 5. wait until it accepts connections
for _ in $(seq 1 60); do
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    break
  fi
  sleep 0.5
done
"$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { say "the server did not become ready; see $log"; tail -n 30 "$log" >&2; exit 1; }

# 6. role and database (through the private socket, as the cluster's superuser)
psql_su() { as_owner "$bin/psql" -h "$socket" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_su -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != "1" ]; then
  say "creating role $role"
  psql_su -c "CREATE ROLE \"$role\" LOGIN CREATEDB PASSWORD '$password'" >&2
else
  psql_su -c "ALTER ROLE \"$role\" LOGIN CREATEDB PASSWORD '$password'" >&2
fi
# DROP DATABASE … WITH (FORCE) in the tests must be able to end an autovacuum worker still busy in a test database
# (PostgreSQL 15 checks that permission for it like for any other session)
psql_su -c "GRANT pg_signal_backend TO \"$role\"" >&2
if [ "$(psql_su -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
  say "creating database $database"
  psql_su -c "CREATE DATABASE \"$database\" OWNER \"$role\"" >&2
fi

echo "Host=127.0.0.1;Port=$port;Database=$database;Username=$role;Password=$password"
