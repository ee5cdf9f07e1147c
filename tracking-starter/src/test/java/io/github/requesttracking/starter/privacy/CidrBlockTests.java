package io.github.requesttracking.starter.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CidrBlockTests {

	@Test
	void containsAddressesInsideTheNetworkOnly() {
		CidrBlock block = CidrBlock.parse("10.1.0.0/16");

		assertThat(block.contains(IpAddresses.parse("10.1.255.7"))).isTrue();
		assertThat(block.contains(IpAddresses.parse("10.2.0.1"))).isFalse();
		assertThat(block.contains(IpAddresses.parse("::ffff:10.1.0.9"))).isTrue();
		assertThat(block.contains(IpAddresses.parse("2001:db8::1"))).isFalse();
	}

	@Test
	void handlesPrefixesThatAreNotByteAligned() {
		CidrBlock block = CidrBlock.parse("172.16.0.0/12");

		assertThat(block.contains(IpAddresses.parse("172.31.255.255"))).isTrue();
		assertThat(block.contains(IpAddresses.parse("172.32.0.0"))).isFalse();
	}

	@Test
	void treatsABareAddressAsASingleHost() {
		CidrBlock block = CidrBlock.parse("2001:db8::7");

		assertThat(block.contains(IpAddresses.parse("2001:db8::7"))).isTrue();
		assertThat(block.contains(IpAddresses.parse("2001:db8::8"))).isFalse();
	}

	@Test
	void acceptsIpv6NetworksAndMappedNotation() {
		assertThat(CidrBlock.parse("fd00::/8").contains(IpAddresses.parse("fdab::1"))).isTrue();
		assertThat(CidrBlock.parse("::ffff:192.168.0.0/112").contains(IpAddresses.parse("192.168.9.9"))).isTrue();
		assertThat(CidrBlock.parse("0.0.0.0/0").contains(IpAddresses.parse("8.8.8.8"))).isTrue();
	}

	@Test
	void rejectsMalformedBlocksNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> CidrBlock.parse("proxy.internal/8"))
			.withMessageContaining("proxy.internal/8");
		assertThatIllegalArgumentException().isThrownBy(() -> CidrBlock.parse("10.0.0.0/33"))
			.withMessageContaining("10.0.0.0/33");
		assertThatIllegalArgumentException().isThrownBy(() -> CidrBlock.parse("10.0.0.0/x"))
			.withMessageContaining("10.0.0.0/x");
	}

}
