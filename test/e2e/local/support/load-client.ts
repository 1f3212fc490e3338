import type { ApiClient } from '../../../support/api-client';

export interface RequestFigures {
  requests: number;
  succeeded: number;
  failed: number;
  /** Repeats of idempotent requests after a network error or 502/503/504. */
  retries: number;
  byKind: Record<string, { requests: number; failed: number }>;
  /** The first failures, for the report. */
  failures: string[];
}

const IDEMPOTENT = new Set(['GET', 'HEAD']);
const RETRYABLE = new Set([502, 503, 504]);
const MAX_ATTEMPTS = 4;
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Sends the load's requests and counts them. Only idempotent requests are retried, and only
 * on a network error or a gateway answer (502/503/504), as browsers, pip and HTTP libraries
 * do; a write that fails is counted failed, never repeated.
 */
export class LoadClient {
  readonly figures: RequestFigures = { requests: 0, succeeded: 0, failed: 0, retries: 0, byKind: {}, failures: [] };

  constructor(private readonly api: ApiClient) {}

  /**
   * One logical request; `expected` are the statuses that count as success. Returns the
   * response (body read) or undefined when it failed.
   */
  async send(
    kind: string,
    path: string,
    init: { method?: string; body?: unknown; form?: FormData; auth?: boolean },
    expected: number[],
  ): Promise<{ status: number; json: any; bytes: Buffer } | undefined> {
    const method = init.method ?? 'GET';
    const counts = this.figures.byKind[kind] ?? { requests: 0, failed: 0 };
    this.figures.byKind[kind] = counts;
    this.figures.requests++;
    counts.requests++;
    let problem = '';
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) {
        this.figures.retries++;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
      try {
        const res = await fetch(new URL(path, this.api.url), {
          method,
          headers: {
            ...(init.auth === false ? {} : { authorization: this.api.auth }),
            ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: init.form ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const bytes = Buffer.from(await res.arrayBuffer());
        if (expected.includes(res.status)) {
          this.figures.succeeded++;
          const isJson = (res.headers.get('content-type') ?? '').includes('json');
          return { status: res.status, json: isJson ? JSON.parse(bytes.toString()) : undefined, bytes };
        }
        problem = `${res.status} ${bytes.toString().slice(0, 200)}`;
        if (!(IDEMPOTENT.has(method) && RETRYABLE.has(res.status))) break;
      } catch (error) {
        problem = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        if (!IDEMPOTENT.has(method)) break;
      }
    }
    this.figures.failed++;
    counts.failed++;
    if (this.figures.failures.length < 50) this.figures.failures.push(`${kind} ${method} ${path}: ${problem}`);
    return undefined;
  }
}
