package io.github.requesttracking.examples.notes.note;

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
 * A note and the id of the user who wrote it.
 */
@Entity
@Table(name = "notes")
class Note {

	@Id
	@GeneratedValue(strategy = GenerationType.UUID)
	private @Nullable UUID id;

	@Column(name = "owner_id", nullable = false, updatable = false)
	private String ownerId;

	@Column(nullable = false)
	private String title;

	@Column(nullable = false)
	private String content;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Note() {
		this.ownerId = "";
		this.title = "";
		this.content = "";
		this.createdAt = Instant.EPOCH;
		this.updatedAt = Instant.EPOCH;
	}

	Note(String ownerId, String title, String content, Instant now) {
		this.ownerId = ownerId;
		this.title = title;
		this.content = content;
		this.createdAt = now;
		this.updatedAt = now;
	}

	void update(String title, String content, Instant now) {
		this.title = title;
		this.content = content;
		this.updatedAt = now;
	}

	UUID getId() {
		if (this.id == null) {
			throw new IllegalStateException("Note '" + this.title + "' has not been saved yet");
		}
		return this.id;
	}

	String getTitle() {
		return this.title;
	}

	String getContent() {
		return this.content;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
