-- Risk control at the door: every scored sign-up, code request and login leaves one risk event
-- with its decision and reasons. Identifying values are keyed hashes (HMAC under the server
-- secret, truncated): velocity and shared-device questions can be asked of them, the address,
-- number or device itself cannot be read back. Never a raw phone number, e-mail or IP.
ALTER TABLE risk_events ADD COLUMN surface text;
ALTER TABLE risk_events ADD COLUMN decision text
  CHECK (decision IS NULL OR decision IN ('allow', 'challenge', 'review', 'deny'));
ALTER TABLE risk_events ADD COLUMN score integer;
-- [{ code, points }]
ALTER TABLE risk_events ADD COLUMN reasons jsonb NOT NULL DEFAULT '[]';
ALTER TABLE risk_events ADD COLUMN ip_country text;
ALTER TABLE risk_events ADD COLUMN asn integer;
ALTER TABLE risk_events ADD COLUMN ip_key text;
ALTER TABLE risk_events ADD COLUMN network_key text;
ALTER TABLE risk_events ADD COLUMN device_key text;
ALTER TABLE risk_events ADD COLUMN phone_range_key text;

-- The surge console and farm detection look events up by time and by shared device.
CREATE INDEX risk_events_created ON risk_events (created_at DESC) WHERE surface IS NOT NULL;
CREATE INDEX risk_events_device ON risk_events (device_key, created_at DESC)
  WHERE device_key IS NOT NULL;
