-- Pulp's task schedules: a task dispatched at next_dispatch, then every dispatch_interval (a
-- one-off schedule has none and its next_dispatch becomes NULL once it fired). The sweeper
-- claims due rows with FOR UPDATE SKIP LOCKED and moves next_dispatch past now in the same
-- transaction as it inserts the task, so each tick yields exactly one task.
CREATE TABLE task_schedules (
  id                uuid PRIMARY KEY,
  name              text NOT NULL UNIQUE,
  task_name         text NOT NULL,
  dispatch_interval interval CHECK (dispatch_interval IS NULL OR dispatch_interval > interval '0'),
  next_dispatch     timestamptz,
  last_task_id      uuid REFERENCES tasks (id) ON DELETE SET NULL,
  pulp_created      timestamptz NOT NULL DEFAULT clock_timestamp(),
  pulp_last_updated timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX task_schedules_due ON task_schedules (next_dispatch) WHERE next_dispatch IS NOT NULL;

-- The housekeeping every installation needs: orphans (with Pulp's one-day protection) and
-- completed tasks older than 30 days, each once a day, an hour apart, starting tonight.
INSERT INTO task_schedules (id, name, task_name, dispatch_interval, next_dispatch) VALUES
  ('018f0e3a-0000-7000-8000-000000000101', 'Clean up orphans', 'pulpcore.app.tasks.orphan.orphan_cleanup',
   interval '1 day', date_trunc('day', now()) + interval '1 day 2 hours'),
  ('018f0e3a-0000-7000-8000-000000000102', 'Purge completed tasks', 'pulpcore.app.tasks.purge.purge',
   interval '1 day', date_trunc('day', now()) + interval '1 day 3 hours');
