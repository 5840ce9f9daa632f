#!/usr/bin/env bash
# Installs (Debian's postgresql) and starts a PostgreSQL server on a fresh
# machine, creates the role and database the integration tests use, and prints
# their DSN on stdout: export SEGMENTA_PG_DSN=$(bash scripts/pg-ci.sh)
# (the server it starts holds none of the caller's descriptors).
# Idempotent. Everything else goes to stderr.
set -euo pipefail
exec 3>&1 1>&2
if ! command -v pg_ctlcluster >/dev/null; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
fi
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if [ -z "$(pg_lsclusters -h)" ]; then pg_createcluster "$ver" main; fi
cluster=$(pg_lsclusters -h | awk 'NR == 1 {print $1" "$2}')
status=$(pg_lsclusters -h | awk 'NR == 1 {print $4}')
# The server is a daemon: it must not inherit this script's descriptors. Holding
# the caller's stdout pipe (fd 3 here, a $(...) substitution in the caller)
# or any pipe a CI runner passed down would keep the caller waiting forever,
# so every descriptor is closed or sent to /dev/null before it starts.
if [ "$status" != online ]; then
	if ! (
		for fd in $(ls /proc/$BASHPID/fd); do
			[ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
		done
		exec pg_ctlcluster $cluster start </dev/null >/dev/null 2>&1
	); then
		echo "pg_ctlcluster $cluster start failed; its log:"
		tail -n 30 "$(pg_lsclusters -h | awk 'NR == 1 {print $7}')" || true
		exit 1
	fi
fi
port=$(pg_lsclusters -h | awk 'NR == 1 {print $3}')
for _ in $(seq 30); do pg_isready -q -h localhost -p "$port" && break; sleep 1; done
pg_isready -h localhost -p "$port"
su postgres -c "psql -q -p $port -v ON_ERROR_STOP=1" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'segmenta') THEN
    CREATE ROLE segmenta LOGIN PASSWORD 'segmenta' CREATEDB;
  END IF;
END \$\$;
SQL
if ! su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = 'segmenta'\"" | grep -q 1; then
	su postgres -c "createdb -p $port -O segmenta segmenta"
fi
echo "postgres://segmenta:segmenta@localhost:$port/segmenta?sslmode=disable" >&3
