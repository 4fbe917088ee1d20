#!/usr/bin/env bash
# Install (from Debian) and start PostgreSQL 15, create a test role and database, and print the
# DATABASE_URL for PUSKESMAS_TEST_POSTGRES_URL on stdout. Idempotent; run as root. Exports nothing:
#   export PUSKESMAS_TEST_POSTGRES_URL="$(.ci/postgres.sh)"
set -euo pipefail

PG_VERSION=15
PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-puskesmas}"
PG_PASSWORD="${PG_PASSWORD:-puskesmas}"
PG_DB="${PG_DB:-puskesmas_test}"

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d "/usr/lib/postgresql/${PG_VERSION}" ]; then
    log "installing postgresql-${PG_VERSION}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "postgresql-${PG_VERSION}" >&2
fi

if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main"' | grep -q .; then
    log "creating cluster ${PG_VERSION}/main"
    pg_createcluster "$PG_VERSION" main --port "$PG_PORT" >&2
fi

if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
    log "starting cluster ${PG_VERSION}/main"
    pg_ctlcluster "$PG_VERSION" main start >&2
fi

for _ in $(seq 1 60); do
    if su postgres -c "pg_isready -q -p ${PG_PORT}" >/dev/null 2>&1; then
        break
    fi
    sleep 0.5
done
su postgres -c "pg_isready -q -p ${PG_PORT}" >&2

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtA -p ${PG_PORT} -c \"$1\"" ; }

if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '${PG_USER}'")" != "1" ]; then
    log "creating role ${PG_USER}"
    # CREATEDB: the test suite makes one throw-away database per server it starts.
    psql_admin "CREATE ROLE ${PG_USER} LOGIN CREATEDB PASSWORD '${PG_PASSWORD}'" >&2
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '${PG_DB}'")" != "1" ]; then
    log "creating database ${PG_DB}"
    psql_admin "CREATE DATABASE ${PG_DB} OWNER ${PG_USER}" >&2
fi

echo "postgresql+psycopg://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${PG_PORT}/${PG_DB}"
