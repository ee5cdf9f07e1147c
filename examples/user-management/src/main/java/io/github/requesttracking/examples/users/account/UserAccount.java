package io.github.requesttracking.examples.users.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A registered user. The password is only ever held as a hash.
 */
@Entity
@Table(name = "users")
public class UserAccount {

	@Id
	@GeneratedValue(strategy = GenerationType.UUID)
	private @Nullable UUID id;

	@Column(nullable = false)
	private String username;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected UserAccount() {
		this.username = "";
		this.passwordHash = "";
		this.createdAt = Instant.EPOCH;
	}

	UserAccount(String username, String passwordHash, Instant createdAt) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.createdAt = createdAt;
	}

	/**
	 * Return the id, assigned when the account is first saved.
	 * @return the id
	 * @throws IllegalStateException if the account has not been saved yet
	 */
	public UUID getId() {
		if (this.id == null) {
			throw new IllegalStateException("User '" + this.username + "' has not been saved yet");
		}
		return this.id;
	}

	/**
	 * Return the user name.
	 * @return the user name
	 */
	public String getUsername() {
		return this.username;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	/**
	 * Return when the account was created.
	 * @return the creation time
	 */
	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
