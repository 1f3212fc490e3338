/** One step of a jq path: an object key or an array index. */
type Step = string | number;

/**
 * The part of jq a header guard's `jq_filter` uses: a path such as `.internal.organization_id`,
 * `.a[0]`, `.["key with spaces"]`. Undefined for anything else (pipes, functions...).
 */
export function parseJqPath(filter: string): Step[] | undefined {
  const text = filter.trim();
  if (text === '.') return [];
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '.' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))!;
      steps.push(m[0]);
      i += 1 + m[0].length;
    } else if (text.startsWith('.[', i) || text[i] === '[') {
      const start = text[i] === '.' ? i + 2 : i + 1;
      const m = /^(?:(\d+)|"((?:[^"\\]|\\.)*)")\]/.exec(text.slice(start));
      if (!m) return undefined;
      steps.push(m[1] !== undefined ? Number(m[1]) : (JSON.parse(`"${m[2]}"`) as string));
      i = start + m[0].length;
    } else if (text[i] === '.' && text[i + 1] === '"') {
      const m = /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(i + 1));
      if (!m) return undefined;
      steps.push(JSON.parse(`"${m[1]}"`) as string);
      i += 1 + m[0].length;
    } else return undefined;
  }
  return steps;
}

/** The value at the path, or undefined when the document has nothing there. */
export function followJqPath(document: unknown, steps: readonly Step[]): unknown {
  let value: unknown = document;
  for (const step of steps) {
    if (typeof step === 'number') value = Array.isArray(value) ? value[step] : undefined;
    else value = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[step] : undefined;
    if (value === undefined) return undefined;
  }
  return value;
}
