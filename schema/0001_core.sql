-- Core platform: users, workers, task groups and tasks.
-- Postgres is the source of truth for tasks and their resource reservations; SQS only wakes workers.

CREATE TABLE users (
  id            uuid PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  is_superuser  boolean NOT NULL DEFAULT false,
  pulp_created  timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- One row per live worker (a Lambda execution environment or a local poller loop).
CREATE TABLE workers (
  id             uuid PRIMARY KEY,
  name           text NOT NULL UNIQUE,
  kind           text NOT NULL DEFAULT 'worker',  -- worker | content | api
  versions       jsonb NOT NULL DEFAULT '{}',
  last_heartbeat timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_created   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX workers_kind_heartbeat ON workers (kind, last_heartbeat);

CREATE TABLE task_groups (
  id                   uuid PRIMARY KEY,
  description          text NOT NULL DEFAULT '',
  all_tasks_dispatched boolean NOT NULL DEFAULT false,
  pulp_created         timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated    timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE tasks (
  id                  uuid PRIMARY KEY,
  -- Creation order decides who goes first on a contended resource.
  seq                 bigserial NOT NULL UNIQUE,
  name                text NOT NULL,
  state               text NOT NULL DEFAULT 'waiting'
                      CHECK (state IN ('waiting','running','completed','failed','canceling','canceled','skipped')),
  args                jsonb NOT NULL DEFAULT '{}',
  logging_cid         text NOT NULL DEFAULT '',
  exclusive_resources text[] NOT NULL DEFAULT '{}',
  shared_resources    text[] NOT NULL DEFAULT '{}',
  message_group       text NOT NULL,
  -- Set when a worker found the task blocked and acknowledged its message: whoever frees a
  -- resource it needs must wake it again.
  deferred            boolean NOT NULL DEFAULT false,
  unblocked_at        timestamptz,
  started_at          timestamptz,
  finished_at         timestamptz,
  error               jsonb,
  worker_id           uuid REFERENCES workers (id) ON DELETE SET NULL,
  worker_name         text,
  parent_task_id      uuid REFERENCES tasks (id) ON DELETE SET NULL,
  task_group_id       uuid REFERENCES task_groups (id) ON DELETE SET NULL,
  progress_reports    jsonb NOT NULL DEFAULT '[]',
  created_resources   text[] NOT NULL DEFAULT '{}',
  result              jsonb,
  -- Liveness of the invocation running the task: the sweeper fails tasks past their deadline.
  heartbeat_at        timestamptz,
  deadline_at         timestamptz,
  attempts            integer NOT NULL DEFAULT 0,
  -- A long task that ran out of invocation time saves its state here and stays `running`
  -- (its reservations held) until a continuation message resumes it.
  checkpoint          jsonb,
  suspended           boolean NOT NULL DEFAULT false,
  pulp_created        timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX tasks_created ON tasks (pulp_created DESC);
CREATE INDEX tasks_state ON tasks (state);
CREATE INDEX tasks_incomplete_seq ON tasks (seq) WHERE state IN ('waiting','running','canceling');
CREATE INDEX tasks_exclusive ON tasks USING gin (exclusive_resources);
CREATE INDEX tasks_shared ON tasks USING gin (shared_resources);
CREATE INDEX tasks_created_resources ON tasks USING gin (created_resources);
CREATE INDEX tasks_parent ON tasks (parent_task_id);
CREATE INDEX tasks_group ON tasks (task_group_id);
CREATE INDEX tasks_finished ON tasks (finished_at) WHERE finished_at IS NOT NULL;
