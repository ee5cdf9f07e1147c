/**
 * Analytics: the rollups refreshed from raw events by a scheduled job, and the read-only
 * HTTP API under {@code /api/analytics} that answers from them.
 */
@NullMarked
package io.github.requesttracking.consumer.analytics;

import org.jspecify.annotations.NullMarked;
