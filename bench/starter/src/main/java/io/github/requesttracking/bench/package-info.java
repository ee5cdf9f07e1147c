/**
 * Benchmarks of the tracking starter: a trivial web application for throughput runs and a
 * JMH benchmark of the filter's request-thread cost.
 */
@NullMarked
package io.github.requesttracking.bench;

import org.jspecify.annotations.NullMarked;
