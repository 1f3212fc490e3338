import { isSafeRelativePath } from '../../core/content/relative-path';
import type { TextFormat } from './fields';

export const PATH_ERROR =
  'Enter a relative path without empty, ".", ".." or percent-encoded dot segments, backslashes or control characters.';
export const URL_ERROR = 'Enter a valid URL.';
export const URL_SCHEME_ERROR = 'Only http:// and https:// URLs are supported.';
export const URL_SPACE_ERROR = 'Enter a valid URL: no whitespace or control characters.';

function urlProblem(text: string): string | undefined {
  // The URL parser forgives and rewrites spaces, tabs and newlines: what is stored must be what is fetched.
  if (/\s/.test(text)) return URL_SPACE_ERROR;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return URL_ERROR;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return URL_SCHEME_ERROR;
  return url.hostname === '' ? URL_ERROR : undefined;
}

/** What is wrong with a text for its declared format, or undefined. */
export function formatProblem(format: TextFormat, text: string): string | undefined {
  switch (format) {
    case 'path':
      return isSafeRelativePath(text) ? undefined : PATH_ERROR;
    case 'url':
      return urlProblem(text);
  }
}
