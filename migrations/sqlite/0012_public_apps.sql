-- The directory of public apps (docs/APPS.md): the city's and the nation's other public apps, in
-- the order administrators give them. Links are checked when written (https only; a deep link's
-- scheme from an allow-list pattern); an empty text means "none".

CREATE TABLE public_apps (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  code           TEXT UNIQUE,                -- the reference apps' stable key (seed); null otherwise
  name           TEXT NOT NULL,
  name_en        TEXT NOT NULL,
  description    TEXT NOT NULL,
  description_en TEXT NOT NULL,
  category       TEXT NOT NULL,              -- identity | public_services | social_insurance | ...
  icon_media_id  TEXT REFERENCES media(id),  -- a photo uploaded by staff; null: a drawn monogram
  web_url        TEXT NOT NULL DEFAULT '',
  deep_link      TEXT NOT NULL DEFAULT '',
  android_url    TEXT NOT NULL DEFAULT '',
  ios_url        TEXT NOT NULL DEFAULT '',
  vneid_sign_in  INTEGER NOT NULL DEFAULT 0, -- the same VNeID sign-in works there
  active         INTEGER NOT NULL DEFAULT 1,
  position       INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  updated_by     INTEGER REFERENCES users(id) -- null: written by `congdanso seed`
);
CREATE INDEX public_apps_order ON public_apps(active, position, id);
-- Whether a photo is an app's icon (anyone may then download it).
CREATE INDEX public_apps_icon ON public_apps(icon_media_id);

-- The reference apps `congdanso seed` has ever written, by code: an app an administrator deleted
-- is not written again, and a new release's new reference apps still arrive.
CREATE TABLE public_app_seeds (
  code TEXT PRIMARY KEY
);
