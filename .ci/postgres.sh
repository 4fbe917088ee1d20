#!/usr/bin/env bash
# Start the Debian PostgreSQL 15 cluster 15/main (installing and creating it when missing), make
# sure the test role and database exist, and print the DATABASE_URL for PUSKESMAS_TEST_POSTGRES_URL
# on stdout. Idempotent; exports nothing:
#   export PUSKESMAS_TEST_POSTGRES_URL="$(.ci/postgres.sh)"
# Runs as root, or as a user with sudo (administration goes through `sudo -u postgres`). Without
# either it still works when the cluster is running and the role exists; otherwise it says, in
# Bahasa Indonesia and English, what an administrator must run. Every wait is bounded.
# When another server already holds the cluster's port (say a PostgreSQL outside this root), the
# cluster moves to the next free port rather than using someone else's server.
set -euo pipefail

# The package lists and the root/sudo helpers.
# shellcheck source=../scripts/dev
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/dev"
DEV_PREFIX=postgres.sh

PG_VERSION=15
PG_CLUSTER=main
PG_USER="${PG_USER:-puskesmas}"
PG_PASSWORD="${PG_PASSWORD:-puskesmas}"
PG_DB="${PG_DB:-puskesmas_test}"
START_WAIT_S="${PG_START_WAIT_S:-60}"

fail() { say_both "$1" "$2"; exit 1; }

cluster_field() {  # cluster_field N: column N of pg_lsclusters for our cluster (3 port, 4 status)
  pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" -v n="$1" \
    '$1 == v && $2 == c { print $n }'
}

# Something answers TCP connections on 127.0.0.1:PORT.
port_taken() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

free_port() {
  local port
  for port in $(seq 5432 5499); do port_taken "$port" || { echo "$port"; return 0; }; done
  return 1
}

# Administration as the postgres user: runuser as root, sudo -u postgres otherwise. Sets AS_PG.
AS_PG=()
postgres_access() {
  root_prefix || return 1
  if [[ $(id -u) == 0 ]]; then AS_PG=(runuser -u postgres --); else AS_PG=("${ROOT_PREFIX[@]}" -u postgres --); fi
}

need_postgres_access() {
  postgres_access && return 0
  say_both "Perlu hak root atau sudo untuk $1. Minta administrator komputer menjalankan: sudo $2" \
    "Root or sudo is needed to $3. Ask the computer's administrator to run: sudo $2"
  sudo_hint
  exit 1
}

# Waits (bounded) until the cluster accepts connections on 127.0.0.1:$port.
wait_ready() {
  local port=$1 deadline=$((SECONDS + START_WAIT_S))
  until pg_isready -q -h 127.0.0.1 -p "$port" -t 2; do
    if ((SECONDS >= deadline)); then
      local logfile
      logfile=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $7 }')
      fail "PostgreSQL ${PG_VERSION}/${PG_CLUSTER} tidak siap di port ${port} setelah ${START_WAIT_S} s; lihat ${logfile:-/var/log/postgresql/}" \
        "PostgreSQL ${PG_VERSION}/${PG_CLUSTER} is not ready on port ${port} after ${START_WAIT_S} s; see ${logfile:-/var/log/postgresql/}"
    fi
    sleep 0.5
  done
}

test_login_works() {
  PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$1" -U "$PG_USER" -d "$PG_DB" \
    -qtAc 'SELECT 1' >/dev/null 2>&1
}

# 1. Installed (from Debian, through the same list as scripts/dev).
if [[ ! -x /usr/lib/postgresql/${PG_VERSION}/bin/postgres ]] || ! command -v pg_lsclusters >/dev/null; then
  install_packages "" "${POSTGRES_PACKAGES[@]}"
fi

# 2. The cluster exists (the Debian package usually makes it).
if [[ -z $(cluster_field 2) ]]; then
  need_postgres_access "membuat klaster PostgreSQL" "pg_createcluster ${PG_VERSION} ${PG_CLUSTER} --start" \
    "create the PostgreSQL cluster"
  port=$(free_port) || fail "Tidak ada port bebas di 5432-5499." "No free port in 5432-5499."
  say "membuat klaster ${PG_VERSION}/${PG_CLUSTER} di port ${port}" "creating cluster ${PG_VERSION}/${PG_CLUSTER} on port ${port}"
  "${ROOT_PREFIX[@]}" pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$port" >&2
fi
port=$(cluster_field 3)

# 3. It runs: on its own port, or on a free one when another server holds that port.
if [[ $(cluster_field 4) != online* ]]; then
  need_postgres_access "menyalakan PostgreSQL" "pg_ctlcluster ${PG_VERSION} ${PG_CLUSTER} start" \
    "start PostgreSQL"
  if port_taken "$port"; then
    new_port=$(free_port) || fail "Tidak ada port bebas di 5432-5499." "No free port in 5432-5499."
    say "port ${port} dipakai server lain; klaster ${PG_VERSION}/${PG_CLUSTER} pindah ke port ${new_port}" \
      "port ${port} is used by another server; cluster ${PG_VERSION}/${PG_CLUSTER} moves to port ${new_port}"
    "${AS_PG[@]}" pg_conftool "$PG_VERSION" "$PG_CLUSTER" set port "$new_port"
    port=$new_port
  fi
  say "menyalakan klaster ${PG_VERSION}/${PG_CLUSTER} (port ${port})" "starting cluster ${PG_VERSION}/${PG_CLUSTER} (port ${port})"
  timeout "$START_WAIT_S" "${ROOT_PREFIX[@]}" pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start >&2 \
    || fail "PostgreSQL tidak mau menyala; lihat pesan di atas dan /var/log/postgresql/." \
      "PostgreSQL did not start; see the messages above and /var/log/postgresql/."
fi
wait_ready "$port"

# 4. The test role (CREATEDB: the suite makes one throw-away database per server it starts) and
#    its database; nothing to do, and no privileges needed, when it can already log in.
if ! test_login_works "$port"; then
  need_postgres_access "membuat peran uji ${PG_USER}" \
    "-u postgres psql -p ${port} -c \"CREATE ROLE ${PG_USER} LOGIN CREATEDB PASSWORD '${PG_PASSWORD}'\" -c \"CREATE DATABASE ${PG_DB} OWNER ${PG_USER}\"" \
    "create the test role ${PG_USER}"
  psql_admin() { timeout 30 "${AS_PG[@]}" psql -X -v ON_ERROR_STOP=1 -qtA -p "$port" -c "$1"; }
  if [[ $(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '${PG_USER}'") != 1 ]]; then
    say "membuat peran ${PG_USER}" "creating role ${PG_USER}"
    psql_admin "CREATE ROLE ${PG_USER} LOGIN CREATEDB PASSWORD '${PG_PASSWORD}'" >&2
  fi
  if [[ $(psql_admin "SELECT 1 FROM pg_database WHERE datname = '${PG_DB}'") != 1 ]]; then
    say "membuat database ${PG_DB}" "creating database ${PG_DB}"
    psql_admin "CREATE DATABASE ${PG_DB} OWNER ${PG_USER}" >&2
  fi
  test_login_works "$port" \
    || fail "Peran ${PG_USER} tidak dapat masuk ke ${PG_DB} di 127.0.0.1:${port}." \
      "Role ${PG_USER} cannot log in to ${PG_DB} on 127.0.0.1:${port}."
fi

echo "postgresql+psycopg://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${PG_DB}"
