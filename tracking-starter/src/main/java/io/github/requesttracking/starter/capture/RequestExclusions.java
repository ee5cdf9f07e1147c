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

	private final List<String> exactPaths;

	private final List<String> pathPrefixes;

	private final List<PathPattern> patterns;

	/**
	 * Create exclusions.
	 * @param patterns the path patterns to exclude
	 */
	public RequestExclusions(List<String> patterns) {
		PathPatternParser parser = new PathPatternParser();
		List<String> exact = new ArrayList<>();
		List<String> prefixes = new ArrayList<>();
		List<PathPattern> parsed = new ArrayList<>();
		for (String candidate : patterns) {
			String pattern = parser.initFullPathPattern(candidate.trim());
			if (candidate.isBlank()) {
				continue;
			}
			String literal = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : pattern;
			if (isLiteral(literal) && literal.length() > 1) {
				(pattern.endsWith("/**") ? prefixes : exact).add(literal);
			}
			else {
				parsed.add(parser.parse(pattern));
			}
		}
		this.exactPaths = List.copyOf(exact);
		this.pathPrefixes = List.copyOf(prefixes);
		this.patterns = List.copyOf(parsed);
	}

	/**
	 * Tell whether a path is excluded.
	 * @param pathWithinApplication the request path without the context path
	 * @return {@code true} if no event should be recorded
	 */
	public boolean isExcluded(String pathWithinApplication) {
		for (String exact : this.exactPaths) {
			if (pathWithinApplication.equals(exact)) {
				return true;
			}
		}
		for (String prefix : this.pathPrefixes) {
			if (pathWithinApplication.startsWith(prefix) && (pathWithinApplication.length() == prefix.length()
					|| pathWithinApplication.charAt(prefix.length()) == '/')) {
				return true;
			}
		}
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

	/**
	 * Tell whether a pattern matches only itself, so that a string comparison is enough.
	 */
	private static boolean isLiteral(String pattern) {
		for (int i = 0; i < pattern.length(); i++) {
			if ("*?{}[]".indexOf(pattern.charAt(i)) >= 0) {
				return false;
			}
		}
		return true;
	}

}
