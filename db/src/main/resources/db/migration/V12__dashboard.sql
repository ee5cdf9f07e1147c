-- Coarser rollups and the answers of the consumer's dashboard.
--
-- Summing minute rollups over 90 days reads tens of millions of rows, so requests are also
-- kept per UTC hour and per UTC day, and locations and user agents per UTC day. These are
-- exact sums of the finer rollups, recomputed by tracking_refresh_coarse_rollups in the same
-- scheduled run that refreshes the minute rollups. The dashboard functions take a
-- granularity ('minute', 'hour' or 'day') that is both the width of their time buckets and
-- the rollup they read; they count the buckets whose start lies in [from_ts, to_ts), so a
-- caller aligns the range to that granularity. Counts, rates and shares are weighted
-- (1 / sample_rate); latency percentiles come from the histograms as in V7.

CREATE TABLE request_rollup_hour (
    bucket_start      timestamptz      NOT NULL,
    service           text             NOT NULL,
    route             text             NOT NULL,
    status_code       integer          NOT NULL,
    requests          bigint           NOT NULL,
    weighted_requests double precision NOT NULL,
    duration_sum_ms   double precision NOT NULL,
    duration_max_ms   double precision NOT NULL,
    latency_histogram bigint[]         NOT NULL,
    refreshed_at      timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (bucket_start, service, route, status_code)
);

COMMENT ON TABLE request_rollup_hour IS 'Requests per UTC hour, service, route and status code (sum of minute rollups)';

CREATE TABLE request_rollup_day (LIKE request_rollup_hour INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);

COMMENT ON TABLE request_rollup_day IS 'Requests per UTC day, service, route and status code (sum of hour rollups)';

CREATE TABLE request_rollup_location_day
    (LIKE request_rollup_location_hour INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);

COMMENT ON TABLE request_rollup_location_day IS 'Requests per UTC day, service, route, country and city';

CREATE TABLE request_rollup_agent_day
    (LIKE request_rollup_agent_hour INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);

COMMENT ON TABLE request_rollup_agent_day IS 'Requests per UTC day, service, route and parsed user agent';

-- Where the dashboard's world map draws a place: the mean GeoIP coordinates of the events
-- from one country and city ('' for unknown city), as precise as the GeoIP database (a city,
-- never an address).
CREATE TABLE tracking_place_coordinates (
    country_code text             NOT NULL,
    city         text             NOT NULL,
    latitude     double precision NOT NULL,
    longitude    double precision NOT NULL,
    refreshed_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (country_code, city)
);

COMMENT ON TABLE tracking_place_coordinates IS 'Mean GeoIP coordinates per country and city, for maps';

