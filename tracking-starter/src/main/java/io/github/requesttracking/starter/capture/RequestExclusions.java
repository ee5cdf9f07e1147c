package io.github.requesttracking.starter.capture;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Paths that are never tracked, written as Spring path patterns such as
 * {@code /actuator/**}, matched against the path within the application.
 */
public class RequestExclusions {

	private final List<PathPattern> patterns;

	/**
	 * Create exclusions.
	 * @param patterns the path patterns to exclude
	 */
	public RequestExclusions(List<String> patterns) {
		PathPatternParser parser = new PathPatternParser();
		List<PathPattern> parsed = new ArrayList<>(patterns.size());
		for (String pattern : patterns) {
			if (!pattern.isBlank()) {
				parsed.add(parser.parse(parser.initFullPathPattern(pattern.trim())));
			}
		}
		this.patterns = List.copyOf(parsed);
	}

	/**
	 * Tell whether a path is excluded.
	 * @param pathWithinApplication the request path without the context path
	 * @return {@code true} if no event should be recorded
	 */
	public boolean isExcluded(String pathWithinApplication) {
		if (this.patterns.isEmpty()) {
			return false;
		}
		PathContainer path = PathContainer.parsePath(pathWithinApplication);
		for (PathPattern pattern : this.patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

}
