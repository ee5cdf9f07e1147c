/**
 * Pipeline health: the delivery counters that publishers send in the headers of their
 * messages, kept in memory per publisher instance and written to
 * {@code publisher_counters} every few seconds, and the depth of the work and dead-letter
 * queues as the broker reports them.
 */
@NullMarked
package io.github.requesttracking.consumer.pipeline;

import org.jspecify.annotations.NullMarked;