-- Recomputes the hour rollups of the UTC hours and the day rollups of the UTC days that
-- overlap [from_ts, to_ts) from the finer rollups (delete and insert, in one transaction).
-- Idempotent. Returns the number of rows written.
CREATE FUNCTION tracking_refresh_coarse_rollups(from_ts timestamptz, to_ts timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    hour_start timestamptz := date_trunc('hour', from_ts, 'UTC');
    hour_end timestamptz := date_trunc('hour', to_ts - interval '1 microsecond', 'UTC') + interval '1 hour';
    day_start timestamptz := date_trunc('day', from_ts, 'UTC');
    day_end timestamptz := date_trunc('day', to_ts - interval '1 microsecond', 'UTC') + interval '1 day';
    written bigint := 0;
    n bigint;
BEGIN
    IF from_ts IS NULL OR to_ts IS NULL OR from_ts >= to_ts THEN
        RETURN 0;
    END IF;

    DELETE FROM request_rollup_hour WHERE bucket_start >= hour_start AND bucket_start < hour_end;
    INSERT INTO request_rollup_hour (bucket_start, service, route, status_code, requests, weighted_requests,
        duration_sum_ms, duration_max_ms, latency_histogram)
    SELECT date_trunc('hour', m.bucket_start, 'UTC'), m.service, m.route, m.status_code, sum(m.requests),
           sum(m.weighted_requests), sum(m.duration_sum_ms), max(m.duration_max_ms),
           tracking_histogram_sum(m.latency_histogram)
    FROM request_rollup_minute m
    WHERE m.bucket_start >= hour_start AND m.bucket_start < hour_end
    GROUP BY 1, 2, 3, 4;
    GET DIAGNOSTICS n = ROW_COUNT;
    written := written + n;

    DELETE FROM request_rollup_day WHERE bucket_start >= day_start AND bucket_start < day_end;
    INSERT INTO request_rollup_day (bucket_start, service, route, status_code, requests, weighted_requests,
        duration_sum_ms, duration_max_ms, latency_histogram)
    SELECT date_trunc('day', h.bucket_start, 'UTC'), h.service, h.route, h.status_code, sum(h.requests),
           sum(h.weighted_requests), sum(h.duration_sum_ms), max(h.duration_max_ms),
           tracking_histogram_sum(h.latency_histogram)
    FROM request_rollup_hour h
    WHERE h.bucket_start >= day_start AND h.bucket_start < day_end
    GROUP BY 1, 2, 3, 4;
    GET DIAGNOSTICS n = ROW_COUNT;
    written := written + n;

    DELETE FROM request_rollup_location_day WHERE bucket_start >= day_start AND bucket_start < day_end;
    INSERT INTO request_rollup_location_day (bucket_start, service, route, country_code, city, country, requests,
        weighted_requests)
    SELECT date_trunc('day', l.bucket_start, 'UTC'), l.service, l.route, l.country_code, l.city, max(l.country),
           sum(l.requests), sum(l.weighted_requests)
    FROM request_rollup_location_hour l
    WHERE l.bucket_start >= day_start AND l.bucket_start < day_end
    GROUP BY 1, 2, 3, 4, 5;
    GET DIAGNOSTICS n = ROW_COUNT;
    written := written + n;

    DELETE FROM request_rollup_agent_day WHERE bucket_start >= day_start AND bucket_start < day_end;
    INSERT INTO request_rollup_agent_day (bucket_start, service, route, browser_family, os_family, device_class,
        is_bot, requests, weighted_requests)
    SELECT date_trunc('day', a.bucket_start, 'UTC'), a.service, a.route, a.browser_family, a.os_family,
           a.device_class, a.is_bot, sum(a.requests), sum(a.weighted_requests)
    FROM request_rollup_agent_hour a
    WHERE a.bucket_start >= day_start AND a.bucket_start < day_end
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN written + n;
END;
$$;

COMMENT ON FUNCTION tracking_refresh_coarse_rollups(timestamptz, timestamptz)
    IS 'Recomputes the hour and day rollups overlapping a range from the finer rollups; returns rows written';

-- Upserts the mean coordinates of the places seen in raw events in [from_ts, to_ts).
CREATE FUNCTION tracking_refresh_place_coordinates(from_ts timestamptz, to_ts timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    INSERT INTO tracking_place_coordinates AS p (country_code, city, latitude, longitude, refreshed_at)
    SELECT e.country_code, coalesce(e.city, ''), avg(e.latitude), avg(e.longitude), now()
    FROM request_events e
    WHERE e.occurred_at >= from_ts AND e.occurred_at < to_ts
      AND e.country_code IS NOT NULL AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL
    GROUP BY 1, 2
    ON CONFLICT (country_code, city) DO UPDATE
    SET latitude = excluded.latitude, longitude = excluded.longitude, refreshed_at = excluded.refreshed_at;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END;
$$;

COMMENT ON FUNCTION tracking_refresh_place_coordinates(timestamptz, timestamptz)
    IS 'Upserts the mean GeoIP coordinates per country and city seen in a range of raw events';

-- The V6 function, now also expiring the coarse rollups; a day row goes once its whole day
-- is older than the cut-off. Place coordinates are kept (one row per place ever seen).
CREATE OR REPLACE FUNCTION tracking_delete_expired_rollups(before_ts timestamptz) RETURNS bigint
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
    deleted := deleted + n;
    DELETE FROM request_rollup_hour WHERE bucket_start < before_ts;
    GET DIAGNOSTICS n = ROW_COUNT;
    deleted := deleted + n;
    DELETE FROM request_rollup_day WHERE bucket_start + interval '1 day' <= before_ts;
    GET DIAGNOSTICS n = ROW_COUNT;
    deleted := deleted + n;
    DELETE FROM request_rollup_location_day WHERE bucket_start + interval '1 day' <= before_ts;
    GET DIAGNOSTICS n = ROW_COUNT;
    deleted := deleted + n;
    DELETE FROM request_rollup_agent_day WHERE bucket_start + interval '1 day' <= before_ts;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN deleted + n;
END;
$$;

-- The request rollup of a granularity: 'minute', 'hour' or 'day' (no rows for anything else).
CREATE FUNCTION tracking_request_rollup(granularity text)
RETURNS TABLE (bucket_start timestamptz, service text, route text, status_code integer, requests bigint,
    weighted_requests double precision, duration_sum_ms double precision, duration_max_ms double precision,
    latency_histogram bigint[])
LANGUAGE sql STABLE AS $$
    SELECT m.bucket_start, m.service, m.route, m.status_code, m.requests, m.weighted_requests, m.duration_sum_ms,
           m.duration_max_ms, m.latency_histogram
    FROM request_rollup_minute m WHERE granularity = 'minute'
    UNION ALL
    SELECT h.bucket_start, h.service, h.route, h.status_code, h.requests, h.weighted_requests, h.duration_sum_ms,
           h.duration_max_ms, h.latency_histogram
    FROM request_rollup_hour h WHERE granularity = 'hour'
    UNION ALL
    SELECT d.bucket_start, d.service, d.route, d.status_code, d.requests, d.weighted_requests, d.duration_sum_ms,
           d.duration_max_ms, d.latency_histogram
    FROM request_rollup_day d WHERE granularity = 'day'
$$;

-- The location rollup of a granularity; 'minute' reads the hour rollup.
CREATE FUNCTION tracking_location_rollup(granularity text)
RETURNS TABLE (bucket_start timestamptz, service text, route text, country_code text, city text, country text,
    requests bigint, weighted_requests double precision)
LANGUAGE sql STABLE AS $$
    SELECT h.bucket_start, h.service, h.route, h.country_code, h.city, h.country, h.requests, h.weighted_requests
    FROM request_rollup_location_hour h WHERE granularity IN ('minute', 'hour')
    UNION ALL
    SELECT d.bucket_start, d.service, d.route, d.country_code, d.city, d.country, d.requests, d.weighted_requests
    FROM request_rollup_location_day d WHERE granularity = 'day'
$$;

-- The user agent rollup of a granularity; 'minute' reads the hour rollup.
CREATE FUNCTION tracking_agent_rollup(granularity text)
RETURNS TABLE (bucket_start timestamptz, service text, route text, browser_family text, os_family text,
    device_class text, is_bot boolean, requests bigint, weighted_requests double precision)
LANGUAGE sql STABLE AS $$
    SELECT h.bucket_start, h.service, h.route, h.browser_family, h.os_family, h.device_class, h.is_bot, h.requests,
           h.weighted_requests
    FROM request_rollup_agent_hour h WHERE granularity IN ('minute', 'hour')
    UNION ALL
    SELECT d.bucket_start, d.service, d.route, d.browser_family, d.os_family, d.device_class, d.is_bot, d.requests,
           d.weighted_requests
    FROM request_rollup_agent_day d WHERE granularity = 'day'
$$;

-- Requests per bucket split by outcome class, weighted, with the server error rate.
CREATE FUNCTION tracking_outcomes(from_ts timestamptz, to_ts timestamptz, granularity text,
    service_filter text DEFAULT NULL, route_filter text DEFAULT NULL)
RETURNS TABLE (bucket_start timestamptz, requests bigint, weighted_requests double precision,
    successful double precision, redirected double precision, client_errors double precision,
    server_errors double precision, other double precision, error_rate double precision)
LANGUAGE sql STABLE AS $$
    SELECT date_trunc(granularity, r.bucket_start, 'UTC'), sum(r.requests)::bigint, sum(r.weighted_requests),
           coalesce(sum(r.weighted_requests) FILTER (WHERE r.status_code BETWEEN 200 AND 299), 0),
           coalesce(sum(r.weighted_requests) FILTER (WHERE r.status_code BETWEEN 300 AND 399), 0),
           coalesce(sum(r.weighted_requests) FILTER (WHERE r.status_code BETWEEN 400 AND 499), 0),
           coalesce(sum(r.weighted_requests) FILTER (WHERE r.status_code BETWEEN 500 AND 599), 0),
           coalesce(sum(r.weighted_requests) FILTER (WHERE r.status_code NOT BETWEEN 200 AND 599), 0),
           coalesce(sum(r.weighted_requests) FILTER (WHERE r.status_code BETWEEN 500 AND 599), 0)
               / sum(r.weighted_requests)
    FROM tracking_request_rollup(granularity) r
    WHERE r.bucket_start >= from_ts AND r.bucket_start < to_ts
      AND (service_filter IS NULL OR r.service = service_filter)
      AND (route_filter IS NULL OR r.route = route_filter)
    GROUP BY 1
    ORDER BY 1
$$;

COMMENT ON FUNCTION tracking_outcomes(timestamptz, timestamptz, text, text, text)
    IS 'Weighted requests per minute, hour or day split into 2xx, 3xx, 4xx, 5xx and other, with the error rate';

-- Latency percentiles per bucket, from the summed histograms.
CREATE FUNCTION tracking_latency_over_time(from_ts timestamptz, to_ts timestamptz, granularity text,
    service_filter text DEFAULT NULL, route_filter text DEFAULT NULL)
RETURNS TABLE (bucket_start timestamptz, requests bigint, p50_ms double precision, p95_ms double precision,
    p99_ms double precision, max_ms double precision)
LANGUAGE sql STABLE AS $$
    SELECT g.bucket_start, g.requests, tracking_histogram_percentile(g.histogram, 0.50, g.max_ms),
           tracking_histogram_percentile(g.histogram, 0.95, g.max_ms),
           tracking_histogram_percentile(g.histogram, 0.99, g.max_ms), g.max_ms
    FROM (SELECT date_trunc(granularity, r.bucket_start, 'UTC') AS bucket_start, sum(r.requests)::bigint AS requests,
                 max(r.duration_max_ms) AS max_ms, tracking_histogram_sum(r.latency_histogram) AS histogram
          FROM tracking_request_rollup(granularity) r
          WHERE r.bucket_start >= from_ts AND r.bucket_start < to_ts
            AND (service_filter IS NULL OR r.service = service_filter)
            AND (route_filter IS NULL OR r.route = route_filter)
          GROUP BY 1) g
    ORDER BY 1
$$;

COMMENT ON FUNCTION tracking_latency_over_time(timestamptz, timestamptz, text, text, text)
    IS 'Latency p50, p95, p99 and max per minute, hour or day, from histograms';

-- The routes with the most weighted requests, with their error rate and p95 latency.
CREATE FUNCTION tracking_top_routes(from_ts timestamptz, to_ts timestamptz, granularity text,
    service_filter text DEFAULT NULL, route_filter text DEFAULT NULL, max_rows integer DEFAULT 20)
RETURNS TABLE (service text, route text, requests bigint, weighted_requests double precision,
    error_rate double precision, p95_ms double precision)
LANGUAGE sql STABLE AS $$
    SELECT g.service, g.route, g.requests, g.weighted_requests, g.weighted_server_errors / g.weighted_requests,
           tracking_histogram_percentile(g.histogram, 0.95, g.max_ms)
    FROM (SELECT r.service, r.route, sum(r.requests)::bigint AS requests, sum(r.weighted_requests) AS weighted_requests,
                 coalesce(sum(r.weighted_requests) FILTER (WHERE r.status_code BETWEEN 500 AND 599), 0)
                     AS weighted_server_errors,
                 max(r.duration_max_ms) AS max_ms, tracking_histogram_sum(r.latency_histogram) AS histogram
          FROM tracking_request_rollup(granularity) r
          WHERE r.bucket_start >= from_ts AND r.bucket_start < to_ts
            AND (service_filter IS NULL OR r.service = service_filter)
            AND (route_filter IS NULL OR r.route = route_filter)
          GROUP BY r.service, r.route
          ORDER BY 4 DESC, 1, 2
          LIMIT max_rows) g
    ORDER BY 4 DESC, 1, 2
$$;

COMMENT ON FUNCTION tracking_top_routes(timestamptz, timestamptz, text, text, text, integer)
    IS 'Routes with the most weighted requests, with error rate and p95 latency';

-- Weighted requests per status code, read from the rollup of a granularity.
CREATE FUNCTION tracking_status_code_shares(from_ts timestamptz, to_ts timestamptz, granularity text,
    service_filter text DEFAULT NULL, route_filter text DEFAULT NULL)
RETURNS TABLE (status_code integer, requests bigint, weighted_requests double precision, share double precision)
LANGUAGE sql STABLE AS $$
    SELECT r.status_code, sum(r.requests)::bigint, sum(r.weighted_requests),
           sum(r.weighted_requests) / sum(sum(r.weighted_requests)) OVER ()
    FROM tracking_request_rollup(granularity) r
    WHERE r.bucket_start >= from_ts AND r.bucket_start < to_ts
      AND (service_filter IS NULL OR r.service = service_filter)
      AND (route_filter IS NULL OR r.route = route_filter)
    GROUP BY r.status_code
    ORDER BY r.status_code
$$;

COMMENT ON FUNCTION tracking_status_code_shares(timestamptz, timestamptz, text, text, text)
    IS 'Weighted requests and share per status code, from the minute, hour or day rollup';

-- Countries (city = null) and cities with the most weighted requests, each with its share and
-- the mean coordinates of its known places (weighted by requests). '' means unknown.
-- Limitation: locations and user agents have no minute rollup, so at 'minute' granularity the
-- whole hours overlapping the range count, up to an hour more than the range.
CREATE FUNCTION tracking_top_places(from_ts timestamptz, to_ts timestamptz, granularity text,
    service_filter text DEFAULT NULL, route_filter text DEFAULT NULL, max_rows integer DEFAULT 10)
RETURNS TABLE (country_code text, country text, city text, requests bigint, weighted_requests double precision,
    share double precision, latitude double precision, longitude double precision)
LANGUAGE sql STABLE AS $$
    WITH filtered AS (
        SELECT r.country_code, r.country, r.city, r.requests, r.weighted_requests, p.latitude, p.longitude
        FROM tracking_location_rollup(granularity) r
        LEFT JOIN tracking_place_coordinates p ON p.country_code = r.country_code AND p.city = r.city
        WHERE r.bucket_start >= CASE WHEN granularity = 'minute' THEN date_trunc('hour', from_ts, 'UTC')
                                     ELSE from_ts END
          AND r.bucket_start < to_ts
          AND (service_filter IS NULL OR r.service = service_filter)
          AND (route_filter IS NULL OR r.route = route_filter)
    ), grouped AS (
        SELECT f.country_code, max(f.country) AS country, f.city, sum(f.requests)::bigint AS requests,
               sum(f.weighted_requests) AS weighted_requests,
               sum(f.latitude * f.weighted_requests) / sum(f.weighted_requests) FILTER (WHERE f.latitude IS NOT NULL)
                   AS latitude,
               sum(f.longitude * f.weighted_requests) / sum(f.weighted_requests) FILTER (WHERE f.latitude IS NOT NULL)
                   AS longitude,
               GROUPING(f.city) AS country_row
        FROM filtered f
        GROUP BY GROUPING SETS ((f.country_code), (f.country_code, f.city))
    ), ranked AS (
        SELECT g.*, row_number() OVER (PARTITION BY g.country_row ORDER BY g.weighted_requests DESC,
                                           g.country_code, g.city) AS place_rank,
               g.weighted_requests / sum(g.weighted_requests) OVER (PARTITION BY g.country_row) AS share
        FROM grouped g
    )
    SELECT r.country_code, r.country, CASE WHEN r.country_row = 1 THEN NULL ELSE r.city END, r.requests,
           r.weighted_requests, r.share, r.latitude, r.longitude
    FROM ranked r
    WHERE r.place_rank <= max_rows
    ORDER BY r.country_row DESC, r.weighted_requests DESC, r.country_code, r.city
$$;

COMMENT ON FUNCTION tracking_top_places(timestamptz, timestamptz, text, text, text, integer)
    IS 'Top countries (city null) and cities by weighted requests, with share and mean coordinates';

-- The top browsers, operating systems and device classes, and the bot share: one row per
-- dimension ('browser', 'os', 'device', 'bot') and value ('' unknown; 'true' or 'false'
-- for bots), with its weighted share of all requests. At 'minute' granularity the hours
-- overlapping the range count.
CREATE FUNCTION tracking_user_agent_breakdown(from_ts timestamptz, to_ts timestamptz, granularity text,
    service_filter text DEFAULT NULL, route_filter text DEFAULT NULL, max_rows integer DEFAULT 10)
RETURNS TABLE (dimension text, value text, requests bigint, weighted_requests double precision,
    share double precision)
LANGUAGE sql STABLE AS $$
    WITH filtered AS (
        SELECT r.browser_family, r.os_family, r.device_class, r.is_bot, r.requests, r.weighted_requests
        FROM tracking_agent_rollup(granularity) r
        WHERE r.bucket_start >= CASE WHEN granularity = 'minute' THEN date_trunc('hour', from_ts, 'UTC')
                                     ELSE from_ts END
          AND r.bucket_start < to_ts
          AND (service_filter IS NULL OR r.service = service_filter)
          AND (route_filter IS NULL OR r.route = route_filter)
    ), grouped AS (
        SELECT CASE WHEN GROUPING(f.browser_family) = 0 THEN 'browser'
                    WHEN GROUPING(f.os_family) = 0 THEN 'os'
                    WHEN GROUPING(f.device_class) = 0 THEN 'device'
                    ELSE 'bot' END AS dimension,
               coalesce(f.browser_family, f.os_family, f.device_class, f.is_bot::text) AS value,
               sum(f.requests)::bigint AS requests, sum(f.weighted_requests) AS weighted_requests
        FROM filtered f
        GROUP BY GROUPING SETS ((f.browser_family), (f.os_family), (f.device_class), (f.is_bot))
    ), ranked AS (
        SELECT g.*, row_number() OVER (PARTITION BY g.dimension ORDER BY g.weighted_requests DESC, g.value)
                   AS value_rank,
               g.weighted_requests / sum(g.weighted_requests) OVER (PARTITION BY g.dimension) AS share
        FROM grouped g
    )
    SELECT r.dimension, r.value, r.requests, r.weighted_requests, r.share
    FROM ranked r
    WHERE r.value_rank <= max_rows
    ORDER BY r.dimension, r.weighted_requests DESC, r.value
$$;

COMMENT ON FUNCTION tracking_user_agent_breakdown(timestamptz, timestamptz, text, text, text, integer)
    IS 'Top browsers, operating systems and devices, and the bot share, by weighted requests';

-- The roles of V9 and V11, with the same rights on the coarse rollups and the place
-- coordinates as on the rollups of V6: the writer refreshes them, the others read them.
CREATE OR REPLACE FUNCTION tracking_grant_roles() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    role_name text;
    may_create boolean;
BEGIN
    SELECT r.rolsuper OR r.rolcreaterole INTO may_create FROM pg_roles r WHERE r.rolname = current_user;
    FOREACH role_name IN ARRAY ARRAY['tracking_writer', 'tracking_reader', 'tracking_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
            IF NOT may_create THEN
                RAISE NOTICE 'role % is missing and % may not create roles: create it, then run '
                    'SELECT tracking_grant_roles()', role_name, current_user;
                CONTINUE;
            END IF;
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                -- Created meanwhile by a migration of another database on the same server.
                NULL;
            END;
        END IF;
    END LOOP;

    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracking_writer') THEN
        GRANT SELECT, INSERT ON request_events TO tracking_writer;
        GRANT SELECT, INSERT, UPDATE, DELETE
            ON request_rollup_minute, request_rollup_location_hour, request_rollup_agent_hour,
               publisher_counters, request_rollup_hour, request_rollup_day, request_rollup_location_day,
               request_rollup_agent_day, tracking_place_coordinates TO tracking_writer;
        GRANT SELECT ON tracking_partitions TO tracking_writer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracking_reader') THEN
        GRANT SELECT ON request_events, request_events_weighted, request_rollup_minute,
            request_rollup_location_hour, request_rollup_agent_hour, request_stats_hourly,
            tracking_partitions, publisher_counters, request_rollup_hour, request_rollup_day,
            request_rollup_location_day, request_rollup_agent_day, tracking_place_coordinates TO tracking_reader;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracking_admin') THEN
        GRANT SELECT ON request_events, request_events_weighted, request_rollup_minute,
            request_rollup_location_hour, request_rollup_agent_hour, request_stats_hourly,
            tracking_partitions, tracking_erasure_audit, publisher_counters, request_rollup_hour,
            request_rollup_day, request_rollup_location_day, request_rollup_agent_day, tracking_place_coordinates
            TO tracking_admin;
        GRANT EXECUTE ON FUNCTION tracking_export_user(text), tracking_erase_user(text, text, text)
            TO tracking_admin;
    END IF;
END;
$$;

SELECT tracking_grant_roles();

-- Fill the coarse rollups from what the minute and hour rollups already hold, and the map
-- coordinates from the last two days of raw events.
SELECT tracking_refresh_coarse_rollups(
    (SELECT least(min(m.bucket_start), (SELECT min(l.bucket_start) FROM request_rollup_location_hour l))
     FROM request_rollup_minute m),
    (SELECT greatest(max(m.bucket_start), (SELECT max(l.bucket_start) FROM request_rollup_location_hour l))
     FROM request_rollup_minute m) + interval '1 minute');

SELECT tracking_refresh_place_coordinates(now() - interval '2 days', now() + interval '1 day');
