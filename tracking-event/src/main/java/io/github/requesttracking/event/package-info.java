/**
 * The versioned contract of a tracked request: the {@link RequestEvent} value and the
 * JSON codec that both the starter and the consumer use.
 */
@NullMarked
package io.github.requesttracking.event;

import org.jspecify.annotations.NullMarked;
