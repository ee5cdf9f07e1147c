#!/bin/sh
# Measures RabbitMQ's own ceiling (PerfTest) and the consumer's ingest rate, in one run.
# Prerequisites: RabbitMQ and PostgreSQL on 127.0.0.1, the consumer packaged
# (./mvnw -pl tracking-consumer package) and this project built (see README.md).
set -e
cd "$(dirname "$0")"
JAR=${CONSUMER_JAR:-../../tracking-consumer/target/tracking-consumer-0.1.0-SNAPSHOT-exec.jar}
GEO=$(realpath "${GEOIP:-../../data/GeoLite2-City.mmdb}")
CP='target/consumer-bench-0.1.0-SNAPSHOT.jar:lib/*'
SECONDS_PER_PERFTEST=${SECONDS_PER_PERFTEST:-15}
EVENTS_SINGLE=${EVENTS_SINGLE:-100000}
EVENTS_ARRAY=${EVENTS_ARRAY:-1000000}

perftest() {
  label=$1; shift
  echo "== PerfTest $label"
  java -Xmx1g -cp "$CP" com.rabbitmq.perf.PerfTest -h amqp://guest:guest@127.0.0.1:5672 \
    -x 1 -y 1 -s 400 -f persistent -c 100 -z "$SECONDS_PER_PERFTEST" -u "rt-bench-perf-$label" -ad false "$@" \
    | grep -E "rate avg" || true
  rabbitmqctl -q delete_queue "rt-bench-perf-$label" >/dev/null
}

consumer() {
  echo "== consumer $*"
  java -Dbench.geoip="$GEO" -cp "$CP" io.github.requesttracking.bench.consumer.ConsumerBench "$JAR" "$@" | grep -E "RESULT|preloaded"
}

perftest prefetch-10 -q 10
perftest prefetch-250 -q 250
# One event per message at the default prefetch, then arrays of 100 events gzip-compressed
# as the starter sends them under load, 5 messages (500 events) per transaction, 2 threads.
if [ -z "$ONLY_BEST" ]; then
  consumer "$EVENTS_SINGLE" 1 --tracking.consumer.store=jpa --tracking.consumer.prefetch=10 --tracking.consumer.batch-size=10
  consumer "$EVENTS_SINGLE" 1 --tracking.consumer.store=jdbc --tracking.consumer.prefetch=10 --tracking.consumer.batch-size=10
fi
consumer "$EVENTS_ARRAY" 100 --tracking.consumer.store=jpa --tracking.consumer.prefetch=50 --tracking.consumer.batch-size=5 --tracking.consumer.concurrency=2
consumer "$EVENTS_ARRAY" 100 --tracking.consumer.store=jdbc --tracking.consumer.prefetch=50 --tracking.consumer.batch-size=5 --tracking.consumer.concurrency=2
