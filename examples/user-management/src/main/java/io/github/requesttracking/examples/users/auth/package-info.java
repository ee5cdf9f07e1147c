/**
 * Login, the JSON Web Tokens it issues, and the web security rules of the service.
 */
@NullMarked
package io.github.requesttracking.examples.users.auth;

import org.jspecify.annotations.NullMarked;
