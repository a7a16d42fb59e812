-- Real-time delivery (docs/REALTIME.md): the unit whose queue an event changes, the inbox, the
-- delivery workers' positions in the event log, per-person channel preferences, the browsers that
-- receive web push, and the pushes still to send.

ALTER TABLE events ADD COLUMN unit_code TEXT;   -- the report's unit after the change, if any
CREATE INDEX events_unit ON events(unit_code, id);

-- One row per person told about one event: the inbox. A worker that runs an event twice (after a
-- crash) cannot tell anyone twice.
CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  event_id   INTEGER NOT NULL REFERENCES events(id),
  kind       TEXT NOT NULL,                  -- my_reports | followed | unit_queue
  report_id  INTEGER REFERENCES reports(id),
  created_at INTEGER NOT NULL,
  read_at    INTEGER,
  UNIQUE (user_id, event_id)
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id, read_at);
CREATE INDEX notifications_event ON notifications(event_id);

-- How far each worker has come in the event log.
CREATE TABLE delivery_cursors (
  name     TEXT PRIMARY KEY,                 -- notifications
  position INTEGER NOT NULL
);
INSERT INTO delivery_cursors (name, position) SELECT 'notifications', COALESCE(MAX(id), 0) FROM events;

-- Channels a person turned off (absent: on). Channel inbox | push; kind as in notifications, or
-- broadcasts.
CREATE TABLE notification_preferences (
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind    TEXT NOT NULL,
  channel TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  PRIMARY KEY (user_id, kind, channel)
);

-- A browser's push subscription (the Push API's PushSubscription).
CREATE TABLE push_subscriptions (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  endpoint     TEXT NOT NULL UNIQUE,         -- the push service's URL for this browser
  p256dh       TEXT NOT NULL,                -- the browser's public key (base64url)
  auth         TEXT NOT NULL,                -- the browser's authentication secret (base64url)
  user_agent   TEXT NOT NULL DEFAULT '',     -- to tell devices apart in the list
  lang         TEXT NOT NULL DEFAULT 'vi',
  created_at   INTEGER NOT NULL,
  last_success_at INTEGER,
  failures     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX push_subscriptions_user ON push_subscriptions(user_id);

-- Pushes to send: one per subscription and event. Deleted once the push service accepted it (or
-- refused it for good); retried with backoff otherwise.
CREATE TABLE push_deliveries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  subscription_id INTEGER NOT NULL REFERENCES push_subscriptions(id) ON DELETE CASCADE,
  event_id        INTEGER NOT NULL REFERENCES events(id),
  notification_id INTEGER REFERENCES notifications(id) ON DELETE CASCADE,
  created_at      INTEGER NOT NULL,
  next_at         INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  lease_until     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX push_deliveries_due ON push_deliveries(next_at);

-- Delivery figures per event (broadcasts: pushed and accepted, later opened).
CREATE TABLE push_outcomes (
  event_id  INTEGER PRIMARY KEY REFERENCES events(id),
  accepted  INTEGER NOT NULL DEFAULT 0,
  gone      INTEGER NOT NULL DEFAULT 0,
  failed    INTEGER NOT NULL DEFAULT 0
);
