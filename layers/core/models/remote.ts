/** Pulp's download policies: fetch now, fetch on first request and keep, or pass through. */
export const REMOTE_POLICIES = ['immediate', 'on_demand', 'streamed'] as const;
export type RemotePolicy = (typeof REMOTE_POLICIES)[number];

/** The settable attributes every remote has, named as the API and the table name them. */
export interface RemoteAttributes {
  name: string;
  url: string;
  policy: RemotePolicy;
  pulp_labels: Record<string, string>;
  headers: Array<Record<string, string>> | null;
  ca_cert: string | null;
  client_cert: string | null;
  client_key: string | null;
  tls_validation: boolean;
  proxy_url: string | null;
  proxy_username: string | null;
  proxy_password: string | null;
  username: string | null;
  password: string | null;
  max_retries: number | null;
  total_timeout: number | null;
  connect_timeout: number | null;
  sock_connect_timeout: number | null;
  sock_read_timeout: number | null;
  download_concurrency: number | null;
  rate_limit: number | null;
}

/** Secrets: accepted on write, never returned, only reported in `hidden_fields`. */
export const HIDDEN_REMOTE_FIELDS = ['client_key', 'proxy_username', 'proxy_password', 'username', 'password'] as const;

export interface Remote extends RemoteAttributes {
  id: string;
  pulpType: string;
  /** Fields the remote's plugin declares (includes, excludes, ...). */
  extra: Record<string, unknown>;
  pulpCreated: string;
  pulpLastUpdated: string;
}
