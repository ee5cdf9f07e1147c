package io.github.requesttracking.starter.privacy;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpResolverTests {

	private static final IpAnonymizer ANONYMIZER = new IpAnonymizer(24, 48);

	private final ClientIpResolver untrusting = new ClientIpResolver(List.of(), ForwardedHeader.X_FORWARDED_FOR, 20,
			ANONYMIZER);

	private final ClientIpResolver behindProxies = new ClientIpResolver(
			List.of(CidrBlock.parse("10.0.0.0/8"), CidrBlock.parse("fd00::/8")), ForwardedHeader.X_FORWARDED_FOR, 20,
			ANONYMIZER);

	@Test
	void usesTheAnonymizedPeerWhenNoProxyIsTrusted() {
		MockHttpServletRequest request = request("203.0.113.77");
		request.addHeader("X-Forwarded-For", "198.51.100.9");

		assertThat(this.untrusting.resolve(request)).isEqualTo("203.0.113.0");
	}

	@Test
	void ignoresForwardingHeadersFromAnUntrustedPeer() {
		MockHttpServletRequest request = request("203.0.113.77");
		request.addHeader("X-Forwarded-For", "198.51.100.9, 10.0.0.1");

		assertThat(this.behindProxies.resolve(request)).isEqualTo("203.0.113.0");
	}

	@Test
	void takesTheFirstUntrustedAddressFromTheRight() {
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "6.6.6.6, 198.51.100.9, 10.0.0.5");

		assertThat(this.behindProxies.resolve(request)).isEqualTo("198.51.100.0");
	}

	@Test
	void joinsSeveralHeaderLinesInOrder() {
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "6.6.6.6");
		request.addHeader("X-Forwarded-For", "198.51.100.9, 10.0.0.5");

		assertThat(this.behindProxies.resolve(request)).isEqualTo("198.51.100.0");
	}

	@Test
	void stripsPortsAndBrackets() {
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "[2001:db8:aa:bb::1]:4711");
		assertThat(this.behindProxies.resolve(request)).isEqualTo("2001:db8:aa::");

		MockHttpServletRequest withPort = request("10.0.0.2");
		withPort.addHeader("X-Forwarded-For", "198.51.100.9:5678");
		assertThat(this.behindProxies.resolve(withPort)).isEqualTo("198.51.100.0");
	}

	@Test
	void fallsBackToThePeerWhenAnEntryIsMalformed() {
		for (String chain : List.of("198.51.100.9, evil.example.com", "unknown", "_hidden", "198.51.100.9,,",
				"1.2.3.4:http", "[2001:db8::1]x")) {
			MockHttpServletRequest request = request("10.0.0.2");
			request.addHeader("X-Forwarded-For", chain);

			assertThat(this.behindProxies.resolve(request)).as(chain).isEqualTo("10.0.0.0");
		}
	}

	@Test
	void fallsBackToThePeerWhenTheChainIsTooLong() {
		ClientIpResolver resolver = new ClientIpResolver(List.of(CidrBlock.parse("10.0.0.0/8")),
				ForwardedHeader.X_FORWARDED_FOR, 3, ANONYMIZER);
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "1.1.1.1, 2.2.2.2, 3.3.3.3, 4.4.4.4");

		assertThat(resolver.resolve(request)).isEqualTo("10.0.0.0");
	}

	@Test
	void usesTheLeftmostAddressWhenEveryHopIsTrusted() {
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("X-Forwarded-For", "10.9.9.9, 10.0.0.5");

		assertThat(this.behindProxies.resolve(request)).isEqualTo("10.9.9.0");
	}

	@Test
	void readsTheForwardedHeaderWhenConfigured() {
		ClientIpResolver resolver = new ClientIpResolver(List.of(CidrBlock.parse("10.0.0.0/8")),
				ForwardedHeader.FORWARDED, 20, ANONYMIZER);
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("Forwarded", "for=6.6.6.6, for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.0.0.5");
		request.addHeader("X-Forwarded-For", "7.7.7.7");

		assertThat(resolver.resolve(request)).isEqualTo("2001:db8:cafe::");
	}

	@Test
	void ignoresTheOtherForwardingHeader() {
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("Forwarded", "for=198.51.100.9");

		assertThat(this.behindProxies.resolve(request)).isEqualTo("10.0.0.0");
	}

	@Test
	void treatsForwardedElementsWithoutAnAddressAsMalformed() {
		ClientIpResolver resolver = new ClientIpResolver(List.of(CidrBlock.parse("10.0.0.0/8")),
				ForwardedHeader.FORWARDED, 20, ANONYMIZER);
		MockHttpServletRequest request = request("10.0.0.2");
		request.addHeader("Forwarded", "for=unknown;proto=http");

		assertThat(resolver.resolve(request)).isEqualTo("10.0.0.0");
	}

	@Test
	void anonymizesIpv6MappedAndSixToFourPeers() {
		assertThat(this.untrusting.resolve(request("0:0:0:0:0:ffff:5102:458e"))).isEqualTo("81.2.69.0");
		assertThat(this.untrusting.resolve(request("2001:db8:85a3:8d3:1319:8a2e:370:7348")))
			.isEqualTo("2001:db8:85a3::");
		assertThat(this.untrusting.resolve(request("2002:5102:458e::1"))).isEqualTo("2002:5102:4500::");
		assertThat(this.untrusting.resolve(request("fe80::1%3"))).isEqualTo("fe80::");
	}

	@Test
	void returnsNullWhenThePeerIsNotAnAddress() {
		assertThat(this.untrusting.resolve(request("not-an-address"))).isNull();
	}

	private static MockHttpServletRequest request(String peer) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setRemoteAddr(peer);
		return request;
	}

}
