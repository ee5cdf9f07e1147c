package io.github.requesttracking.starter.privacy;

import org.jspecify.annotations.Nullable;

/**
 * Zeroes the host part of a client address so that only its network leaves the process.
 * IPv4 keeps a configurable prefix (24 bits by default), IPv6 keeps 48 bits by default,
 * and a 6to4 address ({@code 2002::/16}) additionally loses the host part of the IPv4
 * address it carries in bits 16 to 47.
 */
public final class IpAnonymizer {

	private final int ipv4PrefixLength;

	private final int ipv6PrefixLength;

	/**
	 * Create an anonymizer.
	 * @param ipv4PrefixLength leading bits kept of an IPv4 address, 0 to 32
	 * @param ipv6PrefixLength leading bits kept of an IPv6 address, 0 to 128
	 */
	public IpAnonymizer(int ipv4PrefixLength, int ipv6PrefixLength) {
		if (ipv4PrefixLength < 0 || ipv4PrefixLength > 32) {
			throw new IllegalArgumentException(
					"The IPv4 prefix length must be between 0 and 32, not " + ipv4PrefixLength);
		}
		if (ipv6PrefixLength < 0 || ipv6PrefixLength > 128) {
			throw new IllegalArgumentException(
					"The IPv6 prefix length must be between 0 and 128, not " + ipv6PrefixLength);
		}
		this.ipv4PrefixLength = ipv4PrefixLength;
		this.ipv6PrefixLength = ipv6PrefixLength;
	}

	/**
	 * Return a copy of the address with its host part zeroed.
	 * @param address 4 or 16 bytes, IPv4-mapped addresses already reduced to IPv4
	 * @return the anonymized address
	 */
	public byte[] anonymize(byte[] address) {
		if (address.length == 4) {
			return keepPrefix(address, this.ipv4PrefixLength);
		}
		int prefix = this.ipv6PrefixLength;
		if (isSixToFour(address)) {
			prefix = Math.min(prefix, 16 + this.ipv4PrefixLength);
		}
		return keepPrefix(address, prefix);
	}

	/**
	 * Parse, anonymize and format a literal.
	 * @param literal an IP literal
	 * @return the anonymized text form, or {@code null} when the text is not a literal
	 */
	public @Nullable String anonymize(@Nullable String literal) {
		byte[] address = IpAddresses.parse(literal);
		return (address != null) ? IpAddresses.format(anonymize(address)) : null;
	}

	private static boolean isSixToFour(byte[] address) {
		return address[0] == 0x20 && address[1] == 0x02;
	}

	static byte[] keepPrefix(byte[] address, int prefixLength) {
		byte[] masked = address.clone();
		for (int bit = prefixLength; bit < masked.length * 8; bit++) {
			masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
		}
		return masked;
	}

}
