/**
 * HTTP security of the consumer: basic authentication with an admin and a viewer user.
 */
@NullMarked
package io.github.requesttracking.consumer.security;

import org.jspecify.annotations.NullMarked;
