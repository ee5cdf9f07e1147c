-- Two sessions creating the same partition at once: the later CREATE TABLE waits for the
-- earlier one to commit and then fails with unique_violation (on the catalog) rather than
-- duplicate_table. Both mean the partition exists now, so both are ignored.
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
            EXCEPTION WHEN duplicate_table OR unique_violation THEN
                -- Another session created it between the check and the CREATE (a concurrent
                -- CREATE fails on the catalog's unique index once the other one commits).
                NULL;
            END;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN created;
END;
$$;
