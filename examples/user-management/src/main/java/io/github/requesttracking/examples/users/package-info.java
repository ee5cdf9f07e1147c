/**
 * User management example: registration, password login and JSON Web Tokens, tracked by
 * the request tracking starter.
 */
@NullMarked
package io.github.requesttracking.examples.users;

import org.jspecify.annotations.NullMarked;
