/** A JSON answer from the REST API. */
export interface ApiAnswer {
  status: number;
  json: Record<string, any>;
}

export type AuthMode = 'basic' | 'session';

const DONE = new Set(['completed', 'failed', 'canceled', 'skipped']);

/**
 * The Pulp REST API as pulp-cli talks to it: JSON bodies, Basic auth or a session login
 * (`/pulp/api/v3/login/`, then the session cookie and Django's CSRF token on writes).
 */
export class PulpClient {
  private cookie = '';
  private csrf = '';

  constructor(
    readonly baseUrl: string,
    private readonly username: string,
    private readonly password: string,
    readonly auth: AuthMode,
  ) {}

  private get basic(): string {
    return `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
  }

  /** Logs in when this client uses a session; returns this for chaining. */
  async login(): Promise<this> {
    if (this.auth !== 'session') return this;
    const res = await fetch(new URL('/pulp/api/v3/login/', this.baseUrl), { method: 'POST', headers: { authorization: this.basic } });
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`login: HTTP ${res.status}`);
    const jar = new Map(res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
    this.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    this.csrf = jar.get('csrftoken') ?? '';
    return this;
  }

  async call(p: string, method = 'GET', body?: unknown): Promise<ApiAnswer> {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (this.auth === 'basic') headers.authorization = this.basic;
    else {
      headers.cookie = this.cookie;
      if (method !== 'GET') headers['x-csrftoken'] = this.csrf;
    }
    const res = await fetch(new URL(p, this.baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
  }

  /** Like call, but an unexpected status is an error that shows the answer. */
  async expect(status: number | number[], p: string, method = 'GET', body?: unknown): Promise<ApiAnswer> {
    const answer = await this.call(p, method, body);
    if (![status].flat().includes(answer.status)) {
      throw new Error(`${method} ${p}: HTTP ${answer.status} ${JSON.stringify(answer.json).slice(0, 500)}`);
    }
    return answer;
  }

  /** Polls a task until it ends (20 ms at first, backing off to 250 ms); fails unless completed. */
  async waitTask(href: string, timeoutMs: number): Promise<Record<string, any>> {
    const deadline = Date.now() + timeoutMs;
    let delay = 20;
    for (;;) {
      const task = (await this.expect(200, href)).json;
      if (DONE.has(task.state)) {
        if (task.state !== 'completed') throw new Error(`task ${href} ${task.state}: ${JSON.stringify(task.error)}`);
        return task;
      }
      if (Date.now() > deadline) throw new Error(`task ${href} still ${task.state} after ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(250, delay * 2);
    }
  }

  /**
   * A call that may run as a task (202) or answer at once (200/201): the created or updated
   * object's href either way, after the task completed.
   */
  async maybeTask(p: string, method: string, body: unknown, timeoutMs: number): Promise<string | undefined> {
    const answer = await this.expect([200, 201, 202], p, method, body);
    if (answer.status !== 202) return answer.json.pulp_href as string | undefined;
    const task = await this.waitTask(answer.json.task, timeoutMs);
    return (task.created_resources as string[] | undefined)?.[0];
  }
}
