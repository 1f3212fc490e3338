import { newId } from '../ids';
import type { Remote, RemoteAttributes } from '../models/remote';
import type { RemoteStore, RemoteValues } from '../ports/remote-store';

/** What an empty field of a new remote means (Pulp's model defaults). */
const DEFAULTS: Omit<RemoteAttributes, 'name' | 'url'> = {
  policy: 'immediate',
  pulp_labels: {},
  headers: null,
  ca_cert: null,
  client_cert: null,
  client_key: null,
  tls_validation: true,
  proxy_url: null,
  proxy_username: null,
  proxy_password: null,
  username: null,
  password: null,
  max_retries: null,
  total_timeout: null,
  connect_timeout: null,
  sock_connect_timeout: null,
  sock_read_timeout: null,
  download_concurrency: null,
  rate_limit: null,
};

/** Field-level problems a remote's values can have, as Pulp's 400 body lists them. */
export function remoteProblems(values: Partial<RemoteAttributes>): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (values.url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(values.url);
    } catch {
      problems.url = ['Enter a valid URL.'];
    }
    // The URL parser forgives leading spaces and drops tabs and newlines; a stored URL with
    // them would be shown (and logged) as something other than what is fetched.
    if (/[\s\u0000-\u001f\u007f]/.test(values.url)) problems.url = ['Enter a valid URL: no whitespace or control characters.'];
    else if (parsed && parsed.protocol !== 'http:' && parsed.protocol !== 'https:') problems.url = ['Only http:// and https:// URLs are supported.'];
    // Every read of a remote returns its url: credentials belong in the write-only fields.
    else if (parsed && (parsed.username || parsed.password))
      problems.url = ['The URL must not contain credentials: set username and password instead.'];
  }
  if (values.proxy_url) {
    try {
      new URL(values.proxy_url);
    } catch {
      problems.proxy_url = ['Enter a valid URL.'];
    }
    // As pulpcore: credentials go in the hidden proxy_username/proxy_password, since
    // proxy_url itself is returned by every read of the remote.
    if (values.proxy_url.includes('@')) problems.proxy_url = ['proxy_url must not contain credentials'];
  }
  if (values.headers) {
    const bad = values.headers.some(
      (h) => typeof h !== 'object' || h === null || Array.isArray(h) || Object.values(h).some((v) => typeof v !== 'string'),
    );
    if (bad) problems.headers = ['Each header must be an object of name: value strings, e.g. [{"X-Token": "abc"}].'];
  }
  return problems;
}

/** Remotes: create now (Pulp answers 201), change and delete in tasks. */
export class RemoteService {
  constructor(private readonly store: RemoteStore) {}

  get(id: string): Promise<Remote | undefined> {
    return this.store.get(id);
  }

  nameTaken(name: string, exceptId?: string): Promise<boolean> {
    return this.store.nameTaken(name, exceptId);
  }

  /** A new remote of `pulpType`: absent fields take Pulp's defaults, the policy the type's. */
  create(
    pulpType: string,
    values: Partial<RemoteAttributes> & Pick<RemoteAttributes, 'name' | 'url'> & { extra: Record<string, unknown> },
  ): Promise<Remote> {
    return this.store.insert(newId(), pulpType, { ...DEFAULTS, ...values } as RemoteValues);
  }

  update(id: string, changes: Partial<RemoteValues>): Promise<Remote | undefined> {
    return this.store.update(id, changes);
  }

  delete(id: string): Promise<boolean> {
    return this.store.delete(id);
  }

  /** The fields of `patch` whose values differ from the remote's (extra fields compared one by one). */
  changes(remote: Remote, patch: Partial<RemoteValues>): Partial<RemoteValues> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'extra') {
        const extra = value as Record<string, unknown>;
        const changed = Object.keys(extra).some((k) => JSON.stringify(remote.extra[k]) !== JSON.stringify(extra[k]));
        if (changed) out.extra = { ...remote.extra, ...extra };
      } else if (JSON.stringify(remote[key as keyof RemoteAttributes]) !== JSON.stringify(value)) out[key] = value;
    }
    return out as Partial<RemoteValues>;
  }
}
