import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startBalancer, type Balancer } from '../../../local/balancer';
import { freePort } from '../../../local/free-port';

interface Backend {
  url: string;
  server: Server;
  hits: string[];
}

/** A backend that answers with its name and the request it got; `die` makes it drop the connection. */
async function backend(name: string, port = 0, behaviour: 'answer' | 'die' = 'answer'): Promise<Backend> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push(`${req.method} ${req.url}`);
      if (behaviour === 'die') return req.socket.destroy();
      res.writeHead(201, { 'content-type': 'text/plain', 'x-backend': name }).end(`${name}:${Buffer.concat(chunks).toString()}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, hits };
}

describe('the loopback balancer', () => {
  const closers: Array<() => Promise<void>> = [];
  const start = async (backends: string[]): Promise<Balancer> => {
    const balancer = await startBalancer({ host: '127.0.0.1', port: 0, backends, log: () => undefined });
    closers.push(() => balancer.close());
    return balancer;
  };
  const serve = async (...args: Parameters<typeof backend>): Promise<Backend> => {
    const b = await backend(...args);
    closers.push(() => new Promise((resolve) => b.server.close(() => resolve())));
    b.server.on('connection', (socket) => closers.push(async () => void socket.destroy()));
    return b;
  };

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('sends requests to each backend in turn, passing method, path, body, status and headers', async () => {
    // Prepare
    const [a, b] = [await serve('a'), await serve('b')];
    const balancer = await start([a.url, b.url]);
    // Act
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${balancer.url}/x?i=${i}`, { method: 'POST', body: `body${i}` });
      answers.push([res.status, res.headers.get('x-backend'), await res.text()]);
    }
    // Assess
    expect(answers.map(([status]) => status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map(([, name]) => name))).toEqual(new Set(['a', 'b']));
    expect(a.hits.length + b.hits.length).toBe(4);
    expect(answers.map(([, name, text]) => (text as string).startsWith(`${name}:body`))).toEqual([true, true, true, true]);
  });

  it('sends a request a backend refused (a restarting process) to another one', async () => {
    // Prepare: one backend's port has nothing listening
    const live = await serve('live');
    const balancer = await start([`http://127.0.0.1:${await freePort()}`, live.url]);
    // Act
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${balancer.url}/`, { method: 'POST', body: 'x' })).status);
    // Assess
    expect(statuses).toEqual([201, 201, 201, 201]);
    expect(live.hits).toHaveLength(4);
  });

  it('waits for a backend to come back when every one refuses', async () => {
    // Prepare
    const port = await freePort();
    const balancer = await start([`http://127.0.0.1:${port}`]);
    // Act
    const pending = fetch(`${balancer.url}/later`);
    await new Promise((r) => setTimeout(r, 300));
    const late = await serve('late', port);
    const res = await pending;
    // Assess
    expect(res.status).toBe(201);
    expect(late.hits).toEqual(['GET /later']);
  });

  it.each([
    { method: 'POST', status: 502, hits: 1 },
    { method: 'PATCH', status: 502, hits: 1 },
  ])('answers 502 without repeating a $method the backend received and then died on', async ({ method, status, hits }) => {
    // Prepare
    const dying = await serve('dying', 0, 'die');
    const balancer = await start([dying.url]);
    // Act
    const res = await fetch(`${balancer.url}/write`, { method, body: 'once' });
    await res.arrayBuffer();
    // Assess
    expect(res.status).toBe(status);
    expect(dying.hits).toHaveLength(hits);
  });
});
