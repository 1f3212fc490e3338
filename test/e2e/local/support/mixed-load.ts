import { randomBytes } from 'node:crypto';
import { encodePath, sha256 } from '../../../support/file-api';
import type { Upstream } from '../../../integration/file/support/upstream';
import type { LoadClient } from './load-client';

export interface LoadTarget {
  repositories: Array<{ href: string }>;
  /** A distribution serving a publication of the first repository: base path and its files. */
  served: { basePath: string; files: Map<string, Buffer> };
  upstream: Upstream;
}

export interface LoadLimits {
  clients: number;
  /** Stop after this many requests in all (a bound, whatever the machine's speed). */
  maxRequests: number;
  stop: () => boolean;
}

/** Tasks the load dispatched (hrefs from 202 answers), and wrong bytes it was served. */
export interface LoadOutcome {
  tasks: string[];
  wrongBytes: string[];
  /** Tasks a client gave up waiting for (still not final after TASK_WAIT_MS). */
  notFinalInTime: string[];
}

const FINAL = new Set(['completed', 'failed', 'canceled', 'skipped']);
/** How long a client waits for its task, as pulp-cli does, before going on without it. */
const TASK_WAIT_MS = 120_000;
const TASK_POLL_MS = 250;

/** Like pulp-cli: after a 202, polls the task until it is final (each poll is a read). */
async function awaitTask(client: LoadClient, href: string, outcome: LoadOutcome): Promise<void> {
  outcome.tasks.push(href);
  const deadline = Date.now() + TASK_WAIT_MS;
  while (Date.now() < deadline) {
    const res = await client.send('read task', href, {}, [200]);
    if (res && FINAL.has(res.json.state)) return;
    await new Promise((r) => setTimeout(r, TASK_POLL_MS));
  }
  outcome.notFinalInTime.push(href);
}

type Operation = (client: LoadClient, target: LoadTarget, outcome: LoadOutcome) => Promise<void>;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const read = (kind: string, path: (t: LoadTarget) => string, auth = true): Operation => async (c, t) => {
  await c.send(kind, path(t), { auth }, [200]);
};

/** A file of the served publication through /pulp/content/, redirect followed, bytes checked. */
const readServedFile: Operation = async (client, target, outcome) => {
  const [path, data] = pick([...target.served.files]);
  const res = await client.send('read content', `/pulp/content/${target.served.basePath}/${encodePath(path)}`, { auth: false }, [200]);
  if (res && sha256(res.bytes) !== sha256(data)) outcome.wrongBytes.push(path);
};

/** A new file uploaded into a repository (one task: content, then a new version). */
const upload: Operation = async (client, target, outcome) => {
  const form = new FormData();
  form.append('relative_path', `uploads/${randomBytes(8).toString('hex')}.bin`);
  form.append('repository', pick(target.repositories).href);
  form.append('file', new Blob([randomBytes(256 + Math.floor(Math.random() * 4096))]), 'f');
  const res = await client.send('upload', '/pulp/api/v3/content/file/files/', { method: 'POST', form }, [202]);
  if (res) await awaitTask(client, res.json.task, outcome);
};

/** Adds a content unit to a repository, or removes one from it. */
const modify: Operation = async (client, target, outcome) => {
  const repo = pick(target.repositories);
  const listed = await client.send('read content units', `/pulp/api/v3/content/file/files/?limit=20&offset=${Math.floor(Math.random() * 50)}`, {}, [200]);
  const units = (listed?.json?.results ?? []) as Array<{ pulp_href: string }>;
  if (units.length === 0) return;
  const unit = pick(units).pulp_href;
  const body = Math.random() < 0.6 ? { add_content_units: [unit] } : { remove_content_units: [unit] };
  const res = await client.send('modify', `${repo.href}modify/`, { method: 'POST', body }, [202]);
  if (res) await awaitTask(client, res.json.task, outcome);
};

/** Syncs a repository from the upstream, which grows now and then so a sync has work. */
const syncRepository: Operation = async (client, target, outcome) => {
  if (Math.random() < 0.5) target.upstream.add(`grown/${randomBytes(6).toString('hex')}.bin`);
  const res = await client.send('sync', `${pick(target.repositories).href}sync/`, { method: 'POST', body: {} }, [202]);
  if (res) await awaitTask(client, res.json.task, outcome);
};

/** Each operation with its weight: mostly reads, as a repository manager's traffic is. */
const OPERATIONS: Array<[number, Operation]> = [
  [8, read('read status', () => '/pulp/api/v3/status/', false)],
  [8, read('read repositories', () => '/pulp/api/v3/repositories/file/file/?limit=10')],
  [8, read('read repository', (t) => pick(t.repositories).href)],
  [8, read('read tasks', () => '/pulp/api/v3/tasks/?limit=20')],
  [6, read('read versions', (t) => `${pick(t.repositories).href}versions/?limit=5`)],
  [25, readServedFile],
  [15, upload],
  [12, modify],
  [6, syncRepository],
];
const TOTAL_WEIGHT = OPERATIONS.reduce((sum, [weight]) => sum + weight, 0);

function chooseOperation(): Operation {
  let at = Math.random() * TOTAL_WEIGHT;
  for (const [weight, operation] of OPERATIONS) {
    at -= weight;
    if (at < 0) return operation;
  }
  return OPERATIONS[0]![1];
}

/**
 * `clients` concurrent clients, each sending one request (or one small exchange: a write and
 * the polls of its task) after another until told to stop or the request bound is reached.
 */
export async function runMixedLoad(client: LoadClient, target: LoadTarget, limits: LoadLimits): Promise<LoadOutcome> {
  const outcome: LoadOutcome = { tasks: [], wrongBytes: [], notFinalInTime: [] };
  const lane = async (): Promise<void> => {
    while (!limits.stop() && client.figures.requests < limits.maxRequests) await chooseOperation()(client, target, outcome);
  };
  await Promise.all(Array.from({ length: limits.clients }, lane));
  return outcome;
}
