package io.github.requesttracking.consumer.analytics;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers invalid analytics calls with 400 and an RFC 9457 problem detail: a missing or
 * unparseable parameter (handled by the base class) or a range or limit that is not
 * allowed.
 */
@RestControllerAdvice(assignableTypes = { AnalyticsController.class, PipelineController.class })
class AnalyticsExceptionHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler(InvalidAnalyticsQueryException.class)
	ProblemDetail invalidQuery(InvalidAnalyticsQueryException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid analytics query");
		return problem;
	}

}
