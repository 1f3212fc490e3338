import { MAX_JSON_BYTES, MAX_JSON_DEPTH } from './limits';
import { textProblem } from './text-rules';

export const DEPTH_ERROR = `Ensure this value is nested no more than ${MAX_JSON_DEPTH} levels deep.`;
export const JSON_SIZE_ERROR = `Ensure this value is no larger than ${MAX_JSON_BYTES} bytes as JSON.`;

/**
 * The first problem of a JSON value (too deep, a bad string or key anywhere, too large), or
 * undefined. Iterative, so a hostile depth cannot exhaust the stack.
 */
export function jsonProblem(value: unknown, multiline = false): string | undefined {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length) {
    const [item, depth] = pending.pop()!;
    if (typeof item === 'string') {
      const problem = textProblem(item, multiline);
      if (problem) return problem;
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= MAX_JSON_DEPTH) return DEPTH_ERROR;
    if (Array.isArray(item)) {
      for (const element of item) pending.push([element, depth + 1]);
      continue;
    }
    for (const [key, element] of Object.entries(item)) {
      const problem = textProblem(key);
      if (problem) return problem;
      pending.push([element, depth + 1]);
    }
  }
  return Buffer.byteLength(JSON.stringify(value) ?? '') > MAX_JSON_BYTES ? JSON_SIZE_ERROR : undefined;
}
