/**
 * User accounts: registration with hashed passwords and the current user's profile.
 */
@NullMarked
package io.github.requesttracking.examples.users.account;

import org.jspecify.annotations.NullMarked;
