/**
 * A command-line traffic generator for the example services: simulated users from several
 * countries sign up, log in and work with notes, make mistakes, and crawl as bots; then a
 * summary of what the tracking pipeline stored is read from PostgreSQL.
 */
@NullMarked
package io.github.requesttracking.examples.traffic;

import org.jspecify.annotations.NullMarked;
