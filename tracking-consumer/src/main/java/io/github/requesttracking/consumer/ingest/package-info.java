/**
 * Ingest path: consuming batches of messages, validating, storing them idempotently and
 * acknowledging after the commit.
 */
@NullMarked
package io.github.requesttracking.consumer.ingest;

import org.jspecify.annotations.NullMarked;
