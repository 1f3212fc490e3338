import type { WorkDone } from '../phase';
import type { PulpClient } from '../pulp-client';
import { runBounded } from '../latency';

const TASK_TIMEOUT_MS = 120_000;

/**
 * `tasks` repository changes over `repositories.length` repositories from `clients` parallel
 * clients, each waiting for its task as pulp-cli does: even ones add a content unit
 * (`modify`), odd ones change the description (PATCH, a task in Pulp).
 */
export async function concurrentTasks(
  client: PulpClient,
  repositories: string[],
  units: string[],
  tasks: number,
  clients: number,
  timeBoundMs: number,
): Promise<WorkDone> {
  const done = await runBounded(tasks, clients, Date.now() + timeBoundMs, async (i) => {
    const repository = repositories[i % repositories.length]!;
    if (i % 2 === 0) await client.maybeTask(`${repository}modify/`, 'POST', { add_content_units: [units[i % units.length]] }, TASK_TIMEOUT_MS);
    else await client.maybeTask(repository, 'PATCH', { description: `change ${i}` }, TASK_TIMEOUT_MS);
  });
  return { count: done, unit: 'tasks', extra: { repositories: repositories.length, clients } };
}

/** The repositories the tasks work on, made beforehand (creating one is not a task in Pulp). */
export async function createRepositories(client: PulpClient, prefix: string, count: number): Promise<string[]> {
  const hrefs: string[] = [];
  for (let i = 0; i < count; i++) {
    hrefs.push((await client.expect(201, '/pulp/api/v3/repositories/file/file/', 'POST', { name: `${prefix}-${i}` })).json.pulp_href);
  }
  return hrefs;
}
