import type { AppKind, WorkerRecord, WorkerRegistry } from '../workers/worker-registry';
import type { ComponentVersion } from './versions';

export interface AppStatus {
  name: string;
  last_heartbeat: string;
  versions: Record<string, string>;
}

export interface Status {
  versions: ComponentVersion[];
  online_workers: (AppStatus & { pulp_href: string; prn: string; pulp_created: string; current_task: null })[];
  online_api_apps: AppStatus[];
  online_content_apps: AppStatus[];
  database_connection: { connected: boolean };
  redis_connection: { connected: boolean };
  storage: { total: number | null; used: number | null; free: number | null } | null;
  content_settings: { content_origin: string | null; content_path_prefix: string };
  domain_enabled: boolean;
}

export interface StatusDeps {
  workers: WorkerRegistry;
  databaseConnected(): Promise<boolean>;
  contentOrigin: string | null;
  contentPathPrefix: string;
  ttlSeconds: number;
  components: ComponentVersion[];
}

/** Pulp's `GET status/`: a degraded database still answers 200, with `connected: false`. */
export class StatusService {
  constructor(private readonly deps: StatusDeps) {}

  async status(): Promise<Status> {
    const connected = await this.deps.databaseConnected();
    const online = async (kind: AppKind): Promise<WorkerRecord[]> =>
      connected ? this.deps.workers.online(kind, this.deps.ttlSeconds).catch(() => []) : [];
    const [workers, apis, contents] = await Promise.all([online('worker'), online('api'), online('content')]);
    const app = (w: WorkerRecord): AppStatus => ({ name: w.name, last_heartbeat: w.lastHeartbeat, versions: w.versions });
    return {
      versions: this.deps.components,
      online_workers: workers.map((w) => ({
        ...app(w),
        pulp_href: `/pulp/api/v3/workers/${w.id}/`,
        prn: `prn:core.worker:${w.id}`,
        pulp_created: w.pulpCreated,
        current_task: null,
      })),
      online_api_apps: apis.map(app),
      online_content_apps: contents.map(app),
      database_connection: { connected },
      redis_connection: { connected: false },
      // Object storage has no meaningful capacity figure; Pulp reports null for it too.
      storage: null,
      content_settings: { content_origin: this.deps.contentOrigin, content_path_prefix: this.deps.contentPathPrefix },
      domain_enabled: false,
    };
  }
}
