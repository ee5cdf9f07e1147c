package io.github.requesttracking.starter.privacy;

/**
 * The forwarding header a trusted proxy writes the client chain into. Only one is read,
 * so that a client cannot smuggle an address through the header the proxy does not
 * rewrite.
 */
public enum ForwardedHeader {

	/**
	 * {@code X-Forwarded-For}: a comma-separated list of addresses, client first.
	 */
	X_FORWARDED_FOR,

	/**
	 * {@code Forwarded} (RFC 7239): the {@code for=} parameter of each element.
	 */
	FORWARDED

}
