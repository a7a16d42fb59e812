-- Hot alerts (docs/ALERTS.md), modelled on OASIS CAP 1.2: one row per CAP message (an Alert, an
-- Update or a Cancel), drafted by one alert officer and sent only when another approves it.

CREATE TABLE alerts (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  msg_type       TEXT NOT NULL,                -- Alert | Update | Cancel
  status         TEXT NOT NULL,                -- Actual | Exercise | Test
  references_id  INTEGER REFERENCES alerts(id),-- the alert an Update or a Cancel is about
  state          TEXT NOT NULL,                -- draft | sent | discarded
  category       TEXT NOT NULL,                -- CAP category: Met, Geo, Health, ...
  urgency        TEXT NOT NULL,
  severity       TEXT NOT NULL,
  certainty      TEXT NOT NULL,
  texts          TEXT NOT NULL,                -- JSON {vi:{event,headline,description,instruction,area_desc}, en:{...}}
  onset          INTEGER,
  expires        INTEGER NOT NULL,
  area_city      INTEGER NOT NULL DEFAULT 0,   -- 1: the whole city
  area_wards     TEXT NOT NULL DEFAULT '[]',   -- JSON list of the wards the officer chose
  polygon        TEXT,                         -- JSON [[lat,lon],...], closed
  circle         TEXT,                         -- JSON {lat,lon,radius_km}
  drafted_by     INTEGER NOT NULL REFERENCES users(id),
  drafted_at     INTEGER NOT NULL,
  edited_by      INTEGER NOT NULL REFERENCES users(id),  -- the last to change the draft
  approved_by    INTEGER REFERENCES users(id),
  sent_at        INTEGER,
  event_id       INTEGER REFERENCES events(id),-- the event that delivered it
  superseded_by  INTEGER REFERENCES alerts(id),-- the sent Update that replaced it
  cancelled_by   INTEGER REFERENCES alerts(id),-- the sent Cancel that ended it
  live_deliveries INTEGER NOT NULL DEFAULT 0,  -- open streams it reached, summed over nodes
  targeted       INTEGER NOT NULL DEFAULT 0    -- people told in the inbox when it was sent
);
CREATE INDEX alerts_state ON alerts(state, id);
CREATE INDEX alerts_active ON alerts(state, expires);

-- Every ward an alert reaches: the chosen ones and those its polygon or circle covers.
CREATE TABLE alert_wards (
  alert_id  INTEGER NOT NULL REFERENCES alerts(id),
  ward_code TEXT NOT NULL REFERENCES areas(code),
  PRIMARY KEY (alert_id, ward_code)
);
CREATE INDEX alert_wards_ward ON alert_wards(ward_code, alert_id);

-- Who opened an alert's page: one row per person or app install, for the delivery figures.
CREATE TABLE alert_opens (
  alert_id  INTEGER NOT NULL REFERENCES alerts(id),
  opener    TEXT NOT NULL,                     -- "u<user id>" or "c<client id>"
  opened_at INTEGER NOT NULL,
  PRIMARY KEY (alert_id, opener)
);

CREATE INDEX citizen_profiles_home_ward ON citizen_profiles(home_ward);

-- Open streams each broadcast or alert reached, summed over the nodes (the relay adds its own).
ALTER TABLE push_outcomes ADD COLUMN live INTEGER NOT NULL DEFAULT 0;
