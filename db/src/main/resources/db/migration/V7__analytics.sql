-- Read-only answers over the rollups, used by the consumer's analytics API and meant for
-- analysts too. Every function takes a half-open range [from_ts, to_ts) of bucket start
-- times and optional service and route filters (null matches everything). Minute rollups
-- answer traffic, errors, latency and status codes; hour rollups answer locations and user
-- agents, so those two count whole hours whose start lies in the range.
-- "Server errors" are status codes 500 to 599. Rates and shares use the weighted counts.

-- Requests per minute, hour or day per service and route, with the server error rate.
CREATE FUNCTION tracking_traffic(from_ts timestamptz, to_ts timestamptz, granularity text,
    service_filter text DEFAULT NULL, route_filter text DEFAULT NULL)
RETURNS TABLE (bucket_start timestamptz, service text, route text, requests bigint,
    weighted_requests double precision, server_errors bigint, error_rate double precision)
LANGUAGE sql STABLE AS $$
    SELECT date_trunc(granularity, r.bucket_start, 'UTC'), r.service, r.route, sum(r.requests)::bigint,
           sum(r.weighted_requests),
           coalesce(sum(r.requests) FILTER (WHERE r.status_code BETWEEN 500 AND 599), 0)::bigint,
           coalesce(sum(r.weighted_requests) FILTER (WHERE r.status_code BETWEEN 500 AND 599), 0)
               / sum(r.weighted_requests)
    FROM request_rollup_minute r
    WHERE r.bucket_start >= from_ts AND r.bucket_start < to_ts
      AND (service_filter IS NULL OR r.service = service_filter)
      AND (route_filter IS NULL OR r.route = route_filter)
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
$$;

COMMENT ON FUNCTION tracking_traffic(timestamptz, timestamptz, text, text, text)
    IS 'Requests and server error rate per minute, hour or day, service and route';

-- Latency per service and route: mean, max and p50/p95/p99 read from the summed histograms.
CREATE FUNCTION tracking_route_latency(from_ts timestamptz, to_ts timestamptz,
    service_filter text DEFAULT NULL, route_filter text DEFAULT NULL)
RETURNS TABLE (service text, route text, requests bigint, mean_ms double precision, p50_ms double precision,
    p95_ms double precision, p99_ms double precision, max_ms double precision)
LANGUAGE sql STABLE AS $$
    SELECT g.service, g.route, g.requests, g.duration_sum_ms / g.requests,
           tracking_histogram_percentile(g.histogram, 0.50, g.max_ms),
           tracking_histogram_percentile(g.histogram, 0.95, g.max_ms),
           tracking_histogram_percentile(g.histogram, 0.99, g.max_ms),
           g.max_ms
    FROM (SELECT r.service, r.route, sum(r.requests)::bigint AS requests, sum(r.duration_sum_ms) AS duration_sum_ms,
                 max(r.duration_max_ms) AS max_ms, tracking_histogram_sum(r.latency_histogram) AS histogram
          FROM request_rollup_minute r
          WHERE r.bucket_start >= from_ts AND r.bucket_start < to_ts
            AND (service_filter IS NULL OR r.service = service_filter)
            AND (route_filter IS NULL OR r.route = route_filter)
          GROUP BY r.service, r.route) g
    ORDER BY g.service, g.route
$$;

COMMENT ON FUNCTION tracking_route_latency(timestamptz, timestamptz, text, text)
    IS 'Latency mean, p50, p95, p99 and max per service and route, from histograms';

-- How many requests ended with each status code, and the weighted share of each.
CREATE FUNCTION tracking_status_codes(from_ts timestamptz, to_ts timestamptz,
    service_filter text DEFAULT NULL, route_filter text DEFAULT NULL)
RETURNS TABLE (status_code integer, requests bigint, weighted_requests double precision, share double precision)
LANGUAGE sql STABLE AS $$
    SELECT r.status_code, sum(r.requests)::bigint, sum(r.weighted_requests),
           sum(r.weighted_requests) / sum(sum(r.weighted_requests)) OVER ()
    FROM request_rollup_minute r
    WHERE r.bucket_start >= from_ts AND r.bucket_start < to_ts
      AND (service_filter IS NULL OR r.service = service_filter)
      AND (route_filter IS NULL OR r.route = route_filter)
    GROUP BY r.status_code
    ORDER BY r.status_code
$$;

