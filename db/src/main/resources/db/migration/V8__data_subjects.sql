-- Export and erasure of everything stored about one data subject (request_events.user_id).
-- Both functions also read daily tables that are no longer visible through request_events:
-- a partition whose DETACH ... CONCURRENTLY is pending, or one detached but not yet dropped.
-- They run with the rights of their owner (SECURITY DEFINER) so that they are the only way
-- for the tracking_admin role to delete rows; EXECUTE is revoked from everyone else.
-- Rollups hold no user id, so an erasure leaves them unchanged.

CREATE TABLE tracking_erasure_audit (
    audit_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    erased_at         timestamptz NOT NULL DEFAULT now(),
    rows_erased       bigint      NOT NULL,
    requested_by      text        NOT NULL,
    request_reference text
);

COMMENT ON TABLE tracking_erasure_audit IS 'One row per erasure of a data subject; deliberately holds no user id';
COMMENT ON COLUMN tracking_erasure_audit.requested_by IS 'Who or what asked for the erasure (login, role or job)';
COMMENT ON COLUMN tracking_erasure_audit.request_reference IS 'Caller''s reference for the request, such as a ticket';

-- Daily tables holding rows that request_events itself no longer shows.
CREATE FUNCTION tracking_hidden_partitions() RETURNS SETOF text
LANGUAGE sql STABLE AS $$
    SELECT p.partition_name FROM tracking_partitions p WHERE NOT p.attached OR p.detach_pending
$$;

-- Every stored event of one user, oldest first.
CREATE FUNCTION tracking_export_user(subject text) RETURNS SETOF request_events
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    columns text;
    hidden text;
BEGIN
    IF subject IS NULL OR subject = '' THEN
        RAISE EXCEPTION 'a user id is required to export a data subject';
    END IF;
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO columns
    FROM pg_attribute a
    WHERE a.attrelid = 'request_events'::regclass AND a.attnum > 0 AND NOT a.attisdropped;
    RETURN QUERY SELECT * FROM request_events e WHERE e.user_id = subject ORDER BY e.occurred_at, e.event_id;
    FOR hidden IN SELECT tracking_hidden_partitions() LOOP
        RETURN QUERY EXECUTE format('SELECT %s FROM %I WHERE user_id = $1 ORDER BY occurred_at, event_id',
            columns, hidden) USING subject;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION tracking_export_user(text) IS 'Every stored request event of one user id (data subject access)';

-- Deletes every stored event of one user and records the erasure, without the user id, in
-- tracking_erasure_audit. Returns the audit row id and how many rows were erased.
CREATE FUNCTION tracking_erase_user(subject text, requested_by text DEFAULT session_user,
    request_reference text DEFAULT NULL)
RETURNS TABLE (audit_id bigint, rows_erased bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    erased bigint;
    n bigint;
    hidden text;
    new_audit_id bigint;
BEGIN
    IF subject IS NULL OR subject = '' THEN
        RAISE EXCEPTION 'a user id is required to erase a data subject';
    END IF;
    IF requested_by IS NULL OR requested_by = '' THEN
        RAISE EXCEPTION 'requested_by must name who asked for the erasure';
    END IF;
    DELETE FROM request_events e WHERE e.user_id = subject;
    GET DIAGNOSTICS erased = ROW_COUNT;
    FOR hidden IN SELECT tracking_hidden_partitions() LOOP
        EXECUTE format('DELETE FROM %I WHERE user_id = $1', hidden) USING subject;
        GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased + n;
    END LOOP;
    INSERT INTO tracking_erasure_audit (rows_erased, requested_by, request_reference)
    VALUES (erased, tracking_erase_user.requested_by, tracking_erase_user.request_reference)
    RETURNING tracking_erasure_audit.audit_id INTO new_audit_id;
    RETURN QUERY SELECT new_audit_id, erased;
END;
$$;

COMMENT ON FUNCTION tracking_erase_user(text, text, text)
    IS 'Erases every stored request event of one user id and audits it without the id';

REVOKE EXECUTE ON FUNCTION tracking_export_user(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION tracking_erase_user(text, text, text) FROM PUBLIC;
