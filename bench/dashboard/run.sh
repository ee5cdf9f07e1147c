#!/usr/bin/env bash
# Dashboard load time over 90 days of rollups: starts the consumer jar on a fresh database
# (its Flyway migrations create the schema), seeds the rollup tables with seed.sql, then times
# every API call the dashboard makes for the 90 d, 30 d, 7 d, 24 h and 1 h views with curl,
# one call at a time (median and slowest of the repetitions) and all calls of a view at once,
# as the page makes them (wall time), in one signed-in session as the page does. The database
# and the broker virtual host it creates are deleted at the end.
# Usage: bench/dashboard/run.sh [services, default 5] [routes per service, default 30] [repetitions, default 5]
# Needs psql, curl, java 17, the built jar (./mvnw -pl tracking-consumer -am package -DskipTests),
# PostgreSQL at PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432 postgres, trust authentication) and
# RabbitMQ at 127.0.0.1:5672 (guest); with rabbitmqctl on the path the consumer gets its own vhost.
set -euo pipefail
cd "$(dirname "$0")"
SERVICES=${1:-5}
ROUTES=${2:-30}
REPETITIONS=${3:-5}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
PORT=${BENCH_PORT:-18480}
DB="rt_bench_dashboard_$$"
VHOST="rt-bench-dashboard-$$"
JAR=$(ls ../../tracking-consumer/target/tracking-consumer-*-exec.jar 2>/dev/null | head -n 1 || true)
if [ -z "$JAR" ]; then
	echo "No consumer jar: build it with ./mvnw -pl tracking-consumer -am package -DskipTests" >&2
	exit 1
fi
WORK=$(mktemp -d)
CONSUMER_PID=""

cleanup() {
	if [ -n "$CONSUMER_PID" ]; then
		kill "$CONSUMER_PID" 2>/dev/null || true
		wait "$CONSUMER_PID" 2>/dev/null || true
	fi
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
	if command -v rabbitmqctl >/dev/null; then
		rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1 || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

psql -qX -d postgres -c "CREATE DATABASE $DB"
VHOST_ARGUMENT=()
if command -v rabbitmqctl >/dev/null; then
	rabbitmqctl -q add_vhost "$VHOST" >/dev/null
	rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null
	VHOST_ARGUMENT=(--spring.rabbitmq.virtual-host="$VHOST")
fi

echo "Starting the consumer on port $PORT (database $DB)"
java -jar "$JAR" --server.port="$PORT" --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
	--spring.datasource.username="$PGUSER" --spring.datasource.password= "${VHOST_ARGUMENT[@]}" \
	--tracking.consumer.security.viewer.password=bench --tracking.consumer.analytics.rollup.enabled=false \
	--tracking.consumer.retention.enabled=false >"$WORK/consumer.log" 2>&1 &
CONSUMER_PID=$!
for _ in $(seq 1 240); do
	if curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health/liveness"; then
		break
	fi
	if ! kill -0 "$CONSUMER_PID" 2>/dev/null; then
		tail -n 30 "$WORK/consumer.log" >&2
		exit 1
	fi
	sleep 1
done

echo "Seeding 90 days of rollups for $SERVICES services x $ROUTES routes"
seed_start=$(date +%s)
psql -qX -d "$DB" -v services="$SERVICES" -v routes="$ROUTES" -f seed.sql
echo "Seeded in $(( $(date +%s) - seed_start )) s"

iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

# The calls of one view, as dashboard.js makes them.
calls() {
	local span=$1 width=$2 granularity=$3 now from to query
	now=$(date -u +%s)
	from=$(( (now - span) / width * width ))
	to=$(( (now + width - 1) / width * width ))
	query="from=$(iso "$from")&to=$(iso "$to")"
	for call in "outcomes?$query&granularity=$granularity" "latency-over-time?$query&granularity=$granularity" \
		"routes?$query&granularity=$granularity&limit=20" "status-codes?$query&granularity=$granularity" \
		"places?$query&granularity=$granularity&limit=10" \
		"user-agent-breakdown?$query&granularity=$granularity&limit=8" \
		"routes?$query&granularity=$granularity&limit=100" "pipeline?$query"; do
		echo "http://127.0.0.1:$PORT/api/analytics/$call"
	done
}

# Like the page, every call carries the session cookie of one sign-in (and the credentials,
# which the session spares from being checked again).
time_call() {
	curl -s -o /dev/null -b "$WORK/cookies" -u viewer:bench -w '%{http_code} %{time_total}\n' "$1"
}

median_and_max() {
	sort -n | awk '{ v[NR] = $1 } END { printf "%6.0f ms %6.0f ms", 1000 * v[int((NR + 1) / 2)], 1000 * v[NR] }'
}

curl -fs -o /dev/null -c "$WORK/cookies" -u viewer:bench "http://127.0.0.1:$PORT/api/analytics/pipeline"

echo
printf '%-5s %-22s %6s %9s %9s\n' view call status median slowest
for view in "90d $((90 * 86400)) 86400 day" "30d $((30 * 86400)) 86400 day" "7d $((7 * 86400)) 3600 hour" \
	"24h 86400 3600 hour" "1h 3600 60 minute"; do
	read -r name span width granularity <<<"$view"
	mapfile -t urls < <(calls "$span" "$width" "$granularity")
	for url in "${urls[@]}"; do
		time_call "$url" >/dev/null  # warm-up
		results=$(for _ in $(seq 1 "$REPETITIONS"); do time_call "$url"; done)
		status=$(echo "$results" | awk '{ print $1 }' | sort -u | tr '\n' ' ')
		label=$(echo "$url" | sed -E 's|.*/api/analytics/([a-z-]+)\?.*limit=([0-9]+).*|\1 (\2)|; s|.*/api/analytics/([a-z-]+)\?.*|\1|')
		printf '%-5s %-22s %6s %s\n' "$name" "$label" "$status" "$(echo "$results" | awk '{ print $2 }' | median_and_max)"
	done
	walls=$(for _ in $(seq 1 "$REPETITIONS"); do
		start=$(date +%s.%N)
		pids=()
		for url in "${urls[@]}"; do
			time_call "$url" >/dev/null &
			pids+=($!)
		done
		wait "${pids[@]}"
		echo "$(date +%s.%N) - $start" | bc
	done)
	printf '%-5s %-22s %6s %s\n' "$name" "all at once (wall)" "" "$(echo "$walls" | median_and_max)"
done
