#!/usr/bin/env bash
# JMH benchmarks, average time in ns: the request-thread cost of the tracking filter per
# request (FilterCostBenchmark, the default) and the publisher-thread cost per event of
# encoding and compressing a batch (PublisherEncodingBenchmark).
# Usage (from anywhere): [BENCHMARK=regex] bench/starter/run-jmh.sh [extra JMH options]
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=build.sh
. "$HERE/build.sh"
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" org.openjdk.jmh.Main "${BENCHMARK:-FilterCostBenchmark}" -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 "$@"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
