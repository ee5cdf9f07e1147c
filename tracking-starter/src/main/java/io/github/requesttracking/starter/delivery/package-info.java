/**
 * Delivery of request events to RabbitMQ off the request thread: the bounded buffer, the
 * background publisher with confirms and reconnection, and the meters and health that
 * describe it.
 */
@NullMarked
package io.github.requesttracking.starter.delivery;

import org.jspecify.annotations.NullMarked;
