#!/usr/bin/env bash
# Where the CPU goes under saturation: starts one copy of the benchmark service with the
# given extra arguments (tracking on against the local RabbitMQ by default, with a bounded
# queue bound to a unique exchange), warms it up with wrk for 40 s, then runs wrk for 15 s
# and prints the CPU seconds used in that window by each group of the service's threads
# (from /proc/<pid>/task/*/stat) and by the RabbitMQ server (beam.smp), with the requests/s
# and the delivery counters. Linux only; run it on an otherwise idle machine.
#
# Usage: bench/starter/profile-cpu.sh [--tracking.*=... ...]
#   bench/starter/profile-cpu.sh                                  # the defaults
#   bench/starter/profile-cpu.sh --tracking.delivery.compression=none
#   bench/starter/profile-cpu.sh --tracking.enabled=false
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PORT="${PORT:-18190}"
EXCHANGE="bench_profile_$$"
WORK="$(mktemp -d)"

command -v wrk >/dev/null || apt-get install -y wrk
# shellcheck source=build.sh
. "$HERE/build.sh"

java -Xms256m -Xmx256m -cp "$CP" io.github.requesttracking.bench.BenchApplication --server.port="$PORT" \
	--tracking.exchange="$EXCHANGE" --tracking.rabbitmq.host=127.0.0.1 --tracking.rabbitmq.port=5672 \
	--bench.bind-queue=true "$@" >"$WORK/app.log" 2>&1 &
PID=$!
cleanup() {
	kill "$PID" 2>/dev/null || true
	wait "$PID" 2>/dev/null || true
	java -cp "$CP" io.github.requesttracking.bench.BenchCleanup "$EXCHANGE" 127.0.0.1 5672 >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT

for _ in $(seq 1 240); do
	curl -sf "http://127.0.0.1:$PORT/hello" >/dev/null && break
	sleep 0.5
done
wrk -t2 -c32 -d40s "http://127.0.0.1:$PORT/hello" >/dev/null
BEAM=$(pgrep -f beam.smp | head -n 1)

# CPU ticks per thread group (thread names without their trailing number) and of the broker.
snapshot() {
	for task in /proc/"$PID"/task/*; do
		echo "$(tr ' ' '_' <"$task/comm") $(awk '{ print $14 + $15 }' "$task/stat")"
	done | awk '{ name = $1; sub(/-[0-9]+$/, "", name); ticks[name] += $2 } END { for (n in ticks) print n, ticks[n] }'
	echo "rabbitmq-server $(awk '{ print $14 + $15 }' /proc/"$BEAM"/stat)"
}
snapshot | sort >"$WORK/before"
wrk -t2 -c32 -d15s "http://127.0.0.1:$PORT/hello" | grep 'Requests/sec'
snapshot | sort >"$WORK/after"
TICKS=$(getconf CLK_TCK)
join "$WORK/before" "$WORK/after" | awk -v hz="$TICKS" '{ s = ($3 - $2) / hz; if (s >= 0.05) printf "%-28s %6.2f s\n", $1, s }' |
	sort -k2 -nr
echo "delivery: $(curl -s "http://127.0.0.1:$PORT/bench/stats")"
