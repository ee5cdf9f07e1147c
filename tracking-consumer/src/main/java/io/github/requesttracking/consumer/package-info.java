/**
 * The consumer service's application class.
 */
@NullMarked
package io.github.requesttracking.consumer;

import org.jspecify.annotations.NullMarked;
