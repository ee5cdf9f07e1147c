#!/usr/bin/env bash
# CPU per request, tracking off against tracking on, from the kernel's accounting rather than
# from throughput alone: two copies of the trivial service run side by side, and each wrk
# window records the requests served, the CPU time of that service's process and of the
# RabbitMQ server, and the whole machine's split (user, system, softirq, idle). The order of
# the two variants alternates every repetition.
#
# Usage (from anywhere): bench/starter/cpu-per-request.sh [extra --tracking.* arguments for "on"]
# Environment: DURATION (s, default 10), REPS (8), WARMUP (s, 20), RABBIT_PORT (5672; 1 measures
#              the broker-down path)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION="${DURATION:-10}"
REPS="${REPS:-8}"
WARMUP="${WARMUP:-20}"
RABBIT_PORT="${RABBIT_PORT:-5672}"
EXCHANGE="bench_cpu_$$"
OUT="$HERE/target/cpu-$(date -u +%Y%m%dT%H%M%SZ)"

command -v wrk >/dev/null || apt-get install -y wrk
# shellcheck source=build.sh
. "$HERE/build.sh"
mkdir -p "$OUT"

BIND=()
[ "$RABBIT_PORT" = 1 ] || BIND=(--bench.bind-queue=true)
java -Xms256m -Xmx256m -cp "$CP" io.github.requesttracking.bench.BenchApplication --server.port=18301 \
	--tracking.enabled=false >"$OUT/app-off.log" 2>&1 &
OFF=$!
java -Xms256m -Xmx256m -cp "$CP" io.github.requesttracking.bench.BenchApplication --server.port=18302 \
	--tracking.exchange="$EXCHANGE" --tracking.rabbitmq.host=127.0.0.1 --tracking.rabbitmq.port="$RABBIT_PORT" \
	"${BIND[@]}" "$@" >"$OUT/app-on.log" 2>&1 &
ON=$!
cleanup() {
	kill "$OFF" "$ON" 2>/dev/null || true
	wait "$OFF" "$ON" 2>/dev/null || true
	java -cp "$CP" io.github.requesttracking.bench.BenchCleanup "$EXCHANGE" 127.0.0.1 5672 >/dev/null 2>&1 || true
}
trap cleanup EXIT

for port in 18301 18302; do
	for _ in $(seq 1 240); do
		curl -sf "http://127.0.0.1:$port/hello" >/dev/null && break
		sleep 0.5
	done
	curl -sf "http://127.0.0.1:$port/hello" >/dev/null || { echo "the service on port $port did not start"; exit 1; }
	wrk -t2 -c32 -d"${WARMUP}s" "http://127.0.0.1:$port/hello" >/dev/null
done
BEAM=$(pgrep -f beam.smp | head -n 1)

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
machine() { awk '/^cpu / { print $2 + $3, $4, $5 + $6, $7 + $8, $9 }' /proc/stat; }

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/summary.txt"
printf '%-4s %-4s %10s %9s %9s %9s %7s %7s %7s %7s\n' rep var 'requests/s' 'app µs' 'broker µs' 'total µs' 'user%' 'sys%' 'irq%' 'idle%' |
	tee -a "$OUT/summary.txt"
for rep in $(seq 1 "$REPS"); do
	if [ $((rep % 2)) = 1 ]; then ORDER=(off on); else ORDER=(on off); fi
	for variant in "${ORDER[@]}"; do
		if [ "$variant" = off ]; then pid=$OFF; port=18301; else pid=$ON; port=18302; fi
		before="$(machine) $(ticks "$pid") $(ticks "$BEAM")"
		rps=$(wrk -t2 -c32 -d"${DURATION}s" "http://127.0.0.1:$port/hello" | awk '/Requests\/sec/ { print $2 }')
		after="$(machine) $(ticks "$pid") $(ticks "$BEAM")"
		echo "$rep $variant $rps $before $after $(getconf CLK_TCK) $DURATION" | awk '{
			for (i = 0; i < 7; i++) d[i] = $(11 + i) - $(4 + i)
			all = d[0] + d[1] + d[2] + d[3] + d[4]
			requests = $3 * $19; us = 1e6 / $18 / requests
			# d: user, system, idle and iowait, irq and softirq, steal; the service; the broker
			printf "%-4s %-4s %10.0f %9.1f %9.2f %9.1f %7.1f %7.1f %7.1f %7.1f\n", $1, $2, $3, d[5] * us, d[6] * us,
				(all - d[2]) * us, 100 * d[0] / all, 100 * d[1] / all, 100 * d[3] / all, 100 * d[2] / all
		}' | tee -a "$OUT/summary.txt"
	done
done
awk 'NR > 2 { n[$2]++; r[$2] += $3; a[$2] += $4; b[$2] += $5; t[$2] += $6 }
	END {
		printf "mean: off %.0f requests/s, app %.1f µs, total %.1f µs per request\n", r["off"] / n["off"], a["off"] / n["off"], t["off"] / n["off"]
		printf "mean: on  %.0f requests/s, app %.1f µs, broker %.2f µs, total %.1f µs per request\n", r["on"] / n["on"], a["on"] / n["on"], b["on"] / n["on"], t["on"] / n["on"]
		printf "ratio of mean requests/s on/off: %.3f; ratio of mean total CPU per request off/on: %.3f\n", (r["on"] / n["on"]) / (r["off"] / n["off"]), (t["off"] / n["off"]) / (t["on"] / n["on"])
	}' "$OUT/summary.txt" | tee -a "$OUT/summary.txt"
echo "delivery (on): $(curl -s "http://127.0.0.1:18302/bench/stats")" | tee -a "$OUT/summary.txt"
echo "Full output in $OUT"
