import type { FieldErrors } from './schema/validate';

/** An error that becomes an HTTP response with a Pulp-shaped JSON body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}: ${JSON.stringify(body)}`);
    this.name = 'HttpError';
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}

export const notFound = (): HttpError => new HttpError(404, { detail: 'Not found.' });

/** 400 `{field: [messages]}` (or `{field: "Unexpected field"}`). */
export const validationError = (fields: FieldErrors): HttpError => new HttpError(400, fields);

/** 400 with DRF's `non_field_errors`, for rules spanning several fields. */
export const nonFieldError = (...messages: string[]): HttpError =>
  new HttpError(400, { non_field_errors: messages });

export const badRequest = (detail: string): HttpError => new HttpError(400, { detail });

export const conflict = (detail: string): HttpError => new HttpError(409, { detail });

// Basic auth challenge, so curl and browsers know what to send.
const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="api"' };

/**
 * 401. `invalid` tells apart "no credentials" from "wrong credentials"; the latter has one
 * message whether or not the user exists, so it cannot be used to enumerate users.
 */
export const unauthorized = (reason: 'missing' | 'invalid' = 'missing'): HttpError =>
  new HttpError(
    401,
    {
      detail:
        reason === 'missing'
          ? 'Authentication credentials were not provided.'
          : 'Invalid username/password.',
    },
    CHALLENGE,
  );

/** DRF's PermissionDenied. */
export const forbidden = (detail = 'You do not have permission to perform this action.'): HttpError => new HttpError(403, { detail });

/** Too many failed logins: try again after `seconds`. */
export const tooManyRequests = (seconds: number): HttpError =>
  new HttpError(429, { detail: `Request was throttled. Expected available in ${seconds} seconds.` }, { 'Retry-After': String(seconds) });

export const methodNotAllowed = (method: string, allowed: string[] = []): HttpError =>
  new HttpError(
    405,
    { detail: `Method "${method}" not allowed.` },
    allowed.length ? { Allow: allowed.join(', ') } : {},
  );

export const unsupportedMediaType = (mediaType: string): HttpError =>
  new HttpError(415, { detail: `Unsupported media type "${mediaType}" in request.` });

export const internalServerError = (): HttpError =>
  new HttpError(500, { detail: 'Internal server error.' });

/** 503 with Retry-After: a backend stalled or is down; the request changed nothing it reports. */
export const serviceUnavailable = (retryAfterSeconds: number): HttpError =>
  new HttpError(
    503,
    { detail: 'The service is temporarily unavailable. Please retry later.' },
    { 'Retry-After': String(retryAfterSeconds) },
  );
