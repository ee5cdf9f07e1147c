#!/usr/bin/env bash
# Ingest cost of the request_events indexes: pgbench inserts consumer-sized batches (100 rows
# per transaction) into a fresh database with all indexes, with none but the primary key, and
# with each secondary index alone, and prints rows per second and the size per row.
# Usage: bench/storage/run.sh [seconds per run, default 15] [clients, default 2]
# Needs psql and pgbench, and PostgreSQL at PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432 postgres).
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_RUN=${1:-15}
CLIENTS=${2:-2}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGOPTIONS="-c client_min_messages=warning"
MIGRATIONS=../../db/src/main/resources/db/migration
DB="rt_bench_storage_$$"
INDEXES=(request_events_service_route_time_idx request_events_status_time_idx request_events_user_idx
	request_events_time_brin_idx)

psql -qX -d postgres -c "CREATE DATABASE $DB"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"' EXIT

migrate() {
	psql -qX -d "$DB" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null
	for version in $(ls "$MIGRATIONS" | sed -E 's/^V([0-9]+)__.*/\1/' | sort -n); do
		psql -qX -d "$DB" -v ON_ERROR_STOP=1 -1 -f "$MIGRATIONS"/V"${version}"__*.sql >/dev/null
	done
}

# Keep only the named secondary indexes (none when no argument).
keep_indexes() {
	for index in "${INDEXES[@]}"; do
		if [[ " $* " != *" $index "* ]]; then
			psql -qX -d "$DB" -c "DROP INDEX $index"
		fi
	done
}

run() {
	local label=$1
	shift
	migrate
	keep_indexes "$@"
	local tps
	tps=$(pgbench -n -c "$CLIENTS" -j "$CLIENTS" -T "$SECONDS_PER_RUN" -f insert-batch.sql "$DB" 2>/dev/null \
		| sed -nE 's/^tps = ([0-9.]+).*/\1/p')
	local bytes_per_row
	bytes_per_row=$(psql -qXAt -d "$DB" -c "SELECT round(sum(pg_total_relation_size(inhrelid)) / greatest(
		(SELECT count(*) FROM request_events), 1)) FROM pg_inherits WHERE inhparent = 'request_events'::regclass")
	printf '%-44s %10.0f rows/s %6s bytes/row (table + indexes)\n' "$label" "$(echo "$tps * 100" | bc)" \
		"$bytes_per_row"
}

echo "pgbench: $CLIENTS clients, ${SECONDS_PER_RUN}s per run, 100 rows per transaction"
run "primary key only" 
run "all indexes" "${INDEXES[@]}"
run "primary key only (again)"
run "all indexes (again)" "${INDEXES[@]}"
for index in "${INDEXES[@]}"; do
	run "+ $index" "$index"
done
