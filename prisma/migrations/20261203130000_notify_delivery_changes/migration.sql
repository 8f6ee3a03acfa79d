-- Workers deliver from a configuration they read once per wave. A change that must govern the very
-- next request (a saved version, Pause, a new key) is announced at commit on the channel
-- "outflow_delivery_changes", so every worker process stops its lanes before their next request.
-- Triggers rather than calls in code: no path that changes these columns can forget to announce it.

CREATE FUNCTION outflow_notify_destination_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outflow_delivery_changes', json_build_object('destination', OLD.id)::text);
  RETURN NULL;
END $$;

CREATE FUNCTION outflow_notify_credential_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outflow_delivery_changes', json_build_object('credential', OLD.id)::text);
  RETURN NULL;
END $$;

-- Not the cursor, counters or failing reason, which delivery itself changes many times a second.
CREATE TRIGGER destinations_notify_delivery_change
  AFTER UPDATE ON destinations FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
     OR OLD.current_version IS DISTINCT FROM NEW.current_version
     OR OLD.credential_id IS DISTINCT FROM NEW.credential_id
     OR OLD.concurrency IS DISTINCT FROM NEW.concurrency
     OR OLD.max_attempts IS DISTINCT FROM NEW.max_attempts
     OR OLD.retry_base_seconds IS DISTINCT FROM NEW.retry_base_seconds
     OR OLD.request_timeout_seconds IS DISTINCT FROM NEW.request_timeout_seconds)
  EXECUTE FUNCTION outflow_notify_destination_change();

CREATE TRIGGER destinations_notify_delivery_delete
  AFTER DELETE ON destinations FOR EACH ROW
  EXECUTE FUNCTION outflow_notify_destination_change();

-- Not the cached access token, which sending itself refreshes.
CREATE TRIGGER credentials_notify_delivery_change
  AFTER UPDATE ON credentials FOR EACH ROW
  WHEN (OLD.secrets IS DISTINCT FROM NEW.secrets
     OR OLD.settings IS DISTINCT FROM NEW.settings
     OR OLD.base_url IS DISTINCT FROM NEW.base_url
     OR OLD.token_url IS DISTINCT FROM NEW.token_url
     OR OLD.allowed_domains IS DISTINCT FROM NEW.allowed_domains
     OR OLD.rate_limit_requests IS DISTINCT FROM NEW.rate_limit_requests
     OR OLD.rate_limit_window_seconds IS DISTINCT FROM NEW.rate_limit_window_seconds)
  EXECUTE FUNCTION outflow_notify_credential_change();
