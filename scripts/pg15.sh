#!/usr/bin/env bash
# Installs (when missing) and starts PostgreSQL 15 for the server suites, as root on a fresh
# machine without systemd; creates role and database `bizmail`. Prints the DATABASE_URL.
set -euo pipefail
if [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql-15 postgresql-contrib-15 >/dev/null 2>&1 || apt-get install -y -qq postgresql >&2
fi
if ! pg_lsclusters -h 2>/dev/null | grep -q '^15 \+main'; then
  pg_createcluster 15 main >&2
fi
if ! pg_lsclusters -h | grep -q '^15 \+main \+[0-9]\+ \+online'; then
  pg_ctlcluster 15 main start >&2
fi
PORT=$(pg_lsclusters -h | awk '$1 == "15" && $2 == "main" { print $3 }')
su postgres -c "psql -p $PORT -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'bizmail'\"" | grep -q 1 ||
  su postgres -c "psql -p $PORT -qc \"CREATE ROLE bizmail LOGIN PASSWORD 'bizmail'\"" >&2
su postgres -c "psql -p $PORT -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'bizmail'\"" | grep -q 1 ||
  su postgres -c "createdb -p $PORT -O bizmail bizmail" >&2
echo "postgres://bizmail:bizmail@127.0.0.1:$PORT/bizmail"
