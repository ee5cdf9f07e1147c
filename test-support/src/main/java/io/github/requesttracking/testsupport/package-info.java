/**
 * Test support shared by every module: isolated PostgreSQL databases, unique RabbitMQ
 * names cleaned up after each test, a fault-injecting TCP proxy and the event JSON Schema
 * check.
 */
@NullMarked
package io.github.requesttracking.testsupport;

import org.jspecify.annotations.NullMarked;
