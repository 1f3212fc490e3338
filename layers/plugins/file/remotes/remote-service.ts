import { newId } from '../../../core/ids';
import { FILE_REMOTE_TYPE, type Remote, type RemoteAttributes } from './remote';
import type { RemoteStore } from './remote-store';

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
    let scheme: string | undefined;
    try {
      scheme = new URL(values.url).protocol;
    } catch {
      problems.url = ['Enter a valid URL.'];
    }
    if (scheme && scheme !== 'http:' && scheme !== 'https:') problems.url = ['Only http:// and https:// URLs are supported.'];
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
  constructor(readonly store: RemoteStore) {}

  create(values: Partial<RemoteAttributes> & Pick<RemoteAttributes, 'name' | 'url'>): Promise<Remote> {
    const attributes = { ...DEFAULTS, ...values } as RemoteAttributes;
    return this.store.insert(newId(), FILE_REMOTE_TYPE, attributes);
  }

  /** The fields of `patch` whose values differ from the remote's. */
  changes(remote: Remote, patch: Partial<RemoteAttributes>): Partial<RemoteAttributes> {
    const out: Partial<RemoteAttributes> = {};
    for (const [key, value] of Object.entries(patch) as Array<[keyof RemoteAttributes, unknown]>) {
      if (JSON.stringify(remote[key]) !== JSON.stringify(value)) (out as Record<string, unknown>)[key] = value;
    }
    return out;
  }
}
