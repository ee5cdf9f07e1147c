/**
 * Auto-configuration of request tracking and its typed configuration properties.
 */
@NullMarked
package io.github.requesttracking.starter.autoconfigure;

import org.jspecify.annotations.NullMarked;
