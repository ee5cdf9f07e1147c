/**
 * Partition maintenance of {@code request_events}: daily partitions created ahead and
 * expired ones detached and dropped whole, by one instance at a time.
 */
@NullMarked
package io.github.requesttracking.consumer.retention;

import org.jspecify.annotations.NullMarked;
