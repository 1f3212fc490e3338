-- The generic objects become generic: plugins keep their own fields in `extra` (repositories,
-- remotes, publications, distributions) or in their content type's detail table, created by
-- the plugin's own migrations (layers/plugins/<name>/migrations/). file_content stays where
-- 0002 created it; the file plugin's first migration adopts it.

-- A unit's repository key (units with equal keys replace each other in a version), written
-- when the unit is created, so version rules read one table whatever the type.
ALTER TABLE content ADD COLUMN repository_key text NOT NULL DEFAULT '';

ALTER TABLE repositories ADD COLUMN extra jsonb NOT NULL DEFAULT '{}';
UPDATE repositories SET extra = jsonb_build_object('manifest', manifest) WHERE pulp_type = 'file.file';
ALTER TABLE repositories DROP COLUMN manifest;

ALTER TABLE remotes ADD COLUMN extra jsonb NOT NULL DEFAULT '{}';

ALTER TABLE publications ADD COLUMN extra jsonb NOT NULL DEFAULT '{}';
UPDATE publications SET extra = jsonb_build_object('manifest', manifest) WHERE pulp_type = 'file.file';
ALTER TABLE publications DROP COLUMN manifest;

ALTER TABLE distributions ADD COLUMN extra jsonb NOT NULL DEFAULT '{}';
-- Pull-through: a distribution may also serve what a remote offers.
ALTER TABLE distributions ADD COLUMN remote_id uuid REFERENCES remotes (id) ON DELETE SET NULL;
CREATE INDEX distributions_remote ON distributions (remote_id);

-- PRNs of created resources, written beside their hrefs: a version's PRN names its own id,
-- which its href does not carry, so `created_resources=<PRN>` needs them stored.
ALTER TABLE tasks ADD COLUMN created_resource_prns text[] NOT NULL DEFAULT '{}';
CREATE INDEX tasks_created_resource_prns ON tasks USING gin (created_resource_prns);
