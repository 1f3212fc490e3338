import { createHash } from 'node:crypto';
import { DEFAULT_DOWNLOAD_OPTIONS, type DownloadOptions } from '../download/download-options';
import type { Remote } from '../models/remote';

/** setTimeout fires at once for delays past 2^31-1 ms (about 24.8 days): cap there. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const ms = (seconds: number | null, fallback: number): number =>
  seconds === null ? fallback : Math.min(MAX_TIMER_MS, Math.round(seconds * 1000));

/** A remote's settings in the downloader's terms; null fields take aiohttp's defaults. */
export function remoteDownloadOptions(remote: Remote): DownloadOptions {
  const d = DEFAULT_DOWNLOAD_OPTIONS;
  // connect_timeout covers getting a connection at all, sock_connect the TCP/TLS part: the stricter wins.
  const connects = [remote.connect_timeout, remote.sock_connect_timeout].filter((v): v is number => v !== null);
  return {
    headers: Object.assign({}, ...(remote.headers ?? [])) as Record<string, string>,
    username: remote.username,
    password: remote.password,
    tlsValidation: remote.tls_validation,
    caCert: remote.ca_cert,
    clientCert: remote.client_cert,
    clientKey: remote.client_key,
    proxyUrl: remote.proxy_url,
    proxyUsername: remote.proxy_username,
    proxyPassword: remote.proxy_password,
    maxRetries: remote.max_retries ?? d.maxRetries,
    totalTimeoutMs: ms(remote.total_timeout, d.totalTimeoutMs),
    connectTimeoutMs: connects.length ? ms(Math.min(...connects), d.connectTimeoutMs) : d.connectTimeoutMs,
    sockReadTimeoutMs: ms(remote.sock_read_timeout, d.sockReadTimeoutMs),
    rateLimit: remote.rate_limit,
  };
}

/**
 * A digest of the settings that change what a sync would fetch: a change defeats `optimize`.
 * A digest, not the object, since jsonb does not keep key order.
 */
export function remoteSettingsDigest(remote: Remote): string {
  const settings = {
    id: remote.id,
    url: remote.url,
    policy: remote.policy,
    headers: remote.headers,
    username: remote.username,
    password_set: remote.password !== null,
    tls_validation: remote.tls_validation,
    ca_cert: remote.ca_cert,
    client_cert: remote.client_cert,
    proxy_url: remote.proxy_url,
    extra: remote.extra,
    last_updated: remote.pulpLastUpdated,
  };
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex');
}
