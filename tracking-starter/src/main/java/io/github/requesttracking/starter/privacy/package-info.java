/**
 * Privacy rules applied before an event leaves the filter: client address anonymization,
 * trusted forwarding headers, query, referer and path scrubbing, and text bounds. No code
 * here performs name resolution or reads a request body.
 */
@NullMarked
package io.github.requesttracking.starter.privacy;

import org.jspecify.annotations.NullMarked;
