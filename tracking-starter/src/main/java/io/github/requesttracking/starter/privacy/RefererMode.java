package io.github.requesttracking.starter.privacy;

/**
 * How much of a {@code Referer} header is kept. Query, fragment and user info are never
 * kept.
 */
public enum RefererMode {

	/**
	 * Scheme, host, port and the path with secret-looking segments masked.
	 */
	PATH,

	/**
	 * Scheme, host and port only.
	 */
	ORIGIN,

	/**
	 * Nothing: the referer is not recorded.
	 */
	NONE

}
