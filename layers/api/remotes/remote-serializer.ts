import type { App } from '../../app/app';
import { HIDDEN_REMOTE_FIELDS, type Remote } from '../../core/models/remote';
import { extraForResponse } from '../common/extra-fields';

/** A remote as Pulp shows it: secrets only as `hidden_fields: [{name, is_set}]`. */
export function serializeRemote(app: App, remote: Remote): Record<string, unknown> {
  const type = app.types.remotes.find(remote.pulpType);
  return {
    pulp_href: app.hrefs.remote(remote.pulpType, remote.id),
    prn: app.hrefs.prn('remotes', remote.pulpType, remote.id),
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
    ...(type ? extraForResponse(type.definition.fields, remote.extra) : {}),
  };
}
