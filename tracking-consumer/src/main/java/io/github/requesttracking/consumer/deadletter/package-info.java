/**
 * Dead letters: publishing failed messages with the reason they failed, and replaying
 * them into the work queue.
 */
@NullMarked
package io.github.requesttracking.consumer.deadletter;

import org.jspecify.annotations.NullMarked;
