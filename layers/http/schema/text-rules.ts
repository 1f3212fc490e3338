/**
 * What any text in a request may not hold, wherever it sits (a field, a label, a JSON value, an
 * object key): Postgres refuses NUL in text and jsonb and lone surrogates in jsonb (a 500
 * otherwise), and control characters smuggle structure into lines, headers and logs.
 */

/** DRF's ProhibitNullCharactersValidator message. */
export const NUL_ERROR = 'Null characters are not allowed.';

/** DRF's ProhibitSurrogateCharactersValidator message. */
export const surrogateError = (codeUnit: number): string =>
  `Surrogate characters are not allowed: U+${codeUnit.toString(16).toUpperCase()}.`;

export const CONTROL_ERROR = 'Control characters are not allowed.';
export const MULTILINE_CONTROL_ERROR = 'Control characters other than tabs and line breaks are not allowed.';

const CONTROL = /[\u0001-\u001f\u007f]/;
const CONTROL_BUT_WHITESPACE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first problem of a text, or undefined. `multiline` text may hold tabs and line breaks. */
export function textProblem(text: string, multiline = false): string | undefined {
  if (text.includes('\u0000')) return NUL_ERROR;
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return surrogateError(surrogate[0].charCodeAt(0));
  if ((multiline ? CONTROL_BUT_WHITESPACE : CONTROL).test(text)) return multiline ? MULTILINE_CONTROL_ERROR : CONTROL_ERROR;
  return undefined;
}

/** The longest piece of client text an error message quotes back. */
const EXCERPT_LENGTH = 64;

/** Client text as an error message may quote it: short, whatever was sent. */
export function excerpt(text: string): string {
  if (text.length <= EXCERPT_LENGTH) return text;
  // Never cut a surrogate pair in half: the answer must stay valid text.
  const end = /[\ud800-\udbff]/.test(text.charAt(EXCERPT_LENGTH - 1)) ? EXCERPT_LENGTH - 1 : EXCERPT_LENGTH;
  return `${text.slice(0, end)}…`;
}
