-- The read-only login for Grafana, run by create-reader-login.sh with psql 15 or later.
-- The login name and password come from the environment, never from this file; the
-- password reaches the server only inside a statement built here, not on a command line.
\getenv login GRAFANA_DATABASE_USER
\getenv password GRAFANA_DATABASE_PASSWORD

SELECT set_config('tracking.grafana_login', :'login', false) AS login,
       set_config('tracking.grafana_password', :'password', false) <> '' AS has_password \gset

DO $$
DECLARE
    login text := current_setting('tracking.grafana_login');
    password text := current_setting('tracking.grafana_password');
BEGIN
    IF login = '' OR password = '' THEN
        RAISE EXCEPTION 'GRAFANA_DATABASE_USER and GRAFANA_DATABASE_PASSWORD must both be set';
    END IF;
    -- Grafana runs whatever SQL a dashboard editor types: never hand it a login with more
    -- rights than reading, and never change the owner's password by mistake.
    IF login = current_user OR EXISTS (SELECT 1 FROM pg_roles r
            WHERE r.rolname = login AND (r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication
                                         OR r.rolbypassrls)) THEN
        RAISE EXCEPTION 'GRAFANA_DATABASE_USER "%" names a login with more than read rights: choose another name',
            login;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles l, pg_roles r
            WHERE l.rolname = login AND r.rolname IN ('tracking_writer', 'tracking_admin')
              AND pg_has_role(l.oid, r.oid, 'MEMBER')) THEN
        RAISE EXCEPTION 'GRAFANA_DATABASE_USER "%" is a member of tracking_writer or tracking_admin: choose '
            'another name', login;
    END IF;

    -- The consumer's migration (V9) creates tracking_reader and grants it; when Grafana's
    -- login is created first, the group role is created here and the migration grants it.
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracking_reader') THEN
        BEGIN
            CREATE ROLE tracking_reader NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            -- Created meanwhile by a migration on the same server.
            NULL;
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        EXECUTE format('ALTER ROLE %I WITH LOGIN PASSWORD %L', login, password);
    ELSE
        EXECUTE format('CREATE ROLE %I WITH LOGIN PASSWORD %L', login, password);
    END IF;
    IF NOT pg_has_role(login, 'tracking_reader', 'MEMBER') THEN
        EXECUTE format('GRANT tracking_reader TO %I', login);
    END IF;
    EXECUTE format('ALTER ROLE %I SET default_transaction_read_only = on', login);
    -- Re-applies the group roles' grants, which cover objects of later migrations too.
    IF to_regprocedure('tracking_grant_roles()') IS NOT NULL THEN
        PERFORM tracking_grant_roles();
    END IF;
    RAISE NOTICE 'database login "%" reads as tracking_reader', login;
END;
$$;
