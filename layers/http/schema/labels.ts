import { LABEL_LIMITS } from './limits';
import { excerpt, textProblem } from './text-rules';

/** Pulp's label keys: alphanumerics (any script), underscores, spaces, hyphens and dots. */
const KEY = /^[\p{L}\p{N}_ .-]+$/u;

/** A problem of a label map, and whether it lies in a key, a value or the map's size. */
export interface LabelProblem {
  part: 'key' | 'value' | 'count';
  message: string;
}

function keyProblem(key: string): string | undefined {
  const text = textProblem(key);
  if (text) return text;
  if (key.length > LABEL_LIMITS.keyLength) return `Ensure label keys have no more than ${LABEL_LIMITS.keyLength} characters.`;
  if (!KEY.test(key))
    return `Key '${excerpt(key)}' contains invalid characters. Only alphanumerics, underscores, spaces, hyphens, and dots are allowed.`;
  return undefined;
}

function valueProblem(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return `Key '${excerpt(key)}' has a non-string value.`;
  const text = textProblem(value);
  if (text) return text;
  const { valueLength, valueBytes } = LABEL_LIMITS;
  if (value.length > valueLength || Buffer.byteLength(value) > valueBytes)
    return `Ensure label values have no more than ${valueLength} characters (${valueBytes} bytes as UTF-8).`;
  // Pulp's rule: parentheses would break its label selector syntax.
  if (/[()]/.test(value)) return `Key '${excerpt(key)}' contains value with parenthesis.`;
  return undefined;
}

/** The first problem of a label map (Pulp's key and value rules plus size bounds), or undefined. */
export function labelsProblem(labels: Record<string, unknown>): LabelProblem | undefined {
  const entries = Object.entries(labels);
  if (entries.length > LABEL_LIMITS.count) return { part: 'count', message: `Ensure there are no more than ${LABEL_LIMITS.count} labels.` };
  for (const [key, value] of entries) {
    const onKey = keyProblem(key);
    if (onKey) return { part: 'key', message: onKey };
    const onValue = valueProblem(key, value);
    if (onValue) return { part: 'value', message: onValue };
  }
  return undefined;
}
