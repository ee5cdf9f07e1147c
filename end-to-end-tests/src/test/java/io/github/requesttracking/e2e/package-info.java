/**
 * End-to-end tests: the consumer and both example services run as separate processes
 * against the real broker and database, and the stored rows are checked.
 */
@NullMarked
package io.github.requesttracking.e2e;

import org.jspecify.annotations.NullMarked;
