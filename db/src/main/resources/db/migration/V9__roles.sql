-- Group roles (NOLOGIN) for the three kinds of database users; grant them to login roles:
--   tracking_writer  ingests events and maintains the rollups (no DELETE on events)
--   tracking_reader  reads the table, the rollups and the views (analysts, dashboards)
--   tracking_admin   reads like tracking_reader and may export and erase a data subject, only
--                    through tracking_export_user and tracking_erase_user
-- Roles are cluster-wide while grants are per database, so the roles are created only when
-- missing (another database on the same server may have created them already) and the grants
-- are (re)applied by tracking_grant_roles(), which may be run again at any time.
-- Partition maintenance (CREATE, ATTACH, DETACH, DROP) needs ownership of request_events, so
-- the login that runs the migrations and the retention job is the owner, not one of these.

CREATE FUNCTION tracking_grant_roles() RETURNS void
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
            ON request_rollup_minute, request_rollup_location_hour, request_rollup_agent_hour TO tracking_writer;
        GRANT SELECT ON tracking_partitions TO tracking_writer;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracking_reader') THEN
        GRANT SELECT ON request_events, request_events_weighted, request_rollup_minute,
            request_rollup_location_hour, request_rollup_agent_hour, request_stats_hourly,
            tracking_partitions TO tracking_reader;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracking_admin') THEN
        GRANT SELECT ON request_events, request_events_weighted, request_rollup_minute,
            request_rollup_location_hour, request_rollup_agent_hour, request_stats_hourly,
            tracking_partitions, tracking_erasure_audit TO tracking_admin;
        GRANT EXECUTE ON FUNCTION tracking_export_user(text), tracking_erase_user(text, text, text)
            TO tracking_admin;
    END IF;
END;
$$;

COMMENT ON FUNCTION tracking_grant_roles() IS 'Creates the missing tracking roles when allowed and grants their rights';

SELECT tracking_grant_roles();
