/**
 * Notes: create, read, update, list and delete, each user seeing only their own.
 */
@NullMarked
package io.github.requesttracking.examples.notes.note;

import org.jspecify.annotations.NullMarked;
