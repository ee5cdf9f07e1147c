#!/bin/sh
# Creates, or updates, the read-only database login that Grafana queries with: a member of
# the group role tracking_reader (see docs/storage.md, "Database roles") whose password is
# set from the environment on every run, so that changing it in .env takes effect on the
# next "docker compose up". Runs in the grafana-database-login service of docker-compose.yml
# with the owner login of the database (PGHOST, PGDATABASE, PGUSER, PGPASSWORD), and exits.
#
# Settings: GRAFANA_DATABASE_USER (the login) and GRAFANA_DATABASE_PASSWORD.
set -eu

: "${GRAFANA_DATABASE_USER:?set GRAFANA_DATABASE_USER to the login Grafana connects with}"
: "${GRAFANA_DATABASE_PASSWORD:?set GRAFANA_DATABASE_PASSWORD to the password of that login}"

# The health check of the postgres service can pass while the image still runs its
# initialisation server, which accepts no network connections: wait for the real one.
attempts=0
until pg_isready -q; do
	attempts=$((attempts + 1))
	if [ "$attempts" -ge 30 ]; then
		echo "PostgreSQL at ${PGHOST:-localhost} did not accept connections within 60 seconds" >&2
		exit 1
	fi
	sleep 2
done

exec psql -X -q -v ON_ERROR_STOP=1 -f "$(dirname "$0")/reader-login.sql"
