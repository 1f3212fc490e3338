import type { PulpClient } from '../pulp-client';

const TIMEOUT_MS = 600_000;

/** `pulp file publication create`: a publication of the version (its PULP_MANIFEST written). */
export async function publish(client: PulpClient, versionHref: string): Promise<string> {
  const href = await client.maybeTask('/pulp/api/v3/publications/file/file/', 'POST', { repository_version: versionHref }, TIMEOUT_MS);
  if (!href) throw new Error('the publication task named no publication');
  return href;
}

/** `pulp file distribution create`: serves the publication at `basePath`; its content base URL. */
export async function distribute(client: PulpClient, name: string, basePath: string, publication: string): Promise<string> {
  const href = await client.maybeTask('/pulp/api/v3/distributions/file/file/', 'POST', { name, base_path: basePath, publication }, TIMEOUT_MS);
  if (!href) throw new Error('the distribution task named no distribution');
  return (await client.expect(200, href)).json.base_url;
}
