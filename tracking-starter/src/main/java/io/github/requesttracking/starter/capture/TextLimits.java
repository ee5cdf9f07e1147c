package io.github.requesttracking.starter.capture;

/**
 * The most characters kept of each free-text field of an event.
 *
 * @param path the request path
 * @param route the route template
 * @param userAgent the {@code User-Agent} header
 * @param referer the sanitized {@code Referer} header
 * @param origin the sanitized {@code Origin} header
 * @param userId the user id
 * @param service the service name
 */
public record TextLimits(int path, int route, int userAgent, int referer, int origin, int userId, int service) {

	/**
	 * The bounds of the event contract.
	 */
	public static final TextLimits CONTRACT = new TextLimits(2048, 2048, 1024, 2048, 512, 256, 256);

}
