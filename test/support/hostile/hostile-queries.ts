import type { QueryParam, Route } from '../../../layers/http/route';
import type { HostileRequest } from './hostile-requests';

/** Query values no parameter of the kind should turn into a 500. */
function hostileQueryValues(param: QueryParam): Array<[string, string]> {
  const common: Array<[string, string]> = [
    ['a NUL', '%00'],
    ['an encoded lone surrogate', '%ED%A0%80'],
    ['a malformed escape', '%E0%A4%A'],
    ['a control character', 'a%01b'],
    ['3,000 3-byte characters', '%E2%82%AC'.repeat(1000)],
  ];
  const kind = param.field.kind === 'array' ? (param.field.items?.kind ?? 'string') : param.field.kind;
  const typed: Array<[string, string]> =
    kind === 'integer' || kind === 'number'
      ? [['beyond 2^64', '99999999999999999999'], ['negative', '-1'], ['1e400', '1e400']]
      : kind === 'dateTime'
        ? [['year 99999', '99999-01-01'], ['February 30th', '2024-02-30']]
        : kind === 'boolean'
          ? [['a word', 'perhaps']]
          : [['a traversal', '../../etc/passwd'], ['an href of nothing', '/pulp/api/v3/nothing/'], ['commas only', ',,,']];
  return [...common, ...typed];
}

/**
 * The hostile queries of one GET route: every declared parameter with bad values (never a
 * 500), and on lists an undeclared parameter (Pulp's 400 "Invalid Filter").
 */
export function hostileQueries(route: Route<unknown>, path: string, isList: boolean): HostileRequest[] {
  const id = `${route.method} ${route.path}`;
  const out: HostileRequest[] = [];
  const get = (label: string, query: string, expect: HostileRequest['expect']) =>
    out.push({ route: id, label, method: 'GET', path: `${path}?${query}`, headers: {}, expect });
  for (const param of route.query ?? []) {
    for (const [label, value] of hostileQueryValues(param)) get(`${param.name}: ${label}`, `${encodeURIComponent(param.name)}=${value}`, 'edge');
  }
  if (isList) {
    get('an undeclared filter', 'bogus=1', 'refused');
    get('an undeclared filter beside declared ones', 'limit=1&offset=0&bogus__in=a,b', 'refused');
    get('a misspelt filter', 'nmae=x', 'refused');
    get('a NUL in a parameter name', 'a%00=1', 'refused');
  }
  get('a huge query', `x=${'y'.repeat(6000)}`, isList ? 'refused' : 'edge');
  return out;
}
