package io.github.requesttracking.examples.notes.note;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notes of the authenticated user. Another user's note answers 404, as if it did not
 * exist, so that ids reveal nothing.
 */
@RestController
@RequestMapping("/api/notes")
class NoteController {

	private final NoteRepository notes;

	private final Clock clock;

	NoteController(NoteRepository notes, Clock clock) {
		this.notes = notes;
		this.clock = clock;
	}

	@GetMapping
	@Transactional(readOnly = true)
	List<NoteView> list(Authentication user) {
		return this.notes.findByOwnerIdOrderByCreatedAtDesc(user.getName()).stream().map(NoteView::of).toList();
	}

	@PostMapping
	@Transactional
	ResponseEntity<NoteView> create(Authentication user, @Valid @RequestBody NoteContent content) {
		Note note = this.notes.save(new Note(user.getName(), content.title(), content.content(), this.clock.instant()));
		return ResponseEntity.created(URI.create("/api/notes/" + note.getId())).body(NoteView.of(note));
	}

	@GetMapping("/{id}")
	@Transactional(readOnly = true)
	NoteView read(Authentication user, @PathVariable UUID id) {
		return NoteView.of(find(user, id));
	}

	@PutMapping("/{id}")
	@Transactional
	NoteView update(Authentication user, @PathVariable UUID id, @Valid @RequestBody NoteContent content) {
		Note note = find(user, id);
		note.update(content.title(), content.content(), this.clock.instant());
		return NoteView.of(this.notes.saveAndFlush(note));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void delete(Authentication user, @PathVariable UUID id) {
		this.notes.delete(find(user, id));
	}

	private Note find(Authentication user, UUID id) {
		return this.notes.findByIdAndOwnerId(id, user.getName()).orElseThrow(() -> {
			ErrorResponseException notFound = new ErrorResponseException(HttpStatus.NOT_FOUND);
			notFound.setDetail("No note " + id);
			return notFound;
		});
	}

	/**
	 * What a client sends to create or replace a note; validation rejects missing fields
	 * before they are used.
	 *
	 * @param title a non-blank title of at most 200 characters
	 * @param content the text, at most 10,000 characters, possibly empty
	 */
	record NoteContent(@NotBlank @Size(max = 200) String title, @NotNull @Size(max = 10_000) String content) {
	}

	/**
	 * A note as returned to its owner.
	 *
	 * @param id the note id
	 * @param title the title
	 * @param content the text
	 * @param createdAt when it was created
	 * @param updatedAt when it was last changed
	 */
	record NoteView(UUID id, String title, String content, Instant createdAt, Instant updatedAt) {

		static NoteView of(Note note) {
			return new NoteView(note.getId(), note.getTitle(), note.getContent(), note.getCreatedAt(),
					note.getUpdatedAt());
		}

	}

}
