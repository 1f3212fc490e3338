import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManifestParseError, parseManifest } from '../../../../layers/plugins/file/manifest-parser';

const A = 'a'.repeat(64);
const B = 'B'.repeat(64);

describe('parseManifest', () => {
  const good: Array<[string, string, Array<{ relativePath: string; sha256: string; size: number }>]> = [
    ['one line', `1.iso,${A},1024`, [{ relativePath: '1.iso', sha256: A, size: 1024 }]],
    ['commas in the path', `a,b,c.txt,${A},3`, [{ relativePath: 'a,b,c.txt', sha256: A, size: 3 }]],
    ['nested folders', `x/y/z.bin,${A},0`, [{ relativePath: 'x/y/z.bin', sha256: A, size: 0 }]],
    ['comments and blanks', `# header\n\n  \n1,${A},1\n#2,${A},2\n`, [{ relativePath: '1', sha256: A, size: 1 }]],
    ['CRLF and padding', `  f,${A},5  \r\ng,${A},6\r\n`, [
      { relativePath: 'f', sha256: A, size: 5 },
      { relativePath: 'g', sha256: A, size: 6 },
    ]],
    ['upper-case digest is normalised', `f,${B},1`, [{ relativePath: 'f', sha256: B.toLowerCase(), size: 1 }]],
    ['spaces inside names', `my file.txt,${A},1`, [{ relativePath: 'my file.txt', sha256: A, size: 1 }]],
    ['dots inside names', `..a/b..,${A},1`, [{ relativePath: '..a/b..', sha256: A, size: 1 }]],
    ['empty manifest', '', []],
    ['a UTF-8 byte order mark', `\ufeffa,${A},1`, [{ relativePath: 'a', sha256: A, size: 1 }]],
  ];
  it.each(good)('parses %s', (_name, text, expected) => {
    // Prepare
    const input = text;
    // Act
    const entries = parseManifest(input);
    // Assess
    expect(entries).toEqual(expected);
  });

  const bad: Array<[string, string, number, RegExp]> = [
    ['a ../ path', `ok,${A},1\n../etc/passwd,${A},1`, 2, /relative path/],
    ['a .. segment inside', `a/../b,${A},1`, 1, /relative path/],
    ['a . segment', `a/./b,${A},1`, 1, /relative path/],
    ['an absolute path', `/etc/passwd,${A},1`, 1, /relative path/],
    ['an empty part', `a//b,${A},1`, 1, /relative path/],
    ['a trailing slash', `a/,${A},1`, 1, /relative path/],
    ['an empty path', `,${A},1`, 1, /relative path/],
    ['a short digest', `a,abc,1`, 1, /sha256/],
    ['a non-hex digest', `a,${'g'.repeat(64)},1`, 1, /sha256/],
    ['a negative size', `a,${A},-1`, 1, /size/],
    ['a fractional size', `a,${A},1.5`, 1, /size/],
    ['a missing size', `a,${A}`, 1, /expected/],
    ['a bare word', 'hello', 1, /expected/],
    ['a duplicate path', `# c\na,${A},1\na,${A},1`, 3, /duplicate/],
    ['a NUL in the path', `a\u0000b,${A},1`, 1, /NUL byte/],
    ['a backslash in the path', `a\\..\\b,${A},1`, 1, /relative path/],
    ['percent-encoded dots', `a/%2e%2e/b,${A},1`, 1, /relative path/],
    ['a tab inside the path', `a\tb,${A},1`, 1, /relative path/],
    ['a carriage return inside the path', `a\rb,${A},1`, 1, /relative path/],
    ['UTF-16 read as UTF-8', `\ufffd\ufffda\u0000,\u0000`, 1, /UTF-16/],
    ['bytes that are not UTF-8', `ok,${A},1\nf\ufffd,${A},1`, 2, /not UTF-8/],
    ['a 10 MB line', `${'x'.repeat(10 * 1024 * 1024)},${A},1`, 1, /longer than/],
    ['a path over 2048 bytes', `${'é'.repeat(1025)},${A},1`, 1, /longer than 2048 bytes/],
    ['a duplicate after CRLF lines', `a,${A},1\r\nb,${A},2\r\na,${A},3\r\n`, 3, /duplicate/],
  ];
  it.each(bad)('rejects %s with its line number', (_name, text, line, reason) => {
    // Prepare
    const input = text;
    // Act
    const attempt = () => parseManifest(input);
    // Assess
    expect(attempt).toThrow(ManifestParseError);
    expect(attempt).toThrow(`Parsing of the manifest file failed on line ${line}`);
    expect(attempt).toThrow(reason);
  });
});

