package io.github.requesttracking.examples.users.account;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers users and checks their passwords.
 */
@Service
public class AccountService {

	/**
	 * The longest password, in UTF-8 bytes, that BCrypt takes into account.
	 */
	public static final int MAX_PASSWORD_BYTES = 72;

	private static final Logger logger = LoggerFactory.getLogger(AccountService.class);

	private final UserAccountRepository repository;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final String unknownUserHash;

	AccountService(UserAccountRepository repository, PasswordEncoder passwordEncoder, Clock clock) {
		this.repository = repository;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.unknownUserHash = passwordEncoder.encode(UUID.randomUUID().toString());
	}

	/**
	 * Register a new user.
	 * @param username the user name, unique ignoring case
	 * @param password the password in clear, hashed before it is stored
	 * @return the saved account
	 * @throws org.springframework.web.ErrorResponseException with status 409 when the
	 * name is taken
	 */
	@Transactional
	public UserAccount register(String username, String password) {
		if (this.repository.existsByUsernameIgnoreCase(username)) {
			throw new UsernameTakenException(username, null);
		}
		UserAccount account = new UserAccount(username, this.passwordEncoder.encode(password), this.clock.instant());
		try {
			UserAccount saved = this.repository.saveAndFlush(account);
			logger.debug("Registered user {}", saved.getId());
			return saved;
		}
		catch (DataIntegrityViolationException ex) {
			// A concurrent registration won the unique index on the name.
			throw new UsernameTakenException(username, ex);
		}
	}

	/**
	 * Check a user name and password.
	 * @param username the user name
	 * @param password the password in clear
	 * @return the account when the password matches, empty otherwise
	 */
	@Transactional(readOnly = true)
	public Optional<UserAccount> authenticate(String username, String password) {
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			return Optional.empty();
		}
		Optional<UserAccount> account = this.repository.findByUsernameIgnoreCase(username);
		// Hash even for unknown users so that timing does not reveal which names exist.
		String hash = account.map(UserAccount::getPasswordHash).orElse(this.unknownUserHash);
		boolean matches = this.passwordEncoder.matches(password, hash);
		return matches ? account : Optional.empty();
	}

	/**
	 * Find a user by id.
	 * @param id the user id
	 * @return the account, empty when there is none
	 */
	@Transactional(readOnly = true)
	public Optional<UserAccount> find(UUID id) {
		return this.repository.findById(id);
	}

}
