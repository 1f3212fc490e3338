import type { BodyContentType, UploadedFile } from './route';
import { badRequest, nonFieldError, unsupportedMediaType } from './errors';
import { decodeQueryPairs } from './query';
import { MultipartError, parseHeaderParams, parseMultipart, splitMultipart } from './multipart';
import { pythonTypeName } from './schema/validate';

export interface ParsedBody {
  /** The media type actually received; undefined for an empty body. */
  mediaType?: BodyContentType;
  fields: Record<string, unknown>;
  files: Record<string, UploadedFile>;
}

export interface RawBody {
  body?: string | null;
  isBase64Encoded?: boolean;
  contentType?: string;
}

function parseJson(text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw badRequest(`JSON parse error - ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    // DRF serializers want a dictionary at the top level.
    throw nonFieldError(`Invalid data. Expected a dictionary, but got ${pythonTypeName(data)}.`);
  }
  return data as Record<string, unknown>;
}

function parseUrlencoded(text: string): Record<string, string | string[]> {
  // No prototype: a `__proto__` key stays a (refused) field instead of setting the prototype.
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of decodeQueryPairs(text)) {
    const existing = fields[key];
    if (existing === undefined) fields[key] = value;
    else fields[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}

/**
 * Parses an API Gateway v2 body by its Content-Type. An empty body is `{}` whatever the type;
 * anything but JSON, urlencoded and multipart is 415.
 */
export function parseBody(raw: RawBody): ParsedBody {
  const buffer = raw.body
    ? Buffer.from(raw.body, raw.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  if (buffer.length === 0) return { fields: {}, files: {} };

  const { value: mediaType, params } = parseHeaderParams(raw.contentType ?? '');
  switch (mediaType) {
    case 'application/json':
      return { mediaType, fields: parseJson(buffer.toString('utf8')), files: {} };
    case 'application/x-www-form-urlencoded':
      return { mediaType, fields: parseUrlencoded(buffer.toString('utf8')), files: {} };
    case 'multipart/form-data': {
      try {
        const { fields, files } = splitMultipart(parseMultipart(buffer, params['boundary'] ?? ''));
        return { mediaType, fields, files };
      } catch (error) {
        if (error instanceof MultipartError) throw badRequest(`Multipart form parse error - ${error.message}`);
        throw error;
      }
    }
    default:
      throw unsupportedMediaType(raw.contentType ?? '');
  }
}
