#!/usr/bin/env bash
# JMH benchmarks, average time in ns: the request-thread cost of the tracking filter per
# request (FilterCostBenchmark, the default) and the publisher-thread cost per event of
# encoding and compressing a batch (PublisherEncodingBenchmark).
# Usage (from anywhere): [BENCHMARK=regex] bench/starter/run-jmh.sh [extra JMH options]
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# Install the starter from this checkout first, so that the benchmark measures the code
# here rather than whatever an earlier build left in the local repository.
(cd "$ROOT" && ./mvnw -q -B -pl tracking-starter -am install -DskipTests \
  && ./mvnw -q -B -f bench/starter/pom.xml package -DskipTests)
CP="$HERE/target/classes:$(cat "$HERE/target/classpath.txt")"
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" org.openjdk.jmh.Main "${BENCHMARK:-FilterCostBenchmark}" -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 "$@"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
