package io.github.requesttracking.starter.privacy;

/**
 * Which query parameters are recorded.
 */
public enum QueryMode {

	/**
	 * Every parameter is recorded; sensitive values are replaced with {@code REDACTED}.
	 */
	REDACT,

	/**
	 * Only the allowed parameter names are recorded, sensitive values still replaced.
	 */
	ALLOWLIST,

	/**
	 * No query parameter is recorded.
	 */
	DROP

}
