-- One consumer-sized batch: 100 events in one transaction, values spread like real traffic
-- (5 services, 20 routes, mostly 2xx, 30% authenticated among 10,000 users).
INSERT INTO request_events (event_id, occurred_at, service, method, path, route, query_params, client_ip,
    user_agent, user_id, status_code, duration_ms, sample_rate, country_code, country, city, browser_family,
    browser_major, os_family, device_class, is_bot)
SELECT gen_random_uuid(), now() - random() * interval '30 seconds', 'service-' || (random() * 4)::int, 'GET',
       '/items/' || g, '/route-' || (random() * 19)::int || '/{id}', '{}'::jsonb, '203.0.113.0'::inet,
       'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0',
       CASE WHEN random() < 0.3 THEN 'user-' || (random() * 10000)::int END,
       (ARRAY[200, 200, 200, 200, 201, 204, 304, 404, 500])[1 + (random() * 8)::int], random() * 500, 1.0,
       'GB', 'United Kingdom', 'London', 'Firefox', '128', 'Linux', 'desktop', false
FROM generate_series(1, 100) AS g;
