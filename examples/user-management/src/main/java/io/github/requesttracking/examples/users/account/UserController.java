package io.github.requesttracking.examples.users.account;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration and the current user's profile.
 */
@RestController
@RequestMapping("/api/users")
class UserController {

	private final AccountService accounts;

	UserController(AccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Registered register(@Valid @RequestBody Registration registration) {
		UserAccount account = this.accounts.register(registration.username(), registration.password());
		return new Registered(account.getId(), account.getUsername());
	}

	@GetMapping("/me")
	Profile me(Authentication authentication) {
		return userId(authentication).flatMap(this.accounts::find)
			.map((account) -> new Profile(account.getId(), account.getUsername(), account.getCreatedAt()))
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND));
	}

	private static Optional<UUID> userId(Authentication authentication) {
		try {
			return Optional.of(UUID.fromString(authentication.getName()));
		}
		catch (IllegalArgumentException ex) {
			// A correctly signed token whose subject is not one of our ids names no user.
			return Optional.empty();
		}
	}

	/**
	 * A registration request; validation rejects missing fields before they are used.
	 *
	 * @param username letters, digits, dots, dashes and underscores, 3 to 64 characters
	 * @param password 8 characters to 72 UTF-8 bytes
	 */
	record Registration(
			@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{3,64}",
					message = "must be 3 to 64 letters, digits, dots, dashes or underscores") String username,
			@NotNull @Size(min = 8, message = "must be at least 8 characters") String password) {

		@AssertTrue(message = "password must be at most 72 bytes in UTF-8")
		boolean isPasswordWithinHashLimit() {
			return this.password == null
					|| this.password.getBytes(StandardCharsets.UTF_8).length <= AccountService.MAX_PASSWORD_BYTES;
		}

		@Override
		public String toString() {
			return "Registration[username=" + this.username + "]";
		}

	}

	/**
	 * The answer to a registration.
	 *
	 * @param id the new user's id
	 * @param username the user name
	 */
	record Registered(UUID id, String username) {
	}

	/**
	 * The current user, without any credential.
	 *
	 * @param id the user id
	 * @param username the user name
	 * @param createdAt when the account was created
	 */
	record Profile(UUID id, String username, Instant createdAt) {
	}

}
