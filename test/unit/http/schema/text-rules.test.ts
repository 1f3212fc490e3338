import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerpt, textProblem } from '../../../../layers/http/schema/text-rules';

describe('textProblem', () => {
  const cases: Array<[string, string, boolean, string | undefined]> = [
    ['plain text', 'repo-1 (copy)', false, undefined],
    ['a surrogate pair', 'smile 😀', false, undefined],
    ['a NUL', 'a\u0000b', true, 'Null characters are not allowed.'],
    ['a lone high surrogate', 'a\ud800b', false, 'Surrogate characters are not allowed: U+D800.'],
    ['a lone low surrogate', '\udfffz', true, 'Surrogate characters are not allowed: U+DFFF.'],
    ['a high surrogate at the end', 'a\udbff', false, 'Surrogate characters are not allowed: U+DBFF.'],
    ['a line break on one line', 'a\nb', false, 'Control characters are not allowed.'],
    ['a tab on one line', 'a\tb', false, 'Control characters are not allowed.'],
    ['an escape character', 'a\u001b[0m', false, 'Control characters are not allowed.'],
    ['a DEL', 'a\u007f', false, 'Control characters are not allowed.'],
    ['line breaks and tabs in free text', 'a\r\n\tb', true, undefined],
    ['a vertical tab in free text', 'a\u000bb', true, 'Control characters other than tabs and line breaks are not allowed.'],
    ['a bell in free text', 'a\u0007', true, 'Control characters other than tabs and line breaks are not allowed.'],
  ];
  it.each(cases)('judges %s', (_label, text, multiline, expected) => {
    // Act
    const problem = textProblem(text, multiline);
    // Assess
    expect(problem).toBe(expected);
  });

  it('finds nothing wrong in printable, well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        // Prepare
        const printable = text.replace(/[\u0000-\u001f\u007f]/g, '');
        // Act
        const problem = textProblem(printable);
        // Assess
        expect(problem).toBeUndefined();
      }),
    );
  });

  it('finds a problem in any text holding a NUL, wherever it is', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        // Act
        const problem = textProblem(`${before}\u0000${after}`, true);
        // Assess
        expect(problem).toBe('Null characters are not allowed.');
      }),
    );
  });
});

describe('excerpt', () => {
  const cases: Array<[string, string, string]> = [
    ['short text', 'abc', 'abc'],
    ['64 characters', 'x'.repeat(64), 'x'.repeat(64)],
    ['a megabyte', 'y'.repeat(1024 * 1024), `${'y'.repeat(64)}…`],
    ['a surrogate pair across the cut', `${'z'.repeat(63)}😀tail`, `${'z'.repeat(63)}…`],
  ];
  it.each(cases)('cuts %s', (_label, text, expected) => {
    // Act
    const cut = excerpt(text);
    // Assess
    expect(cut).toBe(expected);
  });
});
