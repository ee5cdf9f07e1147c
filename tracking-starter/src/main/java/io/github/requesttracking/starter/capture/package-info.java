/**
 * The servlet filters that turn each request into a request event: timing, status, route
 * and the authenticated user.
 */
@NullMarked
package io.github.requesttracking.starter.capture;

import org.jspecify.annotations.NullMarked;
