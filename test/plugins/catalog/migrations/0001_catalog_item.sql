-- The catalog test plugin's content: one row per (name, version).
CREATE TABLE IF NOT EXISTS catalog_item (
  content_id uuid PRIMARY KEY REFERENCES content (id) ON DELETE CASCADE,
  name       text NOT NULL,
  version    integer NOT NULL,
  sha256     text NOT NULL,
  UNIQUE (name, version)
);
