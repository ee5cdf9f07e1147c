-- Delivery counters of the publishers (the starter in each tracked service), as the consumer
-- read them from the x-tracking-* headers of the messages it received. Each publishing
-- process counts from zero under a random instance id; its counters only grow. A consumer
-- keeps the latest counters per instance in memory and upserts them every few seconds into
-- the row of the current UTC minute. Several consumers, or the same flush written twice,
-- merge with GREATEST, so writing is idempotent and needs no coordination.
-- The increase of a counter within [from, to) is, per instance, its largest value in the
-- minutes before `to` less its largest value in the minutes before `from` (zero when the
-- instance had not been seen yet), summed over the instances.

CREATE TABLE publisher_counters (
    bucket_start timestamptz NOT NULL,
    service      text        NOT NULL,
    instance_id  text        NOT NULL,
    captured     bigint      NOT NULL,
    published    bigint      NOT NULL,
    confirmed    bigint      NOT NULL,
    sampled_out  bigint      NOT NULL,
    dropped      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    last_seen    timestamptz NOT NULL,
    PRIMARY KEY (service, instance_id, bucket_start)
);

CREATE INDEX publisher_counters_bucket_idx ON publisher_counters (bucket_start);

COMMENT ON TABLE publisher_counters IS 'Cumulative delivery counters per publisher instance, latest per UTC minute';
COMMENT ON COLUMN publisher_counters.bucket_start IS 'UTC minute in which a consumer wrote the counters';
COMMENT ON COLUMN publisher_counters.instance_id IS 'Random id of the publishing process; a restart starts a new one';
COMMENT ON COLUMN publisher_counters.captured IS 'Events handed to delivery since the instance started';
COMMENT ON COLUMN publisher_counters.published IS 'Events written to the broker, re-sends included';
COMMENT ON COLUMN publisher_counters.confirmed IS 'Events the broker confirmed';
COMMENT ON COLUMN publisher_counters.sampled_out IS 'Requests that sampling left out';
COMMENT ON COLUMN publisher_counters.dropped IS 'Events dropped, reason to count, for example {"buffer_full": 3}';
COMMENT ON COLUMN publisher_counters.last_seen IS 'When a consumer last wrote new counters of the instance';

