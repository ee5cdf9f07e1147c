package io.github.requesttracking.examples.traffic;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PopulationTests {

	private final List<SimulatedClient> people = Population.people(3000, new SplittableRandom(42));

	@Test
	void peopleComeFromEveryCountryInProportionToItsWeight() {
		Map<String, Long> byCountry = this.people.stream()
			.collect(Collectors.groupingBy(SimulatedClient::countryCode, Collectors.counting()));

		assertThat(byCountry.keySet()).containsExactlyInAnyOrderElementsOf(
				Population.PEOPLE_NETWORKS.stream().map(Population.Network::countryCode).toList());
		assertThat(byCountry.get("US")).isBetween(700L, 1100L);
		assertThat(byCountry.get("SE")).isBetween(40L, 160L);
	}

	@Test
	void everyPersonHasAPublicAddressInTheNetworkOfItsCountry() throws Exception {
		Map<String, String> prefixes = Population.PEOPLE_NETWORKS.stream()
			.collect(Collectors.toMap(Population.Network::countryCode, Population.Network::prefix));

		for (SimulatedClient person : this.people) {
			InetAddress address = InetAddress.getByName(person.address());
			assertThat(person.address()).startsWith(prefixes.get(person.countryCode()) + ".");
			assertThat(address.isSiteLocalAddress() || address.isLoopbackAddress()).isFalse();
			assertThat(person.bot()).isFalse();
		}
	}

	@Test
	void peopleUseSeveralBrowsersAndCrawlersAnnounceThemselves() {
		assertThat(this.people.stream().map(SimulatedClient::userAgent).distinct()).hasSameSizeAs(Population.BROWSERS);
		assertThat(Population.CRAWLERS).allSatisfy((crawler) -> {
			assertThat(crawler.bot()).isTrue();
			assertThat(crawler.userAgent()).containsIgnoringCase("bot");
		});
	}

	@Test
	void sameSeedDrawsTheSamePeople() {
		Function<Long, List<SimulatedClient>> draw = (seed) -> Population.people(20, new SplittableRandom(seed));

		assertThat(draw.apply(7L)).isEqualTo(draw.apply(7L)).isNotEqualTo(draw.apply(8L));
	}

}
