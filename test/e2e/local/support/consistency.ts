import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiClient } from '../../../support/api-client';
import { sha256 } from '../../../support/file-api';

const FINAL = new Set(['completed', 'failed', 'canceled', 'skipped']);

/** Every item of a paginated list, following `next`. */
export async function allPages<T = any>(api: ApiClient, path: string): Promise<T[]> {
  const items: T[] = [];
  for (let next: string | null = path; next; ) {
    const res = await api.api(next);
    if (res.status !== 200) throw new Error(`${next}: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { results: T[]; next: string | null };
    items.push(...page.results);
    next = page.next;
  }
  return items;
}

/** Polls until no task is waiting, running or canceling; returns how long that took (s), or undefined if it never did. */
export async function waitUntilAllFinal(api: ApiClient, timeoutMs: number): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const res = await api.api('/pulp/api/v3/tasks/?state__in=waiting,running,canceling&limit=1').catch(() => undefined);
    if (res?.status === 200 && ((await res.json()) as { count: number }).count === 0) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 500));
  }
  return undefined;
}

export interface TaskCheck {
  total: number;
  byState: Record<string, number>;
  /** Failure reasons and how often, for the report. */
  failures: Record<string, number>;
  problems: string[];
}

/**
 * Every task final; every repository version (past 0) created by exactly one completed task,
 * and no task created two: a task that ran twice would leave a version no task names, or two.
 */
export async function checkTasks(api: ApiClient, dispatched: string[]): Promise<TaskCheck> {
  const tasks = await allPages<Record<string, any>>(api, '/pulp/api/v3/tasks/?limit=1000');
  const problems: string[] = [];
  const byState: Record<string, number> = {};
  const failures: Record<string, number> = {};
  const creators = new Map<string, string[]>();
  const known = new Set(tasks.map((t) => t.pulp_href as string));
  for (const task of tasks) {
    byState[task.state] = (byState[task.state] ?? 0) + 1;
    if (!FINAL.has(task.state)) problems.push(`task ${task.pulp_href} (${task.name}) is ${task.state}`);
    if (task.state === 'failed') {
      const reason = String(task.error?.reason ?? task.error?.description ?? 'no reason given').replace(/[0-9a-f-]{36}|worker@\w+|\S+@\w{8}/g, '…');
      failures[reason] = (failures[reason] ?? 0) + 1;
    }
    const versions = ((task.created_resources ?? []) as string[]).filter((href) => /\/versions\/\d+\/$/.test(href));
    if (versions.length > 1) problems.push(`task ${task.pulp_href} created ${versions.length} versions`);
    for (const href of versions) creators.set(href, [...(creators.get(href) ?? []), task.pulp_href]);
  }
  for (const href of dispatched) if (!known.has(href)) problems.push(`dispatched task ${href} is not listed`);
  for (const [href, by] of creators) if (by.length > 1) problems.push(`version ${href} was created by ${by.length} tasks`);
  const repositories = await allPages<{ pulp_href: string }>(api, '/pulp/api/v3/repositories/file/file/?limit=100');
  for (const repo of repositories) {
    for (const version of await allPages<{ pulp_href: string; number: number; pulp_created: string }>(api, `${repo.pulp_href}versions/?limit=1000`)) {
      if (version.number > 0 && !creators.has(version.pulp_href)) {
        problems.push(`version ${version.pulp_href} (created ${version.pulp_created}) was created by no task${suspects(tasks, repo.pulp_href, version.pulp_created)}`);
      }
    }
  }
  return { total: tasks.length, byState, failures, problems };
}

/**
 * The tasks that held the repository when an orphan version was made: a task whose worker
 * died after the version committed but before the task recorded it ends failed by the
 * sweeper although its change is in.
 */
function suspects(tasks: Array<Record<string, any>>, repoHref: string, created: string): string {
  const repoId = /\/([0-9a-f-]{36})\/$/.exec(repoHref)?.[1] ?? repoHref;
  const at = Date.parse(created);
  const holding = tasks.filter(
    (t) =>
      ((t.reserved_resources_record ?? []) as string[]).some((r) => r.endsWith(repoId) && !r.startsWith('shared:')) &&
      t.started_at && Date.parse(t.started_at) <= at && (!t.finished_at || Date.parse(t.finished_at) >= at),
  );
  if (holding.length === 0) return '';
  const described = holding.map((t) => `${t.pulp_href} ${t.name} ${t.state}${t.error ? ` (${t.error.reason ?? t.error.description})` : ''}, ran ${t.started_at} to ${t.finished_at} on ${t.worker ?? 'an unknown worker'}`);
  return `; running on the repository then: ${described.join('; ')}`;
}

async function contentOf(api: ApiClient, filter: string, versionHref: string): Promise<Set<string>> {
  const units = await allPages<{ pulp_href: string }>(api, `/pulp/api/v3/content/file/files/?${filter}=${encodeURIComponent(versionHref)}&limit=1000`);
  return new Set(units.map((u) => u.pulp_href));
}

/**
 * Each version equals the one before it plus what it added minus what it removed (what it
 * added was absent before, what it removed present), and its summary counts agree.
 */
export async function checkVersions(api: ApiClient): Promise<{ versions: number; problems: string[] }> {
  const problems: string[] = [];
  let count = 0;
  const repositories = await allPages<{ pulp_href: string }>(api, '/pulp/api/v3/repositories/file/file/?limit=100');
  for (const repo of repositories) {
    const versions = (await allPages<Record<string, any>>(api, `${repo.pulp_href}versions/?limit=1000`)).sort((a, b) => a.number - b.number);
    let before = new Set<string>();
    for (const version of versions) {
      count++;
      const present = await contentOf(api, 'repository_version', version.pulp_href);
      const added = await contentOf(api, 'repository_version_added', version.pulp_href);
      const removed = await contentOf(api, 'repository_version_removed', version.pulp_href);
      const expected = new Set([...before].filter((h) => !removed.has(h)));
      for (const h of added) expected.add(h);
      const label = `${repo.pulp_href} version ${version.number}`;
      if (present.size !== expected.size || [...present].some((h) => !expected.has(h))) problems.push(`${label}: content is not the previous version + added - removed`);
      if ([...added].some((h) => before.has(h))) problems.push(`${label}: adds content that was already present`);
      if ([...removed].some((h) => !before.has(h))) problems.push(`${label}: removes content that was not present`);
      const summary = version.content_summary ?? {};
      const counted = (part: string) => summary[part]?.['file.file']?.count ?? 0;
      if (counted('present') !== present.size || counted('added') !== added.size || counted('removed') !== removed.size) {
        problems.push(`${label}: content_summary disagrees with the content lists`);
      }
      before = present;
    }
  }
  return { versions: count, problems };
}

/** Every artifact's bytes through the storage route, checked against its recorded sha256 and size. */
/**
 * Every artifact the API lists is whole in the run's storage folder. Read from disk: the
 * local `/artifacts/` route wants a signed URL, as CloudFront does.
 */
export async function checkArtifacts(api: ApiClient, storageDir: string): Promise<{ artifacts: number; problems: string[] }> {
  const artifacts = await allPages<{ sha256: string; size: number }>(api, '/pulp/api/v3/artifacts/?limit=1000');
  const problems: string[] = [];
  for (const artifact of artifacts) {
    const file = join(storageDir, 'artifacts', artifact.sha256.slice(0, 2), artifact.sha256.slice(2, 4), artifact.sha256);
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes || bytes.length !== artifact.size || sha256(bytes) !== artifact.sha256) {
      problems.push(`artifact ${artifact.sha256}: ${bytes ? `${bytes.length} bytes` : 'missing'}`);
    }
  }
  return { artifacts: artifacts.length, problems };
}
