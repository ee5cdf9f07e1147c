package io.github.requesttracking.consumer.enrichment;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GeoIP2 City database: one shared, thread-safe reader that is swapped for a new one
 * when the file is replaced on disk, and that is absent while the file is missing.
 * <p>
 * The file is checked every {@code reloadInterval}; a replaced reader is closed after
 * {@code closeGrace} so that lookups running on it can finish.
 */
final class GeoDatabase implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(GeoDatabase.class);

	private final GeoIpProperties properties;

	private final AtomicReference<@Nullable Loaded> current = new AtomicReference<>();

	private final Queue<Loaded> retired = new ConcurrentLinkedQueue<>();

	private final ScheduledExecutorService scheduler;

	private @Nullable FileIdentity unreadable;

	private boolean missingReported;

	GeoDatabase(GeoIpProperties properties) {
		this.properties = properties;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "geoip-reload");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Loads the database if it is there and starts watching the file.
	 */
	void start() {
		refresh();
		// Limitation: the file is polled, so a replacement is used up to reload-interval
		// late.
		long interval = this.properties.reloadInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::refreshSafely, interval, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Looks up the city record of an address.
	 * @param address a public address
	 * @return the record, empty when the address is unknown or no database is loaded
	 */
	Optional<CityResponse> city(InetAddress address) {
		Loaded loaded = this.current.get();
		if (loaded == null) {
			return Optional.empty();
		}
		try {
			return loaded.reader().tryCity(address);
		}
		catch (IOException | GeoIp2Exception ex) {
			// A reader closed by a reload under a slow lookup, or a corrupt record: no
			// location for this event only.
			logger.debug("GeoIP lookup of '{}' failed", address.getHostAddress(), ex);
			return Optional.empty();
		}
	}

	/**
	 * Tells whether a database is loaded.
	 * @return whether lookups can find anything
	 */
	boolean available() {
		return this.current.get() != null;
	}

	/**
	 * Describes the loaded database for the health endpoint.
	 * @return the description, or {@code null} while no database is loaded
	 */
	@Nullable Loaded loaded() {
		return this.current.get();
	}

	Path path() {
		return this.properties.database();
	}

	/**
	 * Loads the file when it appeared or was replaced since the last check.
	 */
	synchronized void refresh() {
		Path path = this.properties.database();
		FileIdentity identity = FileIdentity.of(path);
		Loaded loaded = this.current.get();
		if (identity == null) {
			reportMissing(path, loaded);
			return;
		}
		this.missingReported = false;
		if ((loaded != null && identity.equals(loaded.identity())) || identity.equals(this.unreadable)) {
			return;
		}
		try {
			Loaded replacement = open(path, identity);
			this.current.set(replacement);
			this.unreadable = null;
			logger.info("Loaded GeoIP database '{}' ({}, built {})", path, replacement.databaseType(),
					replacement.buildTime());
			if (loaded != null) {
				closeLater(loaded);
			}
		}
		catch (IOException | RuntimeException ex) {
			this.unreadable = identity;
			logger.warn("Could not open GeoIP database '{}'; {} until the file is replaced", path,
					(loaded != null) ? "keeping the previous one" : "geolocation stays off", ex);
		}
	}

	private void refreshSafely() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			logger.warn("Checking GeoIP database '{}' failed", this.properties.database(), ex);
		}
	}

	private void reportMissing(Path path, @Nullable Loaded loaded) {
		if (this.missingReported) {
			return;
		}
		this.missingReported = true;
		if (loaded == null) {
			logger.warn(
					"GeoIP database '{}' not found; geolocation columns stay empty until it appears "
							+ "(run scripts/fetch-geolite2.sh or geoipupdate, or set tracking.consumer.geoip.database)",
					path.toAbsolutePath());
		}
		else {
			logger.warn("GeoIP database '{}' disappeared; keeping the one loaded at {}", path, loaded.loadedAt());
		}
	}

	private Loaded open(Path path, FileIdentity identity) throws IOException {
		DatabaseReader reader = new DatabaseReader.Builder(path.toFile())
			.withCache(new CHMCache(this.properties.cacheEntries()))
			.fileMode(this.properties.fileMode())
			.locales(List.of("en"))
			.build();
		return new Loaded(reader, identity, reader.metadata().databaseType(), reader.metadata().buildTime(),
				Instant.now());
	}

	private void closeLater(Loaded replaced) {
		this.retired.add(replaced);
		this.scheduler.schedule(() -> {
			if (this.retired.remove(replaced)) {
				closeQuietly(replaced);
			}
		}, this.properties.closeGrace().toMillis(), TimeUnit.MILLISECONDS);
	}

	private static void closeQuietly(Loaded loaded) {
		try {
			loaded.reader().close();
		}
		catch (IOException ex) {
			logger.debug("Closing a replaced GeoIP reader failed", ex);
		}
	}

	/**
	 * Stops watching the file and closes every reader, including those waiting for their
	 * grace period to end.
	 */
	@Override
	public void close() {
		this.scheduler.shutdownNow();
		for (Loaded retiring = this.retired.poll(); retiring != null; retiring = this.retired.poll()) {
			closeQuietly(retiring);
		}
		Loaded loaded = this.current.getAndSet(null);
		if (loaded != null) {
			closeQuietly(loaded);
		}
	}

	/**
	 * A loaded database.
	 *
	 * @param reader the shared reader
	 * @param identity the file it was read from
	 * @param databaseType the database type from the metadata
	 * @param buildTime when MaxMind built the database
	 * @param loadedAt when this reader was opened
	 */
	record Loaded(DatabaseReader reader, FileIdentity identity, String databaseType, Instant buildTime,
			Instant loadedAt) {

	}

	/**
	 * What tells one version of the file from another: a rename gives a new inode, an
	 * in-place rewrite a new modification time or size.
	 */
	record FileIdentity(@Nullable Object fileKey, FileTime modified, long size) {

		static @Nullable FileIdentity of(Path path) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
				return new FileIdentity(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
			}
			catch (NoSuchFileException ex) {
				return null;
			}
			catch (IOException ex) {
				logger.debug("Could not read the attributes of '{}'", path, ex);
				return null;
			}
		}

	}

}
