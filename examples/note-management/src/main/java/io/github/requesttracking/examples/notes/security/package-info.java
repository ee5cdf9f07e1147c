/**
 * Web security: every note operation needs a token issued by the user management example.
 */
@NullMarked
package io.github.requesttracking.examples.notes.security;

import org.jspecify.annotations.NullMarked;
