package io.github.requesttracking.consumer.enrichment;

import java.net.InetAddress;

import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.record.City;
import com.maxmind.geoip2.record.Country;
import com.maxmind.geoip2.record.Location;
import io.github.requesttracking.event.RequestEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Geolocates the client address with the GeoIP database, then with the optional fallback,
 * and parses the user agent. Addresses that are not publicly routed are never looked up.
 */
final class DefaultEventEnricher implements EventEnricher {

	private final GeoDatabase database;

	private final @Nullable GeoFallback fallback;

	private final @Nullable UserAgentParser userAgents;

	private final Counter missesNotFound;

	private final Counter missesNoDatabase;

	DefaultEventEnricher(GeoDatabase database, @Nullable GeoFallback fallback, @Nullable UserAgentParser userAgents,
			MeterRegistry meterRegistry) {
		this.database = database;
		this.fallback = fallback;
		this.userAgents = userAgents;
		this.missesNotFound = misses(meterRegistry, "not_found");
		this.missesNoDatabase = misses(meterRegistry, "no_database");
	}

	private static Counter misses(MeterRegistry meterRegistry, String reason) {
		return Counter.builder("tracking.consumer.geo.misses")
			.description("Public client addresses the GeoIP database could not place")
			.tag("reason", reason)
			.register(meterRegistry);
	}

	@Override
	public Enrichment enrich(RequestEvent event) {
		GeoLocation location = locate(event.clientIp());
		ParsedUserAgent agent = (this.userAgents != null) ? this.userAgents.parse(event.userAgent())
				: ParsedUserAgent.UNKNOWN;
		return new Enrichment(location.countryCode(), location.country(), location.city(), location.latitude(),
				location.longitude(), agent.browserFamily(), agent.browserMajor(), agent.osFamily(),
				agent.deviceClass(), agent.bot());
	}

	/**
	 * Geolocates an address given as text.
	 * @param clientIp the anonymized client address of an event
	 * @return where it is, {@link GeoLocation#UNKNOWN} when it is not public or unknown
	 */
	GeoLocation locate(@Nullable String clientIp) {
		// Limitation: the publisher already cut the address to its network, so the city
		// is missing or wrong more often than with full addresses; the country rarely
		// changes.
		InetAddress address = ClientAddress.parse(clientIp);
		if (address == null || !ClientAddress.isPublic(address)) {
			return GeoLocation.UNKNOWN;
		}
		GeoLocation location = this.database.city(address)
			.map(DefaultEventEnricher::toLocation)
			.orElse(GeoLocation.UNKNOWN);
		if (location.known()) {
			return location;
		}
		(this.database.available() ? this.missesNotFound : this.missesNoDatabase).increment();
		return (this.fallback != null) ? this.fallback.locate(address) : GeoLocation.UNKNOWN;
	}

	private static GeoLocation toLocation(CityResponse response) {
		Country country = response.country();
		City city = response.city();
		Location location = response.location();
		return new GeoLocation((country != null) ? country.isoCode() : null, (country != null) ? country.name() : null,
				(city != null) ? city.name() : null, (location != null) ? location.latitude() : null,
				(location != null) ? location.longitude() : null);
	}

}
