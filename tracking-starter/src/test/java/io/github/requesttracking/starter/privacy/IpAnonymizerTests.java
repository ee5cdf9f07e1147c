package io.github.requesttracking.starter.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IpAnonymizerTests {

	private final IpAnonymizer defaults = new IpAnonymizer(24, 48);

	@ParameterizedTest
	@CsvSource({ "81.2.69.142, 81.2.69.0", "10.1.2.3, 10.1.2.0",
			"2001:db8:85a3:8d3:1319:8a2e:370:7348, 2001:db8:85a3::", "::ffff:81.2.69.142, 81.2.69.0",
			"fe80::1%eth0, fe80::", "::1, ::", "2002:c000:0204::1, 2002:c000:200::",
			"2002:5102:458e:1:2:3:4:5, 2002:5102:4500::", "2001:0:4136:e378:8000:63bf:3fff:fdd2, 2001:0:4136::" })
	void keepsOnlyTheNetworkPartByDefault(String literal, String anonymized) {
		assertThat(this.defaults.anonymize(literal)).isEqualTo(anonymized);
	}

	@Test
	void masksMoreOfIpv4WhenConfigured() {
		IpAnonymizer anonymizer = new IpAnonymizer(16, 48);

		assertThat(anonymizer.anonymize("81.2.69.142")).isEqualTo("81.2.0.0");
		assertThat(anonymizer.anonymize("::ffff:81.2.69.142")).isEqualTo("81.2.0.0");
		assertThat(anonymizer.anonymize("2002:5102:458e::1")).isEqualTo("2002:5102::");
	}

	@Test
	void masksSixToFourAddressesDownToTheEmbeddedIpv4Network() {
		byte[] anonymized = this.defaults.anonymize(IpAddresses.parse("2002:c000:02ff:1234::1"));

		assertThat(anonymized[5]).isZero();
		assertThat(IpAddresses.format(anonymized)).isEqualTo("2002:c000:200::");
	}

	@Test
	void returnsNullForTextThatIsNotALiteral() {
		assertThat(this.defaults.anonymize("example.com")).isNull();
	}

	@Test
	void rejectsPrefixLengthsOutsideTheAddressSize() {
		assertThatIllegalArgumentException().isThrownBy(() -> new IpAnonymizer(33, 48)).withMessageContaining("33");
		assertThatIllegalArgumentException().isThrownBy(() -> new IpAnonymizer(24, 129)).withMessageContaining("129");
	}

}
