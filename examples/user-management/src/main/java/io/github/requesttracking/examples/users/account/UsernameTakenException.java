package io.github.requesttracking.examples.users.account;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Thrown when a user registers with a name that is already taken; answered with 409.
 */
class UsernameTakenException extends ErrorResponseException {

	UsernameTakenException(String username, @Nullable Throwable cause) {
		super(HttpStatus.CONFLICT, cause);
		setDetail("The user name '" + username + "' is already taken; choose another one.");
	}

}
