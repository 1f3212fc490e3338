/** A URL without its `user:password@` part, for messages that users and logs see. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** A failed download, with the URL in the message so a task error says what failed. */
export class DownloadError extends Error {
  constructor(
    readonly url: string,
    reason: string,
    /** Worth another attempt: network trouble, 429, 5xx. */
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(`Download of ${redactUrl(url)} failed: ${reason}`);
    this.name = 'DownloadError';
  }
}

/** A body that is not what the manifest promised; retrying will not help. */
export class DigestMismatchError extends Error {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'DigestMismatchError';
  }
}