-- Merges two reason-to-count objects, keeping the larger count of each reason.
CREATE FUNCTION tracking_greatest_counts(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(jsonb_object_agg(k.key, GREATEST(coalesce((a ->> k.key)::bigint, 0),
                                                     coalesce((b ->> k.key)::bigint, 0))), '{}'::jsonb)
    FROM (SELECT jsonb_object_keys(coalesce(a, '{}'::jsonb)) UNION SELECT jsonb_object_keys(coalesce(b, '{}'::jsonb)))
        AS k(key)
$$;

COMMENT ON FUNCTION tracking_greatest_counts(jsonb, jsonb) IS 'Per key, the larger of two counts';

-- The increase of each counter within [from_ts, to_ts) per service, over the instances that
-- reported within the range; service_filter null answers every service.
CREATE FUNCTION tracking_publisher_totals(from_ts timestamptz, to_ts timestamptz, service_filter text DEFAULT NULL)
RETURNS TABLE (service text, instances bigint, captured bigint, published bigint, confirmed bigint,
               sampled_out bigint, dropped bigint, dropped_by_reason jsonb, last_seen timestamptz)
LANGUAGE sql STABLE AS $$
    WITH active AS (
        SELECT DISTINCT c.service AS svc, c.instance_id AS inst
        FROM publisher_counters c
        WHERE c.bucket_start >= from_ts AND c.bucket_start < to_ts
          AND (service_filter IS NULL OR c.service = service_filter)
    ), history AS (
        SELECT c.* FROM publisher_counters c JOIN active a ON c.service = a.svc AND c.instance_id = a.inst
        WHERE c.bucket_start < to_ts
    ), per_instance AS (
        SELECT h.service AS svc, h.instance_id AS inst,
               max(h.captured) - coalesce(max(h.captured) FILTER (WHERE h.bucket_start < from_ts), 0) AS captured,
               max(h.published) - coalesce(max(h.published) FILTER (WHERE h.bucket_start < from_ts), 0) AS published,
               max(h.confirmed) - coalesce(max(h.confirmed) FILTER (WHERE h.bucket_start < from_ts), 0) AS confirmed,
               max(h.sampled_out) - coalesce(max(h.sampled_out) FILTER (WHERE h.bucket_start < from_ts), 0)
                   AS sampled_out,
               max(h.last_seen) AS last_seen
        FROM history h
        GROUP BY h.service, h.instance_id
    ), per_reason AS (
        SELECT x.svc, x.reason, sum(x.dropped)::bigint AS dropped
        FROM (SELECT h.service AS svc, h.instance_id AS inst, d.key AS reason,
                     max(d.value::bigint) - coalesce(max(d.value::bigint) FILTER (WHERE h.bucket_start < from_ts), 0)
                         AS dropped
              FROM history h CROSS JOIN LATERAL jsonb_each_text(h.dropped) AS d(key, value)
              GROUP BY h.service, h.instance_id, d.key) x
        GROUP BY x.svc, x.reason
    ), per_service_drops AS (
        SELECT r.svc, sum(r.dropped)::bigint AS dropped, jsonb_object_agg(r.reason, r.dropped) AS by_reason
        FROM per_reason r
        GROUP BY r.svc
    ), per_service AS (
        SELECT p.svc, count(*) AS instances, sum(p.captured)::bigint AS captured,
               sum(p.published)::bigint AS published, sum(p.confirmed)::bigint AS confirmed,
               sum(p.sampled_out)::bigint AS sampled_out, max(p.last_seen) AS last_seen
        FROM per_instance p
        GROUP BY p.svc
    )
    SELECT s.svc, s.instances, s.captured, s.published, s.confirmed, s.sampled_out,
           coalesce(d.dropped, 0), coalesce(d.by_reason, '{}'::jsonb), s.last_seen
    FROM per_service s LEFT JOIN per_service_drops d ON d.svc = s.svc
    ORDER BY s.svc
$$;

COMMENT ON FUNCTION tracking_publisher_totals(timestamptz, timestamptz, text)
    IS 'Increase of the publisher counters within [from, to) per service';

-- Deletes the counters written before before_ts, except, for an instance that still reports
-- after it, its newest row before it: that row is the baseline which ranges starting after
-- before_ts subtract. The rollup refresh calls it with the rollup retention.
CREATE FUNCTION tracking_delete_expired_publisher_counters(before_ts timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    DELETE FROM publisher_counters p
    WHERE p.bucket_start < before_ts
      AND (EXISTS (SELECT 1 FROM publisher_counters q
                   WHERE q.service = p.service AND q.instance_id = p.instance_id
                     AND q.bucket_start > p.bucket_start AND q.bucket_start < before_ts)
           OR NOT EXISTS (SELECT 1 FROM publisher_counters q
                          WHERE q.service = p.service AND q.instance_id = p.instance_id
                            AND q.bucket_start >= before_ts));
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END;
$$;

COMMENT ON FUNCTION tracking_delete_expired_publisher_counters(timestamptz)
    IS 'Deletes publisher counters older than a time, keeping the baseline of instances still reporting';

-- The roles of V9, with rights on publisher_counters: the writer upserts and expires them.
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
               publisher_counters TO tracking_writer;
        GRANT SELECT ON tracking_partitions TO tracking_writer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracking_reader') THEN
        GRANT SELECT ON request_events, request_events_weighted, request_rollup_minute,
            request_rollup_location_hour, request_rollup_agent_hour, request_stats_hourly,
            tracking_partitions, publisher_counters TO tracking_reader;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracking_admin') THEN
        GRANT SELECT ON request_events, request_events_weighted, request_rollup_minute,
            request_rollup_location_hour, request_rollup_agent_hour, request_stats_hourly,
            tracking_partitions, tracking_erasure_audit, publisher_counters TO tracking_admin;
        GRANT EXECUTE ON FUNCTION tracking_export_user(text), tracking_erase_user(text, text, text)
            TO tracking_admin;
    END IF;
END;
$$;

SELECT tracking_grant_roles();
