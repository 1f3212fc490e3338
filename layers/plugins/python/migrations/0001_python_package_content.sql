-- pulp_python's PythonPackageContent (pulp_type 'python.python'): one row per distribution file,
-- identified by its sha256. Core keeps the base row, its artifact and version membership; the
-- repository key (content.repository_key) is the filename, so a newer file of the same name
-- replaces the older one in a repository version.
CREATE TABLE python_package_content (
  content_id               uuid PRIMARY KEY REFERENCES content (id) ON DELETE CASCADE,
  filename                 text NOT NULL,
  packagetype              text NOT NULL,
  name                     text NOT NULL,
  name_normalized          text NOT NULL,
  version                  text NOT NULL,
  sha256                   text NOT NULL UNIQUE,
  -- sha256 of the wheel's METADATA (the PEP 658 `<file>.metadata`), '' when none is stored.
  metadata_sha256          text NOT NULL DEFAULT '',
  size                     bigint NOT NULL DEFAULT 0 CHECK (size >= 0),
  python_version           text NOT NULL DEFAULT '',
  -- When the file was published upstream, or uploaded here (PEP 700 upload-time).
  upload_time              timestamptz,
  yanked                   boolean NOT NULL DEFAULT false,
  yanked_reason            text NOT NULL DEFAULT '',
  -- Core metadata, with pulp_python's encodings (list and dict fields as JSON text).
  metadata_version         text NOT NULL DEFAULT '',
  summary                  text NOT NULL DEFAULT '',
  description              text NOT NULL DEFAULT '',
  description_content_type text NOT NULL DEFAULT '',
  keywords                 text NOT NULL DEFAULT '',
  home_page                text NOT NULL DEFAULT '',
  download_url             text NOT NULL DEFAULT '',
  author                   text NOT NULL DEFAULT '',
  author_email             text NOT NULL DEFAULT '',
  maintainer               text NOT NULL DEFAULT '',
  maintainer_email         text NOT NULL DEFAULT '',
  license                  text NOT NULL DEFAULT '',
  license_expression       text NOT NULL DEFAULT '',
  license_file             text NOT NULL DEFAULT '[]',
  platform                 text NOT NULL DEFAULT '',
  supported_platform       text NOT NULL DEFAULT '',
  classifiers              text NOT NULL DEFAULT '[]',
  requires_dist            text NOT NULL DEFAULT '[]',
  provides_dist            text NOT NULL DEFAULT '[]',
  obsoletes_dist           text NOT NULL DEFAULT '[]',
  requires_external        text NOT NULL DEFAULT '[]',
  requires_python          text NOT NULL DEFAULT '',
  project_url              text NOT NULL DEFAULT '',
  project_urls             text NOT NULL DEFAULT '{}',
  provides_extras          text NOT NULL DEFAULT '[]',
  dynamic                  text NOT NULL DEFAULT '[]'
);
-- Index pages list one project's files; uploads and the content app look files up by name.
CREATE INDEX python_package_content_name ON python_package_content (name_normalized);
CREATE INDEX python_package_content_filename ON python_package_content (filename);
