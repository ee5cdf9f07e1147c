package io.github.requesttracking.starter.privacy;

import org.jspecify.annotations.Nullable;

/**
 * Parses and formats IP address literals without ever resolving a name: text that is not
 * a literal is rejected rather than looked up. IPv4-mapped IPv6 addresses are returned as
 * IPv4, and IPv6 zone ids are stripped.
 */
public final class IpAddresses {

	private static final int MAX_LITERAL_LENGTH = 64;

	private IpAddresses() {
	}

	/**
	 * Parse an IPv4 or IPv6 literal.
	 * @param text the literal, such as {@code 192.0.2.1}, {@code 2001:db8::1} or
	 * {@code fe80::1%eth0}
	 * @return 4 bytes for IPv4 (including IPv4-mapped IPv6), 16 bytes for IPv6, or
	 * {@code null} when the text is not a valid literal
	 */
	public static byte @Nullable [] parse(@Nullable String text) {
		if (text == null || text.isEmpty() || text.length() > MAX_LITERAL_LENGTH) {
			return null;
		}
		if (text.indexOf(':') < 0) {
			return parseIpv4(text, 0, text.length());
		}
		int zone = text.indexOf('%');
		int end = (zone >= 0) ? zone : text.length();
		byte[] address = parseIpv6(text, end);
		return (address != null && isIpv4Mapped(address)) ? ipv4Part(address) : address;
	}

	/**
	 * Format an address in its canonical text form: dotted decimal for IPv4, RFC 5952
	 * compressed lower-case form for IPv6.
	 * @param address 4 or 16 bytes
	 * @return the text form
	 */
	public static String format(byte[] address) {
		if (address.length == 4) {
			return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
					+ (address[3] & 0xff);
		}
		if (address.length != 16) {
			throw new IllegalArgumentException("An IP address has 4 or 16 bytes, not " + address.length);
		}
		return formatIpv6(address);
	}

	private static byte @Nullable [] parseIpv4(String text, int start, int end) {
		byte[] address = new byte[4];
		int part = 0;
		int position = start;
		while (part < 4) {
			int value = 0;
			int digits = 0;
			while (position < end && text.charAt(position) != '.') {
				char c = text.charAt(position);
				if (c < '0' || c > '9' || digits == 3 || (digits == 1 && value == 0)) {
					return null;
				}
				value = value * 10 + (c - '0');
				digits++;
				position++;
			}
			if (digits == 0 || value > 255) {
				return null;
			}
			address[part++] = (byte) value;
			if (part < 4) {
				if (position >= end) {
					return null;
				}
				position++;
			}
		}
		return (position == end) ? address : null;
	}

	private static byte @Nullable [] parseIpv6(String text, int end) {
		int gap = text.indexOf("::");
		if (gap >= end) {
			gap = -1;
		}
		if (gap >= 0 && text.indexOf("::", gap + 1) >= 0 && text.indexOf("::", gap + 1) < end) {
			return null;
		}
		int[] head = new int[8];
		int[] tail = new int[8];
		byte[] address = new byte[16];
		int headCount;
		int tailCount;
		if (gap < 0) {
			headCount = parseGroups(text, 0, end, head, address);
			tailCount = 0;
			if (headCount != 8) {
				return null;
			}
		}
		else {
			headCount = (gap == 0) ? 0 : parseGroups(text, 0, gap, head, address);
			tailCount = (gap + 2 == end) ? 0 : parseGroups(text, gap + 2, end, tail, address);
			if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
				return null;
			}
		}
		if (headCount < 0) {
			return null;
		}
		for (int i = 0; i < headCount; i++) {
			address[i * 2] = (byte) (head[i] >> 8);
			address[i * 2 + 1] = (byte) head[i];
		}
		for (int i = 0; i < tailCount; i++) {
			int index = 8 - tailCount + i;
			address[index * 2] = (byte) (tail[i] >> 8);
			address[index * 2 + 1] = (byte) tail[i];
		}
		return address;
	}

	/**
	 * Parse colon-separated hexadecimal groups; a trailing dotted IPv4 part counts as two
	 * groups.
	 * @return the number of groups, or -1 when malformed
	 */
	private static int parseGroups(String text, int start, int end, int[] groups, byte[] scratch) {
		int count = 0;
		int position = start;
		while (position < end) {
			int next = text.indexOf(':', position);
			if (next < 0 || next > end) {
				next = end;
			}
			if (next == position || count == 8) {
				return -1;
			}
			if (next == end && text.lastIndexOf('.', end - 1) >= position) {
				byte[] ipv4 = parseIpv4(text, position, end);
				if (ipv4 == null || count > 6) {
					return -1;
				}
				groups[count++] = ((ipv4[0] & 0xff) << 8) | (ipv4[1] & 0xff);
				groups[count++] = ((ipv4[2] & 0xff) << 8) | (ipv4[3] & 0xff);
				return count;
			}
			if (next - position > 4) {
				return -1;
			}
			int value = 0;
			for (int i = position; i < next; i++) {
				int digit = Character.digit(text.charAt(i), 16);
				if (digit < 0) {
					return -1;
				}
				value = (value << 4) | digit;
			}
			groups[count++] = value;
			if (next == end) {
				return count;
			}
			position = next + 1;
			if (position == end) {
				return -1;
			}
		}
		return count;
	}

	static boolean isIpv4Mapped(byte[] address) {
		for (int i = 0; i < 10; i++) {
			if (address[i] != 0) {
				return false;
			}
		}
		return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
	}

	private static byte[] ipv4Part(byte[] address) {
		return new byte[] { address[12], address[13], address[14], address[15] };
	}

	private static String formatIpv6(byte[] address) {
		int bestStart = -1;
		int bestLength = 0;
		for (int i = 0; i < 8;) {
			if (group(address, i) != 0) {
				i++;
				continue;
			}
			int start = i;
			while (i < 8 && group(address, i) == 0) {
				i++;
			}
			if (i - start > bestLength && i - start >= 2) {
				bestStart = start;
				bestLength = i - start;
			}
		}
		StringBuilder text = new StringBuilder(39);
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(group(address, i)));
		}
		return text.toString();
	}

	private static int group(byte[] address, int index) {
		return ((address[index * 2] & 0xff) << 8) | (address[index * 2 + 1] & 0xff);
	}

}
