/** How to reach a remote: Pulp's remote fields, in the units the downloader uses. */
export interface DownloadOptions {
  /** Extra request headers (Pulp's `headers: [{name: value}]`, flattened). */
  headers: Record<string, string>;
  username?: string | null;
  password?: string | null;
  /** false accepts any server certificate (Pulp's `tls_validation`). */
  tlsValidation: boolean;
  /** PEM: trusted CA(s), client certificate and key. */
  caCert?: string | null;
  clientCert?: string | null;
  clientKey?: string | null;
  proxyUrl?: string | null;
  proxyUsername?: string | null;
  proxyPassword?: string | null;
  /** Retries after the first attempt, for network errors, 429 and 5xx. */
  maxRetries: number;
  /** Whole attempt, connection to last byte. */
  totalTimeoutMs: number;
  connectTimeoutMs: number;
  /** Longest silence while reading. */
  sockReadTimeoutMs: number;
  /** Requests per second, or undefined for no limit. */
  rateLimit?: number | null;
}

/** aiohttp's defaults as Pulp uses them: 5 minutes total, 30 s to connect, 3 retries. */
/** Pulp's default download_concurrency: downloads a sync has at once when its remote does not say. */
export const DEFAULT_DOWNLOAD_CONCURRENCY = 10;

export const DEFAULT_DOWNLOAD_OPTIONS: DownloadOptions = {
  headers: {},
  tlsValidation: true,
  maxRetries: 3,
  totalTimeoutMs: 300_000,
  connectTimeoutMs: 30_000,
  sockReadTimeoutMs: 300_000,
};
