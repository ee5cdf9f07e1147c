package io.github.requesttracking.consumer.enrichment;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the client address of an event and tells whether it may be geolocated.
 */
final class ClientAddress {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private ClientAddress() {
	}

	/**
	 * Parses an IP literal, never resolving a host name.
	 * @param text the address as published, possibly with a zone id
	 * @return the address, or {@code null} when the text is not an IP literal
	 */
	static @Nullable InetAddress parse(@Nullable String text) {
		if (text == null) {
			return null;
		}
		int zone = text.indexOf('%');
		String literal = (zone < 0) ? text.strip() : text.substring(0, zone).strip();
		if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
			return null;
		}
		try {
			// Only literals reach this point, so no name is resolved.
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * Tells whether an address is publicly routed: private, loopback, link-local,
	 * unique-local, shared (carrier-grade NAT), unspecified and multicast addresses are
	 * not, and are never geolocated.
	 * @param address the address
	 * @return whether a geolocation database can know it
	 */
	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = bytes[0] & 0xFF;
			int second = bytes[1] & 0xFF;
			boolean sharedAddressSpace = first == 100 && (second & 0xC0) == 64;
			return first != 0 && !sharedAddressSpace;
		}
		boolean uniqueLocal = (bytes[0] & 0xFE) == 0xFC;
		return !uniqueLocal;
	}

	/**
	 * Zeroes the host part, keeping a /24 of IPv4 and a /48 of IPv6, so that a third
	 * party never receives more than the publisher already kept.
	 * @param address the address
	 * @return the network address
	 */
	static InetAddress anonymize(InetAddress address) {
		byte[] bytes = address.getAddress();
		int keep = (address instanceof Inet6Address) ? 6 : 3;
		for (int i = keep; i < bytes.length; i++) {
			bytes[i] = 0;
		}
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("Address of " + bytes.length + " bytes", ex);
		}
	}

}
