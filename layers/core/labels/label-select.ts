/**
 * Pulp's `pulp_label_select`: a comma-separated AND of `k`, `!k`, `k=v`, `k!=v`, `k~substr`.
 * Parsed here once; adapters turn the terms into their query language.
 */
export type LabelTerm =
  | { op: 'exists'; key: string }
  | { op: 'absent'; key: string }
  | { op: 'equals'; key: string; value: string }
  | { op: 'differs'; key: string; value: string }
  | { op: 'contains'; key: string; value: string };

export class LabelSelectError extends Error {}

const KEY = /^[\w ./:-]+$/;

function parseTerm(raw: string): LabelTerm {
  const term = raw.trim();
  const checkKey = (key: string): string => {
    const k = key.trim();
    if (!KEY.test(k)) throw new LabelSelectError(`Invalid search term: '${term}'.`);
    return k;
  };
  const ne = term.indexOf('!=');
  if (ne > 0) return { op: 'differs', key: checkKey(term.slice(0, ne)), value: term.slice(ne + 2).trim() };
  const eq = term.indexOf('=');
  if (eq > 0) return { op: 'equals', key: checkKey(term.slice(0, eq)), value: term.slice(eq + 1).trim() };
  const tilde = term.indexOf('~');
  if (tilde > 0) return { op: 'contains', key: checkKey(term.slice(0, tilde)), value: term.slice(tilde + 1).trim() };
  if (term.startsWith('!')) return { op: 'absent', key: checkKey(term.slice(1)) };
  return { op: 'exists', key: checkKey(term) };
}

/** Parses a selector; throws LabelSelectError on an empty or malformed term. */
export function parseLabelSelect(selector: string): LabelTerm[] {
  return selector.split(',').map(parseTerm);
}

/** Evaluates terms against one label set (tests, in-memory filtering). */
export function matchesLabels(labels: Record<string, string>, terms: LabelTerm[]): boolean {
  return terms.every((t) => {
    const has = Object.hasOwn(labels, t.key);
    const value = labels[t.key];
    switch (t.op) {
      case 'exists':
        return has;
      case 'absent':
        return !has;
      case 'equals':
        return has && value === t.value;
      case 'differs':
        return has && value !== t.value;
      case 'contains':
        return has && (value ?? '').toLowerCase().includes(t.value.toLowerCase());
      default:
        return false;
    }
  });
}
