package io.github.requesttracking.examples.notes.note;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stores notes in the {@code notes} schema; every lookup is scoped to the owner.
 */
interface NoteRepository extends JpaRepository<Note, UUID> {

	List<Note> findByOwnerIdOrderByCreatedAtDesc(String ownerId);

	Optional<Note> findByIdAndOwnerId(UUID id, String ownerId);

}
