package io.github.requesttracking.starter.privacy;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Decides which address is the client's and anonymizes it. The socket peer is the client
 * unless it lies in a trusted proxy network; then the forwarding header is walked from
 * the right, trusted hops are skipped, and the first untrusted address is the client.
 * Anything malformed falls back to the peer, so a client can never choose its recorded
 * address. Header text is parsed as an IP literal only, never resolved.
 */
public class ClientIpResolver {

	private final List<CidrBlock> trustedProxies;

	private final ForwardedHeader header;

	private final int maxHops;

	private final IpAnonymizer anonymizer;

	/**
	 * Create a resolver.
	 * @param trustedProxies networks whose forwarding headers are believed; empty to
	 * always use the socket peer
	 * @param header the header trusted proxies write
	 * @param maxHops the most forwarding entries examined before falling back to the peer
	 * @param anonymizer the anonymizer applied to the chosen address
	 */
	public ClientIpResolver(List<CidrBlock> trustedProxies, ForwardedHeader header, int maxHops,
			IpAnonymizer anonymizer) {
		this.trustedProxies = List.copyOf(trustedProxies);
		this.header = header;
		this.maxHops = maxHops;
		this.anonymizer = anonymizer;
	}

	/**
	 * Return the anonymized client address of a request.
	 * @param request the request
	 * @return the anonymized address, or {@code null} when the peer address is not an IP
	 * literal
	 */
	public @Nullable String resolve(HttpServletRequest request) {
		byte[] client = clientAddress(request);
		return (client != null) ? IpAddresses.format(this.anonymizer.anonymize(client)) : null;
	}

	/**
	 * Return the full client address, before anonymization; it must not leave the filter.
	 * @param request the request
	 * @return the address bytes, or {@code null} when the peer address is not an IP
	 * literal
	 */
	protected byte @Nullable [] clientAddress(HttpServletRequest request) {
		byte[] peer = IpAddresses.parse(request.getRemoteAddr());
		if (peer == null || !isTrusted(peer)) {
			return peer;
		}
		List<String> hops = hops(request);
		if (hops == null || hops.isEmpty()) {
			return peer;
		}
		byte[] candidate = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			byte[] hop = IpAddresses.parse(hops.get(i));
			if (hop == null) {
				return peer;
			}
			candidate = hop;
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return candidate;
	}

	private boolean isTrusted(byte[] address) {
		for (CidrBlock block : this.trustedProxies) {
			if (block.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the address literals of every forwarding entry, in header order, or
	 * {@code null} when the header is malformed or too long.
	 */
	private @Nullable List<String> hops(HttpServletRequest request) {
		boolean forwarded = this.header == ForwardedHeader.FORWARDED;
		Enumeration<String> lines = request.getHeaders(forwarded ? "Forwarded" : "X-Forwarded-For");
		if (lines == null) {
			return null;
		}
		List<String> hops = new ArrayList<>();
		while (lines.hasMoreElements()) {
			for (String element : lines.nextElement().split(",", -1)) {
				String literal = forwarded ? forNode(element) : element.trim();
				if (literal == null || hops.size() == this.maxHops) {
					return null;
				}
				hops.add(stripPort(literal));
			}
		}
		return hops;
	}

	private static @Nullable String forNode(String element) {
		for (String pair : element.split(";")) {
			String trimmed = pair.trim();
			if (trimmed.length() > 4 && trimmed.regionMatches(true, 0, "for=", 0, 4)) {
				String value = trimmed.substring(4).trim();
				if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
					value = value.substring(1, value.length() - 1);
				}
				return value;
			}
		}
		return null;
	}

	private static String stripPort(String literal) {
		if (literal.startsWith("[")) {
			int close = literal.indexOf(']');
			return (close > 0 && isPortOrEmpty(literal, close + 1)) ? literal.substring(1, close) : literal;
		}
		int colon = literal.indexOf(':');
		if (colon > 0 && literal.indexOf(':', colon + 1) < 0) {
			return isPortOrEmpty(literal, colon) ? literal.substring(0, colon) : literal;
		}
		return literal;
	}

	private static boolean isPortOrEmpty(String literal, int from) {
		if (from == literal.length()) {
			return true;
		}
		if (literal.charAt(from) != ':' || literal.length() - from < 2 || literal.length() - from > 6) {
			return false;
		}
		for (int i = from + 1; i < literal.length(); i++) {
			if (literal.charAt(i) < '0' || literal.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

}
