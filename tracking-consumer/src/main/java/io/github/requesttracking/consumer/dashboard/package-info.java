/**
 * The dashboard: a static page under {@code /dashboard/} that draws the analytics API for
 * people who do not write SQL.
 */
@NullMarked
package io.github.requesttracking.consumer.dashboard;

import org.jspecify.annotations.NullMarked;
