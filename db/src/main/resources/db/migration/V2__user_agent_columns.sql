-- The consumer parses the user agent into these columns; the raw header stays in user_agent.
ALTER TABLE request_events
    ADD COLUMN browser_family text,
    ADD COLUMN browser_major  text,
    ADD COLUMN os_family      text,
    ADD COLUMN device_class   text,
    ADD COLUMN is_bot         boolean;

COMMENT ON COLUMN request_events.browser_family IS 'Browser family parsed from user_agent, such as Chrome';
COMMENT ON COLUMN request_events.browser_major IS 'Browser major version parsed from user_agent';
COMMENT ON COLUMN request_events.os_family IS 'Operating system family parsed from user_agent';
COMMENT ON COLUMN request_events.device_class IS 'desktop, mobile, tablet, bot or other';
COMMENT ON COLUMN request_events.is_bot IS 'Whether the user agent is a known crawler, monitor or script';
