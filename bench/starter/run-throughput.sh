#!/usr/bin/env bash
# Saturated throughput of a trivial endpoint (GET /hello) in three variants running side by
# side: tracking off, tracking on with the broker up, tracking on with the broker down
# (nothing listens on the configured port). The variants are measured interleaved (the
# order rotates every repetition, and each repetition runs it forwards then backwards), REPS
# times, with wrk; the script prints requests/s per window, the means and the ratios.
#
# Usage (from anywhere): bench/starter/run-throughput.sh
# Environment: DURATION (s, default 15), REPS (3), WARMUP (s, 20), CONNECTIONS (32),
#              THREADS (2), RABBIT_HOST (127.0.0.1), RABBIT_PORT (5672),
#              TRACKING_ARGS (extra --tracking.* arguments for the two variants with tracking on)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION="${DURATION:-15}"
REPS="${REPS:-3}"
WARMUP="${WARMUP:-20}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
RABBIT_HOST="${RABBIT_HOST:-127.0.0.1}"
RABBIT_PORT="${RABBIT_PORT:-5672}"
EXCHANGE="bench_tracking_$$"
OUT="$HERE/target/throughput-$(date -u +%Y%m%dT%H%M%SZ)"
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx256m}"
TRACKING_ARGS="${TRACKING_ARGS:-}"

command -v wrk >/dev/null || apt-get install -y wrk
# shellcheck source=build.sh
. "$HERE/build.sh"
mkdir -p "$OUT"

declare -A PORT=([off]=18181 [on]=18182 [down]=18183)
declare -A ARGS=(
	[off]="--tracking.enabled=false"
	[on]="--tracking.exchange=$EXCHANGE --tracking.rabbitmq.host=$RABBIT_HOST --tracking.rabbitmq.port=$RABBIT_PORT --bench.bind-queue=true $TRACKING_ARGS"
	[down]="--tracking.exchange=$EXCHANGE --tracking.rabbitmq.host=127.0.0.1 --tracking.rabbitmq.port=1 $TRACKING_ARGS"
)
VARIANTS=(off on down)
PIDS=()

cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	java -cp "$CP" io.github.requesttracking.bench.BenchCleanup "$EXCHANGE" "$RABBIT_HOST" "$RABBIT_PORT" \
		>/dev/null 2>&1 || true
}
trap cleanup EXIT

for variant in "${VARIANTS[@]}"; do
	# shellcheck disable=SC2086
	java $JAVA_OPTS -cp "$CP" io.github.requesttracking.bench.BenchApplication \
		--server.port="${PORT[$variant]}" ${ARGS[$variant]} >"$OUT/app-$variant.log" 2>&1 &
	PIDS+=("$!")
done
for variant in "${VARIANTS[@]}"; do
	for _ in $(seq 1 240); do
		curl -sf "http://127.0.0.1:${PORT[$variant]}/hello" >/dev/null && break
		sleep 0.5
	done
	curl -sf "http://127.0.0.1:${PORT[$variant]}/hello" >/dev/null || { echo "app '$variant' did not start"; exit 1; }
done

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/summary.txt"
for variant in "${VARIANTS[@]}"; do
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:${PORT[$variant]}/hello" >/dev/null
done

printf '%-5s %-4s %12s %10s %10s\n' rep var 'requests/s' non2xx errors | tee -a "$OUT/summary.txt"
for rep in $(seq 1 "$REPS"); do
	# Rotate the order each repetition so that no variant always runs first, and run it
	# forwards then backwards (off, on, down, down, on, off): the machine's speed drifts
	# by several percent within a minute on a shared host, and in this order a steady
	# drift affects every variant's mean alike.
	shift_by=$(( (rep - 1) % ${#VARIANTS[@]} ))
	ORDER=("${VARIANTS[@]:$shift_by}" "${VARIANTS[@]:0:$shift_by}")
	ORDER+=("${ORDER[2]}" "${ORDER[1]}" "${ORDER[0]}")
	for window in "${!ORDER[@]}"; do
		variant="${ORDER[$window]}"
		file="$OUT/wrk-$variant-$rep-$window.txt"
		wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:${PORT[$variant]}/hello" >"$file"
		rps=$(awk '/Requests\/sec/ {print $2}' "$file")
		non2xx=$(awk '/Non-2xx/ {print $5}' "$file"); non2xx=${non2xx:-0}
		errors=$(awk '/Socket errors/ {gsub(",", ""); print $4+$6+$8+$10}' "$file"); errors=${errors:-0}
		printf '%-5s %-4s %12s %10s %10s\n' "$rep" "$variant" "$rps" "$non2xx" "$errors" | tee -a "$OUT/summary.txt"
		echo "$rep $variant $rps" >>"$OUT/rps.txt"
	done
done

# Means per variant, and the median of the per-repetition ratios (each repetition runs the
# three variants back to back, twice, so its ratio is least disturbed by other load on the
# machine).
awk '{ sum[$2] += $3; n[$2]++; rps[$1, $2] += $3 / 2; if ($1 > reps) reps = $1 }
	function median(values, count,   i, j, t) {
		for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++)
			if (values[j] < values[i]) { t = values[i]; values[i] = values[j]; values[j] = t }
		return (count % 2) ? values[(count + 1) / 2] : (values[count / 2] + values[count / 2 + 1]) / 2
	}
	END {
		for (v in sum) mean[v] = sum[v] / n[v]
		printf "mean requests/s: off %.0f, on %.0f, down %.0f\n", mean["off"], mean["on"], mean["down"]
		printf "ratio of means on/off (broker up): %.3f, down/off (broker down): %.3f\n", \
			mean["on"] / mean["off"], mean["down"] / mean["off"]
		for (r = 1; r <= reps; r++) { up[r] = rps[r, "on"] / rps[r, "off"]; down[r] = rps[r, "down"] / rps[r, "off"] }
		printf "median per-repetition ratio on/off (broker up): %.3f, down/off (broker down): %.3f\n", \
			median(up, reps), median(down, reps)
	}' "$OUT/rps.txt" | tee -a "$OUT/summary.txt"
for variant in on down; do
	echo "delivery ($variant): $(curl -s "http://127.0.0.1:${PORT[$variant]}/bench/stats")" | tee -a "$OUT/summary.txt"
done
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
echo "Full output in $OUT"
