package io.github.requesttracking.consumer.subject;

import java.security.Principal;

import io.github.requesttracking.consumer.subject.SubjectRepository.Erasure;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Export ({@code GET}) and erasure ({@code DELETE}) of everything stored for one user id,
 * under {@code /admin/subjects/{userId}} and so for the admin role only. The erasure is
 * recorded in {@code tracking_erasure_audit} with the authenticated admin's name and an
 * optional {@code reference}, never with the user id; the user id is not logged either.
 * Rollups hold no user id, so they are left as they are.
 */
@RestController
@RequestMapping(path = "/admin/subjects", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Data subjects", description = "Export and erasure of one user's stored requests (admin only)")
class SubjectController {

	private static final Logger logger = LoggerFactory.getLogger(SubjectController.class);

	private static final int MAX_USER_ID_LENGTH = 512;

	private final SubjectRepository repository;

	SubjectController(SubjectRepository repository) {
		this.repository = repository;
	}

	@GetMapping("/{userId}")
	@Operation(summary = "Every stored request event of one user id, oldest first")
	String export(@PathVariable String userId) {
		return this.repository.export(validated(userId));
	}

	@DeleteMapping("/{userId}")
	@Operation(summary = "Erase every stored request event of one user id and audit it without the id")
	Erasure erase(@PathVariable String userId,
			@Parameter(
					description = "Your reference for the request, such as a ticket, kept in the audit") @RequestParam(
							required = false) @Nullable String reference,
			Principal principal) {
		Erasure erasure = this.repository.erase(validated(userId), "http:" + principal.getName(), reference);
		logger.info("Erased {} stored events of one data subject for '{}' (audit {})", erasure.rowsErased(),
				principal.getName(), erasure.auditId());
		return erasure;
	}

	@ExceptionHandler(InvalidUserIdException.class)
	ProblemDetail invalidUserId(InvalidUserIdException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid user id");
		return problem;
	}

	private static String validated(String userId) {
		if (userId.isBlank() || userId.length() > MAX_USER_ID_LENGTH) {
			throw new InvalidUserIdException(
					"The user id must be 1 to " + MAX_USER_ID_LENGTH + " characters and not blank");
		}
		return userId;
	}

}
