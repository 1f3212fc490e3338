import type { TaskError } from './task';

/**
 * The most each field of a stored task error keeps. A task list page holds up to 1,000 tasks
 * and a Lambda response stops at 6 MB, so an error must stay a few KB whatever failed.
 */
export const TASK_ERROR_LIMITS = { description: 2048, reason: 2048, traceback: 4096 } as const;

const TRUNCATED = ' … [truncated]';
/** Controls other than tab and newline: NUL is refused by jsonb, the rest garble logs and terminals. */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
/** Halves of a surrogate pair standing alone: jsonb refuses them too. */
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** `scheme://user:password@`: the credentials part goes, the URL stays. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;
/**
 * An absolute file path (optionally a file:// URL) in a stack frame. It starts after a space,
 * a parenthesis or a quote, so the path part of an http URL is left alone.
 */
const FILE_PATHS = /(?<=^|[\s('"])(?:file:\/\/)?\/(?:[^\s/():'"]+\/)+(?=[^\s/():'"]+)/gm;

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - TRUNCATED.length)}${TRUNCATED}`;
}

/**
 * Makes a text safe to store and show: well-formed Unicode without controls (so jsonb takes
 * it), no URL credentials, at most `limit` characters.
 */
export function sanitizeText(text: string, limit: number): string {
  // Cut first: a 10 MB message is not worth scanning whole.
  const head = text.length > limit * 2 ? text.slice(0, limit * 2) : text;
  const clean = head.replace(LONE_SURROGATES, '\uFFFD').replace(CONTROLS, '').replace(URL_CREDENTIALS, '$1');
  return cut(head === text ? clean : `${clean}${TRUNCATED}`, limit);
}

/** A stack trace without the server's directories: frames keep file name, line and column. */
export function sanitizeTraceback(stack: string): string {
  return cut(sanitizeText(stack, TASK_ERROR_LIMITS.traceback * 2).replace(FILE_PATHS, ''), TASK_ERROR_LIMITS.traceback);
}

/** Applies the limits to an error about to be stored, keeping Pulp's shape. */
export function sanitizeTaskError(error: TaskError): TaskError {
  const out: TaskError = {};
  if (error.description !== undefined) out.description = sanitizeText(error.description, TASK_ERROR_LIMITS.description);
  if (error.traceback !== undefined) out.traceback = sanitizeTraceback(error.traceback);
  if (error.reason !== undefined) out.reason = sanitizeText(error.reason, TASK_ERROR_LIMITS.reason);
  return out;
}

/**
 * Pulp's `{description, traceback}` for an exception a task function threw. A Node system
 * error names the file it failed on (`err.path`): only the file's name is kept.
 */
export function taskErrorFrom(err: unknown): TaskError {
  const error = err instanceof Error ? err : new Error(String(err));
  let description = error.message;
  const path = (error as { path?: unknown }).path;
  if (typeof path === 'string' && path.startsWith('/')) {
    description = description.split(path).join(path.slice(path.lastIndexOf('/') + 1));
  }
  return sanitizeTaskError({ description, traceback: error.stack ?? '' });
}