COMMENT ON FUNCTION tracking_status_codes(timestamptz, timestamptz, text, text)
    IS 'Requests per status code with their weighted share';

-- The countries and cities with the most (weighted) requests; '' means unknown.
CREATE FUNCTION tracking_top_locations(from_ts timestamptz, to_ts timestamptz,
    service_filter text DEFAULT NULL, route_filter text DEFAULT NULL, max_rows integer DEFAULT 10)
RETURNS TABLE (country_code text, country text, city text, requests bigint, weighted_requests double precision)
LANGUAGE sql STABLE AS $$
    SELECT r.country_code, max(r.country), r.city, sum(r.requests)::bigint, sum(r.weighted_requests)
    FROM request_rollup_location_hour r
    WHERE r.bucket_start >= from_ts AND r.bucket_start < to_ts
      AND (service_filter IS NULL OR r.service = service_filter)
      AND (route_filter IS NULL OR r.route = route_filter)
    GROUP BY r.country_code, r.city
    ORDER BY 5 DESC, 1, 3
    LIMIT max_rows
$$;

COMMENT ON FUNCTION tracking_top_locations(timestamptz, timestamptz, text, text, integer)
    IS 'Countries and cities with the most weighted requests (hour resolution)';

-- The browser, operating system and device combinations with the most (weighted) requests.
CREATE FUNCTION tracking_top_user_agents(from_ts timestamptz, to_ts timestamptz,
    service_filter text DEFAULT NULL, route_filter text DEFAULT NULL, max_rows integer DEFAULT 10)
RETURNS TABLE (browser_family text, os_family text, device_class text, is_bot boolean, requests bigint,
    weighted_requests double precision)
LANGUAGE sql STABLE AS $$
    SELECT r.browser_family, r.os_family, r.device_class, r.is_bot, sum(r.requests)::bigint,
           sum(r.weighted_requests)
    FROM request_rollup_agent_hour r
    WHERE r.bucket_start >= from_ts AND r.bucket_start < to_ts
      AND (service_filter IS NULL OR r.service = service_filter)
      AND (route_filter IS NULL OR r.route = route_filter)
    GROUP BY r.browser_family, r.os_family, r.device_class, r.is_bot
    ORDER BY 6 DESC, 1, 2, 3, 4
    LIMIT max_rows
$$;

COMMENT ON FUNCTION tracking_top_user_agents(timestamptz, timestamptz, text, text, integer)
    IS 'Browser, OS and device combinations with the most weighted requests (hour resolution)';

-- One row per UTC hour, service and route: traffic, server errors and latency percentiles.
CREATE VIEW request_stats_hourly AS
SELECT g.bucket_start, g.service, g.route, g.requests, g.weighted_requests, g.server_errors,
       g.weighted_server_errors / g.weighted_requests AS error_rate,
       g.duration_sum_ms / g.requests AS mean_ms,
       tracking_histogram_percentile(g.histogram, 0.50, g.max_ms) AS p50_ms,
       tracking_histogram_percentile(g.histogram, 0.95, g.max_ms) AS p95_ms,
       tracking_histogram_percentile(g.histogram, 0.99, g.max_ms) AS p99_ms,
       g.max_ms
FROM (SELECT date_trunc('hour', r.bucket_start, 'UTC') AS bucket_start, r.service, r.route,
             sum(r.requests)::bigint AS requests, sum(r.weighted_requests) AS weighted_requests,
             coalesce(sum(r.requests) FILTER (WHERE r.status_code BETWEEN 500 AND 599), 0)::bigint AS server_errors,
             coalesce(sum(r.weighted_requests) FILTER (WHERE r.status_code BETWEEN 500 AND 599), 0)
                 AS weighted_server_errors,
             sum(r.duration_sum_ms) AS duration_sum_ms, max(r.duration_max_ms) AS max_ms,
             tracking_histogram_sum(r.latency_histogram) AS histogram
      FROM request_rollup_minute r
      GROUP BY 1, 2, 3) g;

COMMENT ON VIEW request_stats_hourly IS 'Traffic, error rate and latency percentiles per UTC hour, service and route';

-- Raw rows with their weight, for ad-hoc questions the rollups do not answer.
CREATE VIEW request_events_weighted AS
SELECT e.*, tracking_weight(e.sample_rate) AS weight
FROM request_events e;

COMMENT ON VIEW request_events_weighted IS 'request_events with weight = 1 / sample_rate';