describe('parseManifest on hostile input', () => {
  it('never echoes what the remote sent, whatever the line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 5000 }), (line) => {
        // Prepare
        const input = `${line},${A},1`;
        // Act
        let message = '';
        try {
          parseManifest(input);
        } catch (error) {
          expect(error).toBeInstanceOf(ManifestParseError);
          message = (error as Error).message;
        }
        // Assess
        if (line.length >= 8) expect(message).not.toContain(line);
        expect(message).not.toMatch(/[\u0000-\u001f\u007f]/);
        expect(message.length).toBeLessThan(400);
      }),
    );
  });

  it('either parses every line or fails at a line that exists', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(`a,${A},1`, `b/c,${B},2`, '# c', '', '\r')), { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        // Prepare
        const input = lines.join(eol);
        // Act
        let outcome: { entries?: number; line?: number } = {};
        try {
          outcome = { entries: parseManifest(input).length };
        } catch (error) {
          outcome = { line: (error as ManifestParseError).line };
        }
        // Assess
        if (outcome.line !== undefined) expect(outcome.line).toBeGreaterThanOrEqual(1);
        if (outcome.line !== undefined) expect(outcome.line).toBeLessThanOrEqual(input.split('\n').length);
        else expect(outcome.entries).toBeLessThanOrEqual(lines.length);
      }),
    );
  });

  // Bounded for CI time; the parser is linear, so a million lines only takes longer.
  it('parses a manifest of 200,000 lines', () => {
    // Prepare
    const lines = Array.from({ length: 200_000 }, (_, i) => `d${i % 1000}/f${i}.bin,${A},${i}`);
    const input = `${lines.join('\r\n')}\r\n`;
    // Act
    const entries = parseManifest(input);
    // Assess
    expect(entries.length).toBe(200_000);
    expect(entries.at(-1)).toEqual({ relativePath: 'd999/f199999.bin', sha256: A, size: 199_999 });
  });

  it('finds a duplicate at the end of 200,000 lines', () => {
    // Prepare
    const lines = Array.from({ length: 200_000 }, (_, i) => `f${i},${A},1`);
    const input = [...lines, `f0,${A},1`].join('\n');
    // Act
    const attempt = () => parseManifest(input);
    // Assess
    expect(attempt).toThrow('failed on line 200001: duplicate relative path (also on line 1)');
  });

  it.each([
    ['UTF-16LE with its BOM', Buffer.from(`\ufeffa,${A},1\n`, 'utf16le')],
    ['UTF-16BE with its BOM', Buffer.from(`\ufeffa,${A},1\n`, 'utf16le').swap16()],
  ])('refuses %s read as UTF-8', (_label, bytes) => {
    // Prepare
    const input = bytes.toString('utf8');
    // Act
    const attempt = () => parseManifest(input);
    // Assess
    expect(attempt).toThrow(/line 1: .*(UTF-16|not UTF-8)/);
  });
});

describe('parseManifest errors', () => {
  // What a remote URL pointed at something private could return: none of it may come back.
  const secret = 'AKIAEXAMPLESECRET';
  it.each([
    ['a path', `${secret}/../x,${A},1`],
    ['a digest', `x,${secret},1`],
    ['a size', `x,${A},${secret}`],
    ['a duplicate', `${secret},${A},1\n${secret},${A},1`],
  ])('never quote the text of %s from the remote', (_name, text) => {
    // Act
    const error = (() => {
      try {
        parseManifest(text);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    // Assess
    expect(error).toBeInstanceOf(ManifestParseError);
    expect(error!.message).not.toContain(secret);
  });
});
