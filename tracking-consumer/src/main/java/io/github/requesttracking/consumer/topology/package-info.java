/**
 * RabbitMQ topology of the consumer: the exchange, the work queue, the retry queues and
 * the dead-letter queue.
 */
@NullMarked
package io.github.requesttracking.consumer.topology;

import org.jspecify.annotations.NullMarked;
