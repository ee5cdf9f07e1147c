package io.github.requesttracking.consumer.enrichment;

import java.nio.file.Path;
import java.time.Duration;

import com.maxmind.db.Reader.FileMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the MaxMind GeoIP2 (GeoLite2 City) database used to geolocate client
 * addresses.
 *
 * @param database path of the City database; a relative path is resolved against the
 * working directory; replace the file by rename (as {@code geoipupdate} does), never by
 * rewriting it in place
 * @param fileMode {@code MEMORY} reads the whole file into memory (safe even when the
 * file is overwritten in place); {@code MEMORY_MAPPED} maps it, which uses less heap but
 * crashes lookups if the file is rewritten in place instead of renamed
 * @param reloadInterval how often the file is checked for replacement or first appearance
 * @param closeGrace how long a replaced database stays open so that lookups already
 * running on it can finish
 * @param cacheEntries how many decoded records the reader cache keeps
 */
@ConfigurationProperties("tracking.consumer.geoip")
public record GeoIpProperties(@DefaultValue("data/GeoLite2-City.mmdb") Path database,
		@DefaultValue("MEMORY") FileMode fileMode, @DefaultValue("60s") Duration reloadInterval,
		@DefaultValue("10s") Duration closeGrace, @DefaultValue("4096") int cacheEntries) {

}
