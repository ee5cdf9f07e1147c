-- The request_events table is a public interface: analysts query it directly.
-- It is range-partitioned by day (UTC) on occurred_at. There is deliberately no default
-- partition: partitions are created ahead by tracking_ensure_partitions and expired ones are
-- dropped whole, so retention never deletes rows one by one.

CREATE TABLE request_events (
    event_id     uuid             NOT NULL,
    occurred_at  timestamptz      NOT NULL,
    received_at  timestamptz      NOT NULL DEFAULT now(),
    service      text             NOT NULL,
    method       text             NOT NULL,
    path         text             NOT NULL,
    route        text,
    query_params jsonb            NOT NULL DEFAULT '{}'::jsonb,
    client_ip    inet,
    user_agent   text,
    referer      text,
    origin       text,
    user_id      text,
    status_code  integer          NOT NULL,
    duration_ms  double precision NOT NULL,
    sample_rate  double precision NOT NULL DEFAULT 1.0,
    country_code text,
    country      text,
    city         text,
    latitude     double precision,
    longitude    double precision,
    PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

COMMENT ON TABLE request_events IS 'One row per tracked HTTP request, partitioned by UTC day on occurred_at';
COMMENT ON COLUMN request_events.event_id IS 'Id chosen by the publisher; a redelivered event is stored once';
COMMENT ON COLUMN request_events.occurred_at IS 'When the request started (UTC)';
COMMENT ON COLUMN request_events.received_at IS 'When the consumer stored the event';
COMMENT ON COLUMN request_events.route IS 'Matched handler template, or NOT_FOUND / REDIRECTION / UNKNOWN / root';
COMMENT ON COLUMN request_events.query_params IS 'Query parameters, name to list of values, sensitive values redacted';
COMMENT ON COLUMN request_events.client_ip IS 'Anonymized client address (IPv4 /24, IPv6 /48 by default)';
COMMENT ON COLUMN request_events.user_id IS 'Id of the authenticated principal, null when anonymous';
COMMENT ON COLUMN request_events.duration_ms IS 'Time from filter entry to the end of the response';
COMMENT ON COLUMN request_events.sample_rate IS 'Probability with which the event was kept; weight counts by 1/sample_rate';

-- Creates the daily partitions covering [from_day, to_day] (inclusive) that do not exist yet
-- and returns how many it created. Safe to call concurrently and repeatedly.
CREATE FUNCTION tracking_ensure_partitions(from_day date, to_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    day date := from_day;
    partition_name text;
    created integer := 0;
BEGIN
    WHILE day <= to_day LOOP
        partition_name := 'request_events_p' || to_char(day, 'YYYYMMDD');
        IF to_regclass(partition_name) IS NULL THEN
            BEGIN
                EXECUTE format(
                    'CREATE TABLE %I PARTITION OF request_events FOR VALUES FROM (%L) TO (%L)',
                    partition_name,
                    (day::timestamp AT TIME ZONE 'UTC'),
                    ((day + 1)::timestamp AT TIME ZONE 'UTC'));
                created := created + 1;
            EXCEPTION WHEN duplicate_table THEN
                -- Another instance created it between the check and the CREATE: nothing to do.
                NULL;
            END;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN created;
END;
$$;

SELECT tracking_ensure_partitions((now() AT TIME ZONE 'UTC')::date - 1, (now() AT TIME ZONE 'UTC')::date + 7);
