import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemote, createRepository, sync } from '../../support/file-api';
import { startTestStack, type TestStack } from '../../support/test-stack';

const A = 'a'.repeat(64);
const SECRET = 'internal-secret-7d1c';

/** Serves whatever body the current case sets, at any path but /missing (404) and /redirect (to /missing, with credentials). */
class Remote {
  body: Buffer = Buffer.alloc(0);
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      if (req.url?.startsWith('/missing')) res.writeHead(404).end();
      else if (req.url?.startsWith('/redirect')) res.writeHead(302, { location: `${this.url.replace('http://', `http://user:${SECRET}@`)}/missing/PULP_MANIFEST` }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end(this.body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('task errors are safe to store and to show', () => {
  let stack: TestStack;
  const remote = new Remote();

  beforeAll(async () => {
    stack = await startTestStack('task-errors', { workers: 2 });
    await remote.start();
  });

  afterAll(async () => {
    await remote.stop();
    await stack?.stop();
  });

  const cases: Array<{ what: string; body: () => Buffer; path?: string }> = [
    { what: 'a UTF-16 manifest', body: () => Buffer.from(`\ufeffx.txt,${A},1\n`, 'utf16le') },
    { what: 'a NUL in a line', body: () => Buffer.from(`x\u0000y.txt,${A},1\nbad\u0000line\n`) },
    { what: 'a 10 MB line', body: () => Buffer.from(`${'p'.repeat(10 * 1024 * 1024)},${A},x\n`) },
    { what: 'a URL that reads back something private', body: () => Buffer.from(`${SECRET},${SECRET},${SECRET}\n`) },
    { what: 'a redirect to a URL with credentials', body: () => Buffer.alloc(0), path: '/redirect/PULP_MANIFEST' },
  ];
  it.each(cases)('fails a sync of $what with a bounded error that quotes nothing from the remote', async ({ what, body, path }) => {
    // Prepare
    remote.body = body();
    const url = `${remote.url}${path ?? '/repo/PULP_MANIFEST'}`;
    const created = await createRemote(stack, { name: `remote ${what}`, url, max_retries: 0 });
    const repo = await createRepository(stack, { name: `repo ${what}`, remote: created.pulp_href });

    // Act
    const task = await sync(stack, repo.pulp_href, {}, 'failed');

    // Assess
    const stored = JSON.stringify(task.error);
    expect(task.error.description.length).toBeGreaterThan(0);
    expect(stored).not.toMatch(/\\u0000/);
    expect(stored.length).toBeLessThan(8 * 1024);
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain(process.cwd());
    expect(task.error.traceback).not.toMatch(/\((\/[^/)]+)+\/[^/)]+:\d+:\d+\)/);
  });

  it('keeps the task list small whatever the tasks failed on', async () => {
    // Act
    const res = await stack.api('/pulp/api/v3/tasks/?limit=1000');
    const text = await res.text();

    // Assess
    expect(res.status).toBe(200);
    expect(JSON.parse(text).count).toBeGreaterThanOrEqual(cases.length);
    expect(text.length).toBeLessThan(1024 * 1024);
  });
});
