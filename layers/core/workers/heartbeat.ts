import type { AppKind, WorkerRegistry } from './worker-registry';

/**
 * Heartbeats on use rather than on a timer: a Lambda environment is frozen between
 * invocations, so it beats when it works, at most every TTL/3 (Pulp's rhythm).
 */
export class Heartbeat {
  private last = 0;

  constructor(
    private readonly registry: WorkerRegistry,
    readonly name: string,
    private readonly kind: AppKind,
    private readonly versions: Record<string, string>,
    private readonly ttlSeconds: number,
  ) {}

  async beat(force = false): Promise<void> {
    const now = Date.now();
    if (!force && now - this.last < (this.ttlSeconds * 1000) / 3) return;
    this.last = now;
    await this.registry.heartbeat(this.name, this.kind, this.versions);
  }
}
