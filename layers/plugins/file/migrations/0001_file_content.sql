-- pulp_file's FileContent (pulp_type 'file.file'): one row per (relative_path, sha256).
-- Databases from before the plugin API already have this table (core's 0002 made it); this
-- migration adopts it, and fills the repository key core now keeps on every content row.
CREATE TABLE IF NOT EXISTS file_content (
  content_id    uuid PRIMARY KEY REFERENCES content (id) ON DELETE CASCADE,
  pulp_type     text NOT NULL DEFAULT 'file.file' CHECK (pulp_type = 'file.file'),
  relative_path text NOT NULL,
  digest        text NOT NULL,          -- sha256 of the file
  size          bigint CHECK (size >= 0),  -- from the artifact or the manifest; null if unknown
  UNIQUE (pulp_type, relative_path, digest)
);
CREATE INDEX IF NOT EXISTS file_content_digest ON file_content (digest);
CREATE INDEX IF NOT EXISTS file_content_path ON file_content (relative_path text_pattern_ops);

UPDATE content c SET repository_key = f.relative_path
  FROM file_content f WHERE f.content_id = c.id AND c.repository_key = '';
