package io.github.requesttracking.examples.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The people and crawlers of a run. People come from several countries with realistic
 * weights and browsers; crawlers use well-known bot user agents. Addresses are drawn from
 * public networks that GeoLite2 places in the given country; the starter anonymizes them
 * before they leave the example service.
 */
final class Population {

	/**
	 * A /24 network per country, with the weight of that country among people.
	 */
	static final List<Network> PEOPLE_NETWORKS = List.of(new Network("US", "8.8.8", 30),
			new Network("GB", "81.2.69", 12), new Network("DE", "85.214.132", 12), new Network("IN", "49.37.10", 10),
			new Network("FR", "90.63.200", 8), new Network("JP", "133.11.50", 8), new Network("BR", "200.147.67", 8),
			new Network("AU", "1.144.100", 6), new Network("SE", "89.160.20", 3), new Network("CN", "175.16.199", 3));

	static final List<String> BROWSERS = List.of(
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
			"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
			"Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
			"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
			"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0");

	static final List<SimulatedClient> CRAWLERS = List.of(
			new SimulatedClient("US", "66.249.66.1",
					"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true),
			new SimulatedClient("US", "40.77.167.10",
					"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", true),
			new SimulatedClient("RU", "5.255.253.20",
					"Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", true),
			new SimulatedClient("FR", "54.36.148.30",
					"Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", true));

	private Population() {
	}

	/**
	 * Draw the people of a run.
	 * @param count how many
	 * @param random the source of randomness
	 * @return the people, none of them a crawler
	 */
	static List<SimulatedClient> people(int count, RandomGenerator random) {
		int totalWeight = PEOPLE_NETWORKS.stream().mapToInt(Network::weight).sum();
		List<SimulatedClient> people = new ArrayList<>(count);
		for (int index = 0; index < count; index++) {
			Network network = pick(random.nextInt(totalWeight));
			String address = network.prefix() + "." + (1 + random.nextInt(254));
			people.add(new SimulatedClient(network.countryCode(), address,
					BROWSERS.get(random.nextInt(BROWSERS.size())), false));
		}
		return people;
	}

	private static Network pick(int ticket) {
		int remaining = ticket;
		for (Network network : PEOPLE_NETWORKS) {
			remaining -= network.weight();
			if (remaining < 0) {
				return network;
			}
		}
		throw new IllegalStateException("Ticket " + ticket + " is beyond the total weight");
	}

	/**
	 * A network of one country.
	 *
	 * @param countryCode ISO country code
	 * @param prefix the first three octets
	 * @param weight relative share of people from it
	 */
	record Network(String countryCode, String prefix, int weight) {

	}

}
