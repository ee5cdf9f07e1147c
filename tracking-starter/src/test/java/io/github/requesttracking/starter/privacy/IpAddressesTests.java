package io.github.requesttracking.starter.privacy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressesTests {

	@ParameterizedTest
	@CsvSource({ "192.0.2.1, 192.0.2.1", "0.0.0.0, 0.0.0.0", "255.255.255.255, 255.255.255.255",
			"2001:db8::1, 2001:db8::1", "2001:DB8:0:0:0:0:0:1, 2001:db8::1", "0:0:0:0:0:0:0:1, ::1", "::, ::",
			"::ffff:81.2.69.142, 81.2.69.142", "::FFFF:c0a8:0101, 192.168.1.1", "fe80::1%eth0, fe80::1",
			"fe80::1%1, fe80::1", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
			"2001:db8::1:0:0:1, 2001:db8::1:0:0:1", "64:ff9b::192.0.2.33, 64:ff9b::c000:221", "1::, 1::" })
	void parsesLiteralsIntoTheirCanonicalForm(String literal, String canonical) {
		byte[] address = IpAddresses.parse(literal);

		assertThat(address).isNotNull();
		assertThat(IpAddresses.format(address)).isEqualTo(canonical);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
			"1.2.3.4:80", "1..2.3", "1.2.3.", ".1.2.3", "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "12345::1", "::1:",
			":1::", "g::1", "unknown", "_hidden", "[::1]", "1.2.3.4 ", " 1.2.3.4", "::ffff:1.2.3",
			"1:2:3:4:5:6:7:1.2.3.4" })
	void rejectsTextThatIsNotALiteral(String text) {
		assertThat(IpAddresses.parse(text)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "example.invalid", "www.google.com" })
	void neverResolvesHostNames(String hostName) {
		// A resolving parser would answer 127.0.0.1 for localhost: null proves no lookup.
		assertThat(IpAddresses.parse(hostName)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4" })
	void acceptsAnEmbeddedIpv4Tail(String literal) {
		assertThat(IpAddresses.parse(literal)).hasSize(16);
	}

}
