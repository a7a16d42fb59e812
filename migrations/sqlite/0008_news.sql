-- News and announcements (docs/NEWS.md). An item is a draft, published (visible once published_at
-- has come: until then it is shown to staff as scheduled) or unpublished. body_html is body_md
-- rendered and sanitized when the item is saved; search_key is the folded title, summary and body.

CREATE TABLE news_items (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  kind           TEXT NOT NULL,              -- announcement | news | guide
  title          TEXT NOT NULL,
  summary        TEXT NOT NULL DEFAULT '',
  body_md        TEXT NOT NULL,
  body_html      TEXT NOT NULL,
  cover_media_id TEXT REFERENCES media(id),
  pinned         INTEGER NOT NULL DEFAULT 0,
  state          TEXT NOT NULL,              -- draft | published | unpublished
  publish_at     INTEGER,                    -- planned (draft) or effective (published) time
  published_at   INTEGER,                    -- when readers see it (null until first published)
  important      INTEGER NOT NULL DEFAULT 0, -- an announcement that notified citizens
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  created_by     INTEGER NOT NULL REFERENCES users(id),
  updated_by     INTEGER NOT NULL REFERENCES users(id),
  search_key     TEXT NOT NULL
);
-- The public list: published, pinned first, newest first.
CREATE INDEX news_items_public ON news_items(state, pinned, published_at, id);
CREATE INDEX news_items_kind ON news_items(kind, state, published_at);
-- The staff list: newest change first.
CREATE INDEX news_items_updated ON news_items(updated_at, id);
-- Whether a photo is the cover of a published item (anyone may then download it).
CREATE INDEX news_items_cover ON news_items(cover_media_id);
