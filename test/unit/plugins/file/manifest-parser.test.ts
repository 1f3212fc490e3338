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
    ['a NUL in the path', `a\u0000b,${A},1`, 1, /relative path/],
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
