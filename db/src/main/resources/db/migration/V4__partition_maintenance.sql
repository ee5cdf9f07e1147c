-- Support for the consumer's partition maintenance job. The job itself runs
-- DETACH PARTITION ... CONCURRENTLY, which cannot run inside a function or a transaction,
-- so only the parts that can run in one transaction live here.

-- Partitions are now created standalone and then attached: ATTACH PARTITION takes only a
-- SHARE UPDATE EXCLUSIVE lock on request_events, so writers are never blocked, whereas
-- CREATE TABLE ... PARTITION OF takes an ACCESS EXCLUSIVE lock. The signature and the
-- result (how many partitions were created) are unchanged.
CREATE OR REPLACE FUNCTION tracking_ensure_partitions(from_day date, to_day date) RETURNS integer
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
                EXECUTE format('CREATE TABLE %I (LIKE request_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                    partition_name);
                EXECUTE format('ALTER TABLE request_events ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
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

-- Every daily table of request_events, attached or not: name, the UTC day it holds, whether
-- it is attached, and whether a DETACH ... CONCURRENTLY was interrupted and must be
-- finished with DETACH ... FINALIZE. A table that is no longer attached is a partition whose
-- detach completed but whose DROP did not happen yet.
CREATE VIEW tracking_partitions AS
SELECT c.relname::text AS partition_name,
       to_date(substring(c.relname FROM 17 FOR 8), 'YYYYMMDD') AS day,
       i.inhrelid IS NOT NULL AS attached,
       coalesce(i.inhdetachpending, false) AS detach_pending
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND i.inhparent = 'request_events'::regclass
WHERE c.relkind = 'r'
  AND c.relname ~ '^request_events_p[0-9]{8}$'
  AND n.nspname = current_schema();

COMMENT ON VIEW tracking_partitions IS 'Daily tables of request_events with their day and detach state';
