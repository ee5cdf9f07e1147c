package io.github.requesttracking.examples.users.auth;

import io.github.requesttracking.examples.users.account.AccountService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exchanges a user name and password for a token.
 */
@RestController
class LoginController {

	private static final Logger logger = LoggerFactory.getLogger(LoginController.class);

	private final AccountService accounts;

	private final TokenIssuer tokens;

	LoginController(AccountService accounts, TokenIssuer tokens) {
		this.accounts = accounts;
		this.tokens = tokens;
	}

	@PostMapping("/api/auth/login")
	TokenResponse login(@Valid @RequestBody Credentials credentials) {
		return this.accounts.authenticate(credentials.username(), credentials.password())
			.map((account) -> new TokenResponse(this.tokens.issue(account.getId())))
			.orElseThrow(() -> {
				logger.debug("Rejected a login with bad credentials");
				ErrorResponseException rejection = new ErrorResponseException(HttpStatus.UNAUTHORIZED);
				rejection.setDetail("Invalid user name or password");
				return rejection;
			});
	}

	/**
	 * A login request; validation rejects missing fields before they are used.
	 *
	 * @param username the user name
	 * @param password the password in clear
	 */
	record Credentials(@NotNull String username, @NotNull String password) {

		@Override
		public String toString() {
			return "Credentials[username=" + this.username + "]";
		}

	}

	/**
	 * A successful login.
	 *
	 * @param token the signed token to send as {@code Authorization: Bearer <token>}
	 */
	record TokenResponse(String token) {
	}

}
