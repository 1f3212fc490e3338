import type { ProgressReport } from '../tasks/task';

/** The artifact-download progress report of a sync, as pulp-cli shows it, whoever downloads. */
export const downloadProgress = (state: ProgressReport['state'], done: number, total: number): ProgressReport => ({
  code: 'sync.downloading.artifacts',
  message: 'Downloading Artifacts',
  state,
  done,
  total,
  suffix: null,
});
