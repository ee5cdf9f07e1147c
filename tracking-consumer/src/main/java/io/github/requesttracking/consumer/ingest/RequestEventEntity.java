package io.github.requesttracking.consumer.ingest;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.SQLInsert;
import org.jspecify.annotations.Nullable;

import io.github.requesttracking.consumer.enrichment.Enrichment;
import io.github.requesttracking.event.RequestEvent;

/**
 * JPA mapping of a {@code request_events} row, written only through a stateless session.
 * The insert skips an event id that is already stored. Hibernate binds the columns of a
 * custom insert in the order of the attribute names, identifiers last, which is the order
 * of the statement below.
 */
@Entity
@Table(name = "request_events")
@IdClass(RequestEventEntity.Key.class)
@SQLInsert(sql = """
		insert into request_events (is_bot, browser_family, browser_major, city, client_ip, country,
		    country_code, device_class, duration_ms, latitude, longitude, method, origin, os_family, path,
		    query_params, received_at, referer, route, sample_rate, service, status_code, user_agent, user_id,
		    event_id, occurred_at)
		values (?, ?, ?, ?, cast(? as inet), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?,
		    ?, ?)
		on conflict do nothing""", verify = InsertedRowCounter.class)
class RequestEventEntity {

	@Id
	@Column(name = "event_id")
	private UUID eventId;

	@Id
	@Column(name = "occurred_at")
	private Instant occurredAt;

	@Column(name = "is_bot")
	private @Nullable Boolean bot;

	private @Nullable String browserFamily;

	private @Nullable String browserMajor;

	private @Nullable String city;

	private @Nullable String clientIp;

	private @Nullable String country;

	private @Nullable String countryCode;

	private @Nullable String deviceClass;

	private double durationMs;

	private @Nullable Double latitude;

	private @Nullable Double longitude;

	private String method;

	private @Nullable String origin;

	private @Nullable String osFamily;

	private String path;

	private String queryParams;

	private Instant receivedAt;

	private @Nullable String referer;

	private @Nullable String route;

	private double sampleRate;

	private String service;

	private int statusCode;

	private @Nullable String userAgent;

	private @Nullable String userId;

	RequestEventEntity(EventRow row) {
		RequestEvent event = row.event();
		Enrichment enrichment = row.enrichment();
		this.eventId = event.eventId();
		this.occurredAt = event.timestamp();
		this.bot = enrichment.bot();
		this.browserFamily = enrichment.browserFamily();
		this.browserMajor = enrichment.browserMajor();
		this.city = enrichment.city();
		this.clientIp = event.clientIp();
		this.country = enrichment.country();
		this.countryCode = enrichment.countryCode();
		this.deviceClass = enrichment.deviceClass();
		this.durationMs = event.durationMs();
		this.latitude = enrichment.latitude();
		this.longitude = enrichment.longitude();
		this.method = event.method();
		this.origin = event.origin();
		this.osFamily = enrichment.osFamily();
		this.path = event.path();
		this.queryParams = row.queryParamsJson();
		this.receivedAt = row.receivedAt();
		this.referer = event.referer();
		this.route = event.route();
		this.sampleRate = event.sampleRate();
		this.service = event.service();
		this.statusCode = event.statusCode();
		this.userAgent = event.userAgent();
		this.userId = event.userId();
	}

	@SuppressWarnings("NullAway.Init")
	protected RequestEventEntity() {
		// For Hibernate.
		this.eventId = new UUID(0, 0);
		this.occurredAt = Instant.EPOCH;
		this.method = "";
		this.path = "";
		this.queryParams = "{}";
		this.receivedAt = Instant.EPOCH;
		this.service = "";
	}

	/**
	 * Composite identifier: the partition column is part of the primary key.
	 */
	static class Key implements Serializable {

		private @Nullable UUID eventId;

		private @Nullable Instant occurredAt;

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Key key && Objects.equals(this.eventId, key.eventId)
					&& Objects.equals(this.occurredAt, key.occurredAt);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.eventId, this.occurredAt);
		}

	}

}
