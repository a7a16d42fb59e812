-- Every staff read of personal data (a caller's name and phone, a report author's identity):
-- who read it, when, which record, which data and why. Append-only; admins query it.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  actor_id   INTEGER NOT NULL REFERENCES users(id),
  action     TEXT NOT NULL,            -- read_personal_data
  report_id  INTEGER REFERENCES reports(id),
  data       TEXT NOT NULL,            -- which fields: "author", "caller"
  purpose    TEXT NOT NULL             -- why: the use the read served
);
CREATE INDEX audit_log_report ON audit_log(report_id, id);
CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
