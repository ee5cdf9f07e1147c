package io.github.requesttracking.starter.privacy;

/**
 * A network written in CIDR notation, such as {@code 10.0.0.0/8} or {@code fd00::/8}; a
 * bare address stands for itself alone.
 */
public final class CidrBlock {

	private final byte[] network;

	private final int prefixLength;

	private final String text;

	private CidrBlock(byte[] network, int prefixLength, String text) {
		this.network = IpAnonymizer.keepPrefix(network, prefixLength);
		this.prefixLength = prefixLength;
		this.text = text;
	}

	/**
	 * Parse a block.
	 * @param text the block, such as {@code 192.168.0.0/16}
	 * @return the block
	 * @throws IllegalArgumentException naming the text when it is not an IP literal with
	 * an optional prefix length
	 */
	public static CidrBlock parse(String text) {
		String trimmed = text.trim();
		int slash = trimmed.indexOf('/');
		String literal = (slash >= 0) ? trimmed.substring(0, slash) : trimmed;
		byte[] address = IpAddresses.parse(literal);
		if (address == null) {
			throw new IllegalArgumentException("'" + text + "' is not a network in CIDR notation such as 10.0.0.0/8");
		}
		int maximum = address.length * 8;
		int prefixLength = maximum;
		if (slash >= 0) {
			try {
				prefixLength = Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + text + "' has no valid prefix length after '/'", ex);
			}
			if (address.length == 4 && literal.indexOf(':') >= 0) {
				prefixLength -= 96;
			}
			if (prefixLength < 0 || prefixLength > maximum) {
				throw new IllegalArgumentException(
						"'" + text + "' has a prefix length outside 0 to " + maximum + " for its address family");
			}
		}
		return new CidrBlock(address, prefixLength, trimmed);
	}

	/**
	 * Tell whether an address lies in this block.
	 * @param address 4 or 16 bytes as returned by {@link IpAddresses#parse(String)}
	 * @return {@code true} if the address belongs to the block
	 */
	public boolean contains(byte[] address) {
		if (address.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (address[i] != this.network[i]) {
				return false;
			}
		}
		int remainingBits = this.prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xff << (8 - remainingBits)) & 0xff;
		return (address[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
