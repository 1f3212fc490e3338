import type { PulpClient } from '../pulp-client';

export interface SyncTarget {
  repository: string;
  remote: string;
}

const SYNC_TIMEOUT_MS = 1_800_000;

/** A file remote (`immediate`) on the manifest and a repository, as `pulp file remote/repository create` make them. */
export async function createSyncTarget(client: PulpClient, name: string, manifestUrl: string): Promise<SyncTarget> {
  const remote = await client.expect(201, '/pulp/api/v3/remotes/file/file/', 'POST', {
    name,
    url: manifestUrl,
    policy: 'immediate',
    download_concurrency: 10,
  });
  const repository = await client.expect(201, '/pulp/api/v3/repositories/file/file/', 'POST', { name, manifest: 'PULP_MANIFEST' });
  return { repository: repository.json.pulp_href, remote: remote.json.pulp_href };
}

/** POST sync and wait for its task; the version href it made, or the latest one when nothing changed. */
export async function syncOnce(client: PulpClient, target: SyncTarget): Promise<string> {
  const dispatched = await client.expect(202, `${target.repository}sync/`, 'POST', { remote: target.remote });
  const task = await client.waitTask(dispatched.json.task, SYNC_TIMEOUT_MS);
  const created = (task.created_resources as string[]).find((href) => href.includes('/versions/'));
  if (created) return created;
  return (await client.expect(200, target.repository)).json.latest_version_href;
}
