-- Rollups for 90 days of traffic: :services services x :routes routes each, every hour.
-- Per route and hour: 4 status codes (200, 302, 404, 500), 8 places and 6 user agents.
-- Minute rollups only for the last two hours (what the 1 h view reads). Day rollups are
-- summed from the hour rollups as tracking_refresh_coarse_rollups does.
-- The request counts stand for 10,000 events/s spread over the routes; the cost of a query
-- depends on the number of rollup rows it reads, not on these counts.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE TEMPORARY TABLE bench_routes AS
SELECT 'service-' || s AS service, '/api/resource-' || r || '/{id}' AS route, s, r
FROM generate_series(1, :services) s, generate_series(1, :routes) r;

CREATE TEMPORARY TABLE bench_hours AS
SELECT h AS bucket_start
FROM generate_series(date_trunc('hour', now()) - interval '90 days', date_trunc('hour', now()), interval '1 hour') h;

-- 16 latency histograms to choose from (28 buckets each).
CREATE TEMPORARY TABLE bench_histograms AS
SELECT i, ARRAY(SELECT (100 * exp(-((b - 8 - i % 5) ^ 2) / 6.0))::bigint + i % 3
                FROM generate_series(1, cardinality(tracking_latency_bounds())) b) AS histogram
FROM generate_series(0, 15) i;

CREATE TEMPORARY TABLE bench_statuses (status_code integer, share double precision);
INSERT INTO bench_statuses VALUES (200, 0.95), (302, 0.01), (404, 0.03), (500, 0.01);

\echo seeding request_rollup_hour
INSERT INTO request_rollup_hour (bucket_start, service, route, status_code, requests, weighted_requests,
    duration_sum_ms, duration_max_ms, latency_histogram)
SELECT h.bucket_start, r.service, r.route, st.status_code, n.requests, n.requests, n.requests * 42.0, 2500,
       bh.histogram
FROM bench_hours h
CROSS JOIN bench_routes r
CROSS JOIN bench_statuses st
CROSS JOIN LATERAL (SELECT greatest(1, (10000 * 3600 / (:services * :routes) * st.share
                                        * (0.5 + (r.r % 7) / 7.0))::bigint) AS requests) n
JOIN bench_histograms bh ON bh.i = (r.s * 31 + r.r + st.status_code) % 16;

\echo seeding request_rollup_minute (last two hours)
INSERT INTO request_rollup_minute (bucket_start, service, route, method, status_code, requests, weighted_requests,
    duration_sum_ms, duration_max_ms, latency_histogram)
SELECT m, h.service, h.route, 'GET', h.status_code, greatest(1, h.requests / 60), greatest(1, h.requests / 60),
       h.duration_sum_ms / 60, h.duration_max_ms, h.latency_histogram
FROM request_rollup_hour h
CROSS JOIN LATERAL generate_series(h.bucket_start, h.bucket_start + interval '59 minutes', interval '1 minute') m
WHERE h.bucket_start >= date_trunc('hour', now()) - interval '1 hour';

\echo seeding request_rollup_location_hour
INSERT INTO request_rollup_location_hour (bucket_start, service, route, country_code, city, country, requests,
    weighted_requests)
SELECT h.bucket_start, r.service, r.route, p.country_code, p.city, p.country, 100 * p.weight, 100 * p.weight
FROM bench_hours h
CROSS JOIN bench_routes r
CROSS JOIN (VALUES ('US', 'New York', 'United States', 30), ('US', 'Chicago', 'United States', 10),
                   ('GB', 'London', 'United Kingdom', 15), ('DE', 'Berlin', 'Germany', 12),
                   ('FR', 'Paris', 'France', 10), ('JP', 'Tokyo', 'Japan', 9), ('BR', 'São Paulo', 'Brazil', 8),
                   ('', '', '', 6)) AS p(country_code, city, country, weight);

INSERT INTO tracking_place_coordinates (country_code, city, latitude, longitude)
VALUES ('US', 'New York', 40.71, -74.01), ('US', 'Chicago', 41.88, -87.63), ('GB', 'London', 51.51, -0.13),
       ('DE', 'Berlin', 52.52, 13.40), ('FR', 'Paris', 48.86, 2.35), ('JP', 'Tokyo', 35.68, 139.69),
       ('BR', 'São Paulo', -23.55, -46.63);

\echo seeding request_rollup_agent_hour
INSERT INTO request_rollup_agent_hour (bucket_start, service, route, browser_family, os_family, device_class, is_bot,
    requests, weighted_requests)
SELECT h.bucket_start, r.service, r.route, a.browser, a.os, a.device, a.bot, 100 * a.weight, 100 * a.weight
FROM bench_hours h
CROSS JOIN bench_routes r
CROSS JOIN (VALUES ('Chrome', 'Windows', 'Desktop', false, 40), ('Safari', 'iOS', 'Phone', false, 20),
                   ('Chrome', 'Android', 'Phone', false, 18), ('Firefox', 'Linux', 'Desktop', false, 8),
                   ('Edge', 'Windows', 'Desktop', false, 8), ('Googlebot', '', 'Robot', true, 6))
    AS a(browser, os, device, bot, weight);

\echo summing the day rollups
INSERT INTO request_rollup_day (bucket_start, service, route, status_code, requests, weighted_requests,
    duration_sum_ms, duration_max_ms, latency_histogram)
SELECT date_trunc('day', h.bucket_start, 'UTC'), h.service, h.route, h.status_code, sum(h.requests),
       sum(h.weighted_requests), sum(h.duration_sum_ms), max(h.duration_max_ms),
       tracking_histogram_sum(h.latency_histogram)
FROM request_rollup_hour h
GROUP BY 1, 2, 3, 4;

INSERT INTO request_rollup_location_day (bucket_start, service, route, country_code, city, country, requests,
    weighted_requests)
SELECT date_trunc('day', l.bucket_start, 'UTC'), l.service, l.route, l.country_code, l.city, max(l.country),
       sum(l.requests), sum(l.weighted_requests)
FROM request_rollup_location_hour l
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO request_rollup_agent_day (bucket_start, service, route, browser_family, os_family, device_class, is_bot,
    requests, weighted_requests)
SELECT date_trunc('day', a.bucket_start, 'UTC'), a.service, a.route, a.browser_family, a.os_family,
       a.device_class, a.is_bot, sum(a.requests), sum(a.weighted_requests)
FROM request_rollup_agent_hour a
GROUP BY 1, 2, 3, 4, 5, 6, 7;

ANALYZE;

SELECT 'request_rollup_' || t AS rollup, to_char(n, 'FM999,999,999') AS rows
FROM (VALUES ('minute', (SELECT count(*) FROM request_rollup_minute)),
             ('hour', (SELECT count(*) FROM request_rollup_hour)),
             ('day', (SELECT count(*) FROM request_rollup_day)),
             ('location_hour', (SELECT count(*) FROM request_rollup_location_hour)),
             ('location_day', (SELECT count(*) FROM request_rollup_location_day)),
             ('agent_hour', (SELECT count(*) FROM request_rollup_agent_hour)),
             ('agent_day', (SELECT count(*) FROM request_rollup_agent_day))) AS c(t, n);
