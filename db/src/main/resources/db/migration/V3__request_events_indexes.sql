-- Indexes for the questions analysts ask of the raw rows. Each index is created on the
-- partitioned parent, so every existing and future daily partition gets its own copy.
-- The primary key leads with event_id and so cannot serve time ranges; partition pruning
-- narrows a query to whole days and these indexes narrow it within a day.

-- "What happened to service S (and route R) between T1 and T2?"
CREATE INDEX request_events_service_route_time_idx ON request_events (service, route, occurred_at);

-- "Which requests failed with status X (or 5xx) between T1 and T2?"
CREATE INDEX request_events_status_time_idx ON request_events (status_code, occurred_at);

-- Export and erasure of one data subject; anonymous requests (most rows) are not indexed.
CREATE INDEX request_events_user_idx ON request_events (user_id) WHERE user_id IS NOT NULL;

-- Sub-day time ranges over all services (dashboards, the rollup refresh of the last hours).
-- Rows arrive roughly in time order, which is what a BRIN index needs; it costs a few pages
-- per partition and almost nothing on insert.
CREATE INDEX request_events_time_brin_idx ON request_events USING brin (occurred_at);
