import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../local/free-port';
import { signUrl } from '../../../layers/core/signing/cloudfront-url';
import { parseSigningDocument } from '../../../layers/core/signing/signing-material';

/** `npm start`'s entry point with its own embedded Postgres and moto, as a user runs it. */
function start(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    env: { ...process.env, DATABASE_URL: '', AWS_ENDPOINT_URL: '', POWERTOOLS_LOG_LEVEL: 'ERROR', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within 60 s:\n${text}`)), 60_000);
    const poll = setInterval(() => {
      if (!text.includes('[pulp] ready in')) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ child, output: () => text });
    }, 100);
    child.on('exit', (code) => reject(new Error(`exited early (${code}):\n${text}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('npm start (the embedded default)', () => {
  let dataDir: string;
  let port: number;
  const auth = `Basic ${Buffer.from('admin:start-test-pw').toString('base64')}`;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'npm-start-'));
    // As root, Postgres runs as the postgres user, which must be able to enter the folder.
    await chmod(dataDir, 0o755);
    port = await freePort();
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves status with a connected database and one online worker, and keeps rows and artifacts across restarts', async () => {
    // Prepare
    const env = { PULP_PORT: String(port), PULP_DATA_DIR: dataDir, PULP_ADMIN_PASSWORD: 'start-test-pw' };
    const base = `http://127.0.0.1:${port}`;
    const first = await start(env);
    // Act
    const status = (await (await fetch(`${base}/pulp/api/v3/status/`)).json()) as Record<string, any>;
    const head = await fetch(`${base}/pulp/content/`, { method: 'HEAD' });
    const anonymous = await fetch(`${base}/pulp/api/v3/tasks/`);
    const created = await fetch(`${base}/pulp/api/v3/repositories/file/file/`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'survives-restart' }),
    });
    const bytes = Buffer.from(`artifact bytes ${Date.now()}`);
    const digest = createHash('sha256').update(bytes).digest('hex');
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'a.txt');
    const artifact = await fetch(`${base}/pulp/api/v3/artifacts/`, { method: 'POST', headers: { authorization: auth }, body: form });
    const firstExit = await stop(first.child);
    const second = await start(env);
    const found = (await (await fetch(`${base}/pulp/api/v3/repositories/file/file/?name=survives-restart`, { headers: { authorization: auth } })).json()) as { count: number };
    // Artifact bytes need a signature: made with the keys npm start keeps in its data dir.
    const keys = parseSigningDocument(JSON.stringify(JSON.parse(await readFile(path.join(dataDir, 'keys.json'), 'utf8')).signing)).artifacts!;
    const artifactUrl = `${base}/artifacts/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`;
    const unsigned = await fetch(artifactUrl);
    const stored = await fetch(signUrl(artifactUrl, keys.current, Math.floor(Date.now() / 1000) + 60));
    const storedBytes = Buffer.from(await stored.arrayBuffer());
    const secondExit = await stop(second.child);
    // Assess
    expect(status.database_connection).toEqual({ connected: true });
    expect(status.online_workers).toHaveLength(1);
    expect(status.online_api_apps).toHaveLength(1);
    expect(status.online_content_apps).toHaveLength(1);
    expect(head.status).toBe(200);
    expect(anonymous.status).toBe(401);
    expect(created.status).toBe(201);
    expect(found.count).toBe(1);
    expect(artifact.status).toBe(201);
    expect(unsigned.status).toBe(403);
    expect(stored.status).toBe(200);
    expect(storedBytes.equals(bytes)).toBe(true);
    expect([firstExit, secondExit]).toEqual([0, 0]);
    expect(second.output()).not.toContain('applied migrations');
  });
});
