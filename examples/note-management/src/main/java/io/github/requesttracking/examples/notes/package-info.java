/**
 * Note management example: notes owned by their authors, reachable with a token from the
 * user management example, tracked by the request tracking starter.
 */
@NullMarked
package io.github.requesttracking.examples.notes;

import org.jspecify.annotations.NullMarked;
