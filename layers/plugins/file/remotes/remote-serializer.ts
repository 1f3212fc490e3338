import { HIDDEN_REMOTE_FIELDS, remoteHref, remotePrn, type Remote } from './remote';

/** The FileRemote response body: secrets only as `hidden_fields: [{name, is_set}]`. */
export function serializeRemote(remote: Remote): Record<string, unknown> {
  return {
    pulp_href: remoteHref(remote.id),
    prn: remotePrn(remote.id),
    pulp_created: remote.pulpCreated,
    pulp_last_updated: remote.pulpLastUpdated,
    name: remote.name,
    url: remote.url,
    ca_cert: remote.ca_cert,
    client_cert: remote.client_cert,
    tls_validation: remote.tls_validation,
    proxy_url: remote.proxy_url,
    pulp_labels: remote.pulp_labels,
    download_concurrency: remote.download_concurrency,
    max_retries: remote.max_retries,
    policy: remote.policy,
    total_timeout: remote.total_timeout,
    connect_timeout: remote.connect_timeout,
    sock_connect_timeout: remote.sock_connect_timeout,
    sock_read_timeout: remote.sock_read_timeout,
    headers: remote.headers ?? [],
    rate_limit: remote.rate_limit,
    hidden_fields: HIDDEN_REMOTE_FIELDS.map((name) => ({ name, is_set: remote[name] !== null && remote[name] !== '' })),
  };
}
