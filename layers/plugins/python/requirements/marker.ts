// PEP 508 environment markers (`python_version >= "3.8" and sys_platform != "win32"`): parsed
// and validated, kept as a tree and a normalized string. The server never evaluates them; it
// only stores and validates what clients and packages send.

import { PythonClientError } from '../client-error';

export type MarkerOperator = '===' | '==' | '~=' | '!=' | '<=' | '>=' | '<' | '>' | 'in' | 'not in';

export type MarkerValue = { readonly variable: string } | { readonly literal: string };

export type Marker =
  | { readonly kind: 'compare'; readonly left: MarkerValue; readonly op: MarkerOperator; readonly right: MarkerValue }
  | { readonly kind: 'and' | 'or'; readonly left: Marker; readonly right: Marker };

const VARIABLES = new Set([
  'implementation_version',
  'platform_python_implementation',
  'implementation_name',
  'python_full_version',
  'platform_release',
  'platform_version',
  'platform_machine',
  'platform_system',
  'python_version',
  'sys_platform',
  'os_name',
  'extra',
  'extras',
  'dependency_groups',
]);

// Old spellings that packaging still reads, mapped to today's names.
const LEGACY_VARIABLES: Record<string, string> = {
  'os.name': 'os_name',
  'sys.platform': 'sys_platform',
  'platform.version': 'platform_version',
  'platform.machine': 'platform_machine',
  'platform.python_implementation': 'platform_python_implementation',
  python_implementation: 'platform_python_implementation',
};

type Token =
  | { type: 'string'; value: string }
  | { type: 'word'; value: string }
  | { type: 'op'; value: string }
  | { type: '(' | ')' };

const TOKEN = /\s*(?:(?<string>'[^']*'|"[^"]*")|(?<op>===|==|~=|!=|<=|>=|<|>)|(?<paren>[()])|(?<word>[A-Za-z_][A-Za-z0-9_.]*))/y;

export function invalidMarker(text: string, reason: string): PythonClientError {
  return new PythonClientError('invalid-marker', `Invalid marker: '${text}': ${reason}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (text.slice(position).trim() !== '') {
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(text);
    if (!match?.groups) throw invalidMarker(text, `unexpected text at position ${position}`);
    const { string, op, paren, word } = match.groups;
    if (string !== undefined) tokens.push({ type: 'string', value: string.slice(1, -1) });
    else if (op !== undefined) tokens.push({ type: 'op', value: op });
    else if (paren !== undefined) tokens.push({ type: paren as '(' | ')' });
    else tokens.push({ type: 'word', value: word! });
    position = TOKEN.lastIndex;
  }
  return tokens;
}

/** Parses a marker expression; throws a `PythonClientError` ('invalid-marker'). */
export function parseMarker(text: string): Marker {
  const tokens = tokenize(text);
  let index = 0;
  const peek = (): Token | undefined => tokens[index];
  const isWord = (token: Token | undefined, value: string): boolean => token?.type === 'word' && token.value === value;
  // Nesting depth is bounded so hostile input cannot exhaust the stack.
  let depth = 0;

  // `and` binds tighter than `or`; both associate to the left.
  const chain =
    (word: 'and' | 'or', operand: () => Marker) =>
    (): Marker => {
      let left = operand();
      while (isWord(peek(), word)) {
        index++;
        left = { kind: word, left, right: operand() };
      }
      return left;
    };
  const conjunction = chain('and', () => atom());
  const expression = chain('or', conjunction);
  const atom = (): Marker => {
    if (peek()?.type === '(') {
      if (++depth > 32) throw invalidMarker(text, 'nested too deeply');
      index++;
      const inner = expression();
      if (peek()?.type !== ')') throw invalidMarker(text, "expected ')'");
      index++;
      depth--;
      return inner;
    }
    const left = value();
    const op = operator();
    return { kind: 'compare', left, op, right: value() };
  };
  const value = (): MarkerValue => {
    const token = tokens[index++];
    if (token?.type === 'string') return { literal: token.value };
    if (token?.type === 'word') {
      const name = Object.hasOwn(LEGACY_VARIABLES, token.value) ? LEGACY_VARIABLES[token.value]! : token.value;
      if (VARIABLES.has(name)) return { variable: name };
    }
    throw invalidMarker(text, 'expected a marker variable or a quoted string');
  };
  const operator = (): MarkerOperator => {
    const token = tokens[index++];
    if (token?.type === 'op') return token.value as MarkerOperator;
    if (isWord(token, 'in')) return 'in';
    if (isWord(token, 'not') && isWord(tokens[index], 'in')) {
      index++;
      return 'not in';
    }
    throw invalidMarker(text, 'expected a comparison operator');
  };

  const marker = expression();
  if (index !== tokens.length) throw invalidMarker(text, 'unexpected text after the expression');
  return marker;
}

/** The normalized text: `python_version >= "3.8" and (os_name == "nt" or extra == "x")`. */
export function formatMarker(marker: Marker, parent?: 'and' | 'or'): string {
  if (marker.kind === 'compare') {
    return `${formatValue(marker.left)} ${marker.op} ${formatValue(marker.right)}`;
  }
  const text = `${formatMarker(marker.left, marker.kind)} ${marker.kind} ${formatMarker(marker.right, marker.kind)}`;
  return parent === 'and' && marker.kind === 'or' ? `(${text})` : text;
}

function formatValue(value: MarkerValue): string {
  if ('variable' in value) return value.variable;
  return value.literal.includes('"') ? `'${value.literal}'` : `"${value.literal}"`;
}
