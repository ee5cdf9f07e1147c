-- Rollups: pre-aggregated counts that answer the common questions without scanning raw rows
-- and that outlive them. They hold no user id, no address and no query string, only counts
-- per group, so they may be kept longer than request_events and need no erasure.
-- Text keys use '' for "unknown" (a primary key column cannot be null).

-- The weight of a stored event: it stands for 1 / sample_rate requests.
CREATE FUNCTION tracking_weight(sample_rate double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN sample_rate > 0 THEN 1.0 / sample_rate ELSE 1.0 END
$$;

CREATE TABLE request_rollup_minute (
    bucket_start      timestamptz      NOT NULL,
    service           text             NOT NULL,
    route             text             NOT NULL,
    method            text             NOT NULL,
    status_code       integer          NOT NULL,
    requests          bigint           NOT NULL,
    weighted_requests double precision NOT NULL,
    duration_sum_ms   double precision NOT NULL,
    duration_max_ms   double precision NOT NULL,
    latency_histogram bigint[]         NOT NULL,
    refreshed_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (bucket_start, service, route, method, status_code)
);

CREATE INDEX request_rollup_minute_service_route_idx ON request_rollup_minute (service, route, bucket_start);

COMMENT ON TABLE request_rollup_minute IS 'Requests per UTC minute, service, route, method and status code';
COMMENT ON COLUMN request_rollup_minute.requests IS 'Stored events (sampled)';
COMMENT ON COLUMN request_rollup_minute.weighted_requests IS 'Estimated requests: sum of 1 / sample_rate';
COMMENT ON COLUMN request_rollup_minute.latency_histogram IS 'Stored events per bucket of tracking_latency_bounds()';

CREATE TABLE request_rollup_location_hour (
    bucket_start      timestamptz      NOT NULL,
    service           text             NOT NULL,
    route             text             NOT NULL,
    country_code      text             NOT NULL,
    city              text             NOT NULL,
    country           text             NOT NULL,
    requests          bigint           NOT NULL,
    weighted_requests double precision NOT NULL,
    refreshed_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (bucket_start, service, route, country_code, city)
);

COMMENT ON TABLE request_rollup_location_hour IS 'Requests per UTC hour, service, route, country and city';

CREATE TABLE request_rollup_agent_hour (
    bucket_start      timestamptz      NOT NULL,
    service           text             NOT NULL,
    route             text             NOT NULL,
    browser_family    text             NOT NULL,
    os_family         text             NOT NULL,
    device_class      text             NOT NULL,
    is_bot            boolean          NOT NULL,
    requests          bigint           NOT NULL,
    weighted_requests double precision NOT NULL,
    refreshed_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (bucket_start, service, route, browser_family, os_family, device_class, is_bot)
);

COMMENT ON TABLE request_rollup_agent_hour IS 'Requests per UTC hour, service, route and parsed user agent';

-- Recomputes every rollup bucket of the whole UTC hours overlapping [from_ts, to_ts) from the
-- raw rows: new and changed groups are upserted, groups that no longer have rows are removed.
-- Idempotent, so it may run again over the same range (redelivered or late events are
-- simply counted on the next run). Returns the number of rollup rows written.
-- Only call it for ranges still covered by request_events: older buckets would be emptied.
CREATE FUNCTION tracking_refresh_rollups(from_ts timestamptz, to_ts timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    window_start timestamptz := date_trunc('hour', from_ts, 'UTC');
    window_end timestamptz := date_trunc('hour', to_ts, 'UTC')
        + CASE WHEN date_trunc('hour', to_ts, 'UTC') = to_ts THEN interval '0' ELSE interval '1 hour' END;
    written bigint := 0;
    n bigint;
BEGIN
    IF from_ts >= to_ts THEN
        RETURN 0;
    END IF;

    CREATE TEMPORARY TABLE tracking_fresh_minute ON COMMIT DROP AS
    SELECT date_trunc('minute', e.occurred_at, 'UTC') AS bucket_start, e.service,
           coalesce(e.route, '') AS route, e.method, e.status_code,
           count(*) AS requests, sum(tracking_weight(e.sample_rate)) AS weighted_requests,
           sum(e.duration_ms) AS duration_sum_ms, max(e.duration_ms) AS duration_max_ms,
           tracking_histogram_of(array_agg(tracking_latency_bucket(e.duration_ms)),
                                 array_fill(1::bigint, ARRAY[count(*)::integer])) AS latency_histogram
    FROM request_events e
    WHERE e.occurred_at >= window_start AND e.occurred_at < window_end
    GROUP BY 1, 2, 3, 4, 5;

    INSERT INTO request_rollup_minute AS r (bucket_start, service, route, method, status_code, requests,
        weighted_requests, duration_sum_ms, duration_max_ms, latency_histogram, refreshed_at)
    SELECT f.*, now() FROM tracking_fresh_minute f
    ON CONFLICT (bucket_start, service, route, method, status_code) DO UPDATE
    SET requests = excluded.requests, weighted_requests = excluded.weighted_requests,
        duration_sum_ms = excluded.duration_sum_ms, duration_max_ms = excluded.duration_max_ms,
        latency_histogram = excluded.latency_histogram, refreshed_at = excluded.refreshed_at;
    GET DIAGNOSTICS n = ROW_COUNT;
    written := written + n;
    DELETE FROM request_rollup_minute r
    WHERE r.bucket_start >= window_start AND r.bucket_start < window_end
      AND NOT EXISTS (SELECT 1 FROM tracking_fresh_minute f
                      WHERE (f.bucket_start, f.service, f.route, f.method, f.status_code)
                          = (r.bucket_start, r.service, r.route, r.method, r.status_code));

    CREATE TEMPORARY TABLE tracking_fresh_location ON COMMIT DROP AS
    SELECT date_trunc('hour', e.occurred_at, 'UTC') AS bucket_start, e.service, coalesce(e.route, '') AS route,
           coalesce(e.country_code, '') AS country_code, coalesce(e.city, '') AS city,
           coalesce(max(e.country), '') AS country,
           count(*) AS requests, sum(tracking_weight(e.sample_rate)) AS weighted_requests
    FROM request_events e
    WHERE e.occurred_at >= window_start AND e.occurred_at < window_end
    GROUP BY 1, 2, 3, 4, 5;

    INSERT INTO request_rollup_location_hour AS r (bucket_start, service, route, country_code, city, country,
        requests, weighted_requests, refreshed_at)
    SELECT f.*, now() FROM tracking_fresh_location f
    ON CONFLICT (bucket_start, service, route, country_code, city) DO UPDATE
    SET country = excluded.country, requests = excluded.requests,
        weighted_requests = excluded.weighted_requests, refreshed_at = excluded.refreshed_at;
    GET DIAGNOSTICS n = ROW_COUNT;
    written := written + n;
    DELETE FROM request_rollup_location_hour r
    WHERE r.bucket_start >= window_start AND r.bucket_start < window_end
      AND NOT EXISTS (SELECT 1 FROM tracking_fresh_location f
                      WHERE (f.bucket_start, f.service, f.route, f.country_code, f.city)
                          = (r.bucket_start, r.service, r.route, r.country_code, r.city));

    CREATE TEMPORARY TABLE tracking_fresh_agent ON COMMIT DROP AS
    SELECT date_trunc('hour', e.occurred_at, 'UTC') AS bucket_start, e.service, coalesce(e.route, '') AS route,
           coalesce(e.browser_family, '') AS browser_family, coalesce(e.os_family, '') AS os_family,
           coalesce(e.device_class, '') AS device_class, coalesce(e.is_bot, false) AS is_bot,
           count(*) AS requests, sum(tracking_weight(e.sample_rate)) AS weighted_requests
    FROM request_events e
    WHERE e.occurred_at >= window_start AND e.occurred_at < window_end
    GROUP BY 1, 2, 3, 4, 5, 6, 7;

    INSERT INTO request_rollup_agent_hour AS r (bucket_start, service, route, browser_family, os_family,
        device_class, is_bot, requests, weighted_requests, refreshed_at)
    SELECT f.*, now() FROM tracking_fresh_agent f
    ON CONFLICT (bucket_start, service, route, browser_family, os_family, device_class, is_bot) DO UPDATE
    SET requests = excluded.requests, weighted_requests = excluded.weighted_requests,
        refreshed_at = excluded.refreshed_at;
    GET DIAGNOSTICS n = ROW_COUNT;
    written := written + n;
    DELETE FROM request_rollup_agent_hour r
    WHERE r.bucket_start >= window_start AND r.bucket_start < window_end
      AND NOT EXISTS (SELECT 1 FROM tracking_fresh_agent f
                      WHERE (f.bucket_start, f.service, f.route, f.browser_family, f.os_family, f.device_class,
                             f.is_bot)
                          = (r.bucket_start, r.service, r.route, r.browser_family, r.os_family, r.device_class,
                             r.is_bot));

    DROP TABLE tracking_fresh_minute, tracking_fresh_location, tracking_fresh_agent;
    RETURN written;
END;
$$;

COMMENT ON FUNCTION tracking_refresh_rollups(timestamptz, timestamptz)
    IS 'Recomputes the rollups of the UTC hours overlapping a range from raw rows; returns rows written';

-- Removes rollup rows whose bucket starts before the given time; returns how many.
CREATE FUNCTION tracking_delete_expired_rollups(before_ts timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    deleted bigint := 0;
    n bigint;
BEGIN
    DELETE FROM request_rollup_minute WHERE bucket_start < before_ts;
    GET DIAGNOSTICS n = ROW_COUNT;
    deleted := deleted + n;
    DELETE FROM request_rollup_location_hour WHERE bucket_start < before_ts;
    GET DIAGNOSTICS n = ROW_COUNT;
    deleted := deleted + n;
    DELETE FROM request_rollup_agent_hour WHERE bucket_start < before_ts;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN deleted + n;
END;
$$;

COMMENT ON FUNCTION tracking_delete_expired_rollups(timestamptz) IS 'Deletes rollup rows older than a time';
