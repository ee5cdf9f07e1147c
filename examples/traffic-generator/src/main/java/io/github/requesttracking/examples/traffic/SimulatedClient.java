package io.github.requesttracking.examples.traffic;

/**
 * One simulated client: where it connects from and what software it uses.
 *
 * @param countryCode the ISO country the address belongs to, as expected from GeoLite2
 * @param address the public IPv4 address sent in {@code X-Forwarded-For}
 * @param userAgent the {@code User-Agent} header
 * @param bot whether the client is a crawler
 */
record SimulatedClient(String countryCode, String address, String userAgent, boolean bot) {

}
