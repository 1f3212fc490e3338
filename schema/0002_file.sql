-- The file plugin (pulp_file) and the core objects it stands on: artifacts, uploads, content,
-- remotes, repositories and their versions, publications and distributions.
-- Generic tables carry `pulp_type` (e.g. 'file.file') so a second content type adds its own
-- detail table (like file_content) and reuses the rest.

CREATE TABLE artifacts (
  id                    uuid PRIMARY KEY,
  size                  bigint NOT NULL CHECK (size >= 0),
  sha256                text NOT NULL UNIQUE,
  md5                   text,
  sha1                  text,
  sha224                text,
  sha384                text,
  sha512                text,
  -- Bumped whenever something reuses the artifact, so orphan cleanup spares it for a while.
  timestamp_of_interest timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_created          timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX artifacts_md5 ON artifacts (md5) WHERE md5 IS NOT NULL;
CREATE INDEX artifacts_sha1 ON artifacts (sha1) WHERE sha1 IS NOT NULL;
CREATE INDEX artifacts_sha224 ON artifacts (sha224) WHERE sha224 IS NOT NULL;
CREATE INDEX artifacts_sha384 ON artifacts (sha384) WHERE sha384 IS NOT NULL;
CREATE INDEX artifacts_sha512 ON artifacts (sha512) WHERE sha512 IS NOT NULL;
CREATE INDEX artifacts_created ON artifacts (pulp_created DESC);
CREATE INDEX artifacts_interest ON artifacts (timestamp_of_interest);

-- Chunked uploads: chunks live in S3 under `uploads/<upload id>/<offset>` until commit.
CREATE TABLE uploads (
  id                uuid PRIMARY KEY,
  size              bigint NOT NULL CHECK (size >= 0),
  completed         timestamptz,
  pulp_created      timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE upload_chunks (
  upload_id     uuid NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
  start_offset  bigint NOT NULL CHECK (start_offset >= 0),
  size          bigint NOT NULL CHECK (size >= 0),
  storage_key   text NOT NULL,
  pulp_created  timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Re-sending a range replaces it.
  PRIMARY KEY (upload_id, start_offset)
);

-- Every content unit of every type; the type's own columns live in a detail table.
CREATE TABLE content (
  id                    uuid PRIMARY KEY,
  pulp_type             text NOT NULL,
  pulp_labels           jsonb NOT NULL DEFAULT '{}',
  timestamp_of_interest timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_created          timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX content_type_created ON content (pulp_type, pulp_created DESC, id);
CREATE INDEX content_interest ON content (timestamp_of_interest);
CREATE INDEX content_labels ON content USING gin (pulp_labels);

-- pulp_file's FileContent (pulp_type 'file.file'): one row per (relative_path, sha256).
CREATE TABLE file_content (
  content_id    uuid PRIMARY KEY REFERENCES content (id) ON DELETE CASCADE,
  pulp_type     text NOT NULL DEFAULT 'file.file' CHECK (pulp_type = 'file.file'),
  relative_path text NOT NULL,
  digest        text NOT NULL,          -- sha256 of the file
  size          bigint CHECK (size >= 0),  -- from the artifact or the manifest; null if unknown
  UNIQUE (pulp_type, relative_path, digest)
);
CREATE INDEX file_content_digest ON file_content (digest);
CREATE INDEX file_content_path ON file_content (relative_path text_pattern_ops);

CREATE TABLE remotes (
  id                   uuid PRIMARY KEY,
  pulp_type            text NOT NULL,
  name                 text NOT NULL UNIQUE,
  url                  text NOT NULL,
  policy               text NOT NULL DEFAULT 'immediate'
                       CHECK (policy IN ('immediate', 'on_demand', 'streamed')),
  pulp_labels          jsonb NOT NULL DEFAULT '{}',
  headers              jsonb,            -- [{"name": "value"}, ...]
  ca_cert              text,
  client_cert          text,
  client_key           text,             -- write-only (hidden_fields)
  tls_validation       boolean NOT NULL DEFAULT true,
  proxy_url            text,
  proxy_username       text,             -- write-only
  proxy_password       text,             -- write-only
  username             text,             -- write-only
  password             text,             -- write-only
  max_retries          integer,
  total_timeout        double precision,
  connect_timeout      double precision,
  sock_connect_timeout double precision,
  sock_read_timeout    double precision,
  download_concurrency integer,
  rate_limit           integer,
  pulp_created         timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX remotes_labels ON remotes USING gin (pulp_labels);

-- Where a content unit's file is and its one artifact (null until fetched: on_demand/streamed).
CREATE TABLE content_artifacts (
  id                uuid PRIMARY KEY,
  content_id        uuid NOT NULL REFERENCES content (id) ON DELETE CASCADE,
  artifact_id       uuid REFERENCES artifacts (id) ON DELETE RESTRICT,
  relative_path     text NOT NULL,
  pulp_created      timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (content_id, relative_path)
);
CREATE INDEX content_artifacts_artifact ON content_artifacts (artifact_id);

-- Where a remote offers a content artifact (on-demand delivery); failed_at skips it for a while.
CREATE TABLE remote_artifacts (
  id                  uuid PRIMARY KEY,
  content_artifact_id uuid NOT NULL REFERENCES content_artifacts (id) ON DELETE CASCADE,
  remote_id           uuid NOT NULL REFERENCES remotes (id) ON DELETE CASCADE,
  url                 text NOT NULL,
  sha256              text,
  size                bigint,
  failed_at           timestamptz,
  pulp_created        timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated   timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (content_artifact_id, remote_id)
);
CREATE INDEX remote_artifacts_remote ON remote_artifacts (remote_id);

CREATE TABLE repositories (
  id                   uuid PRIMARY KEY,
  pulp_type            text NOT NULL,
  name                 text NOT NULL UNIQUE,
  description          text,
  pulp_labels          jsonb NOT NULL DEFAULT '{}',
  -- Numbers are never reused, even after a version is deleted.
  next_version         integer NOT NULL DEFAULT 0,
  retain_repo_versions integer CHECK (retain_repo_versions >= 1),
  retain_checkpoints   integer CHECK (retain_checkpoints >= 1),
  remote_id            uuid REFERENCES remotes (id) ON DELETE SET NULL,
  autopublish          boolean NOT NULL DEFAULT false,
  manifest             text DEFAULT 'PULP_MANIFEST',
  last_sync_details    jsonb NOT NULL DEFAULT '{}',
  pulp_created         timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX repositories_labels ON repositories USING gin (pulp_labels);
CREATE INDEX repositories_remote ON repositories (remote_id);

CREATE TABLE repository_versions (
  id                uuid PRIMARY KEY,
  repository_id     uuid NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  number            integer NOT NULL CHECK (number >= 0),
  base_version_id   uuid REFERENCES repository_versions (id) ON DELETE SET NULL,
  checkpoint        boolean NOT NULL DEFAULT false,
  pulp_created      timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (repository_id, number)
);
CREATE INDEX repository_versions_base ON repository_versions (base_version_id);

-- Version membership, Pulp's model: a row per stretch of versions a unit is in. A unit is in
-- version N iff version_added <= N and (version_removed is null or version_removed > N), so a
-- new version writes only its delta.
CREATE TABLE repository_content (
  id              bigserial PRIMARY KEY,
  repository_id   uuid NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  content_id      uuid NOT NULL REFERENCES content (id) ON DELETE RESTRICT,
  version_added   integer NOT NULL,
  version_removed integer,
  CHECK (version_removed IS NULL OR version_removed > version_added)
);
-- At most one open stretch per unit and repository.
CREATE UNIQUE INDEX repository_content_open ON repository_content (repository_id, content_id)
  WHERE version_removed IS NULL;
-- Covering: "content of version N" is an index-only range scan.
CREATE INDEX repository_content_membership
  ON repository_content (repository_id, version_added, version_removed, content_id);
CREATE INDEX repository_content_removed ON repository_content (repository_id, version_removed)
  WHERE version_removed IS NOT NULL;
CREATE INDEX repository_content_content ON repository_content (content_id, repository_id);

CREATE TABLE publications (
  id                    uuid PRIMARY KEY,
  pulp_type             text NOT NULL,
  repository_version_id uuid NOT NULL REFERENCES repository_versions (id) ON DELETE CASCADE,
  manifest              text,
  pass_through          boolean NOT NULL DEFAULT true,
  checkpoint            boolean NOT NULL DEFAULT false,
  complete              boolean NOT NULL DEFAULT false,
  pulp_created          timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX publications_version ON publications (repository_version_id, pulp_created DESC);
CREATE INDEX publications_created ON publications (pulp_created DESC);

-- Files a publication writes itself (PULP_MANIFEST); stored in S3 under storage_key.
CREATE TABLE published_metadata (
  id             uuid PRIMARY KEY,
  publication_id uuid NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
  relative_path  text NOT NULL,
  sha256         text NOT NULL,
  size           bigint NOT NULL,
  storage_key    text NOT NULL,
  pulp_created   timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (publication_id, relative_path)
);

CREATE TABLE distributions (
  id                    uuid PRIMARY KEY,
  pulp_type             text NOT NULL,
  name                  text NOT NULL UNIQUE,
  base_path             text NOT NULL UNIQUE,
  pulp_labels           jsonb NOT NULL DEFAULT '{}',
  hidden                boolean NOT NULL DEFAULT false,
  -- Content guards get their own table later; no foreign key until then.
  content_guard_id      uuid,
  repository_id         uuid REFERENCES repositories (id) ON DELETE SET NULL,
  repository_version_id uuid REFERENCES repository_versions (id) ON DELETE SET NULL,
  publication_id        uuid REFERENCES publications (id) ON DELETE SET NULL,
  checkpoint            boolean NOT NULL DEFAULT false,
  pulp_created          timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated     timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK (num_nonnulls(repository_id, repository_version_id, publication_id) <= 1)
);
CREATE INDEX distributions_repository ON distributions (repository_id);
CREATE INDEX distributions_repository_version ON distributions (repository_version_id);
CREATE INDEX distributions_publication ON distributions (publication_id);
CREATE INDEX distributions_labels ON distributions USING gin (pulp_labels);
