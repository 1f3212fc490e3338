import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMetadataText, headerValues, parseRfc822 } from '../../../../../layers/plugins/python/metadata/rfc822';

describe('parseRfc822', () => {
  it.each([
    ['Name: a\nVersion: 1\n', [['Name', 'a'], ['Version', '1']], null],
    ['Name: a\r\nVersion: 1\r\n\r\nBody\r\nline 2\r\n', [['Name', 'a'], ['Version', '1']], 'Body\nline 2\n'],
    ['Summary: one\n  two\n\tthree\n', [['Summary', 'one\n  two\n\tthree']], null],
    ['Classifier: A\nClassifier: B\n', [['Classifier', 'A'], ['Classifier', 'B']], null],
    ['Name:a\nKey:   spaced   \n', [['Name', 'a'], ['Key', 'spaced']], null],
    ['Name: a\nnot a header\nmore\n', [['Name', 'a']], 'not a header\nmore\n'],
    ['Name: a\n\n', [['Name', 'a']], ''],
    ['', [], null],
  ])('%j', (text, headers, body) => {
    // Act
    const message = parseRfc822(text);
    // Assess
    expect(message.headers).toEqual(headers);
    expect(message.body).toBe(body);
  });

  it('finds every value of a header whatever its case', () => {
    // Prepare
    const message = parseRfc822('requires-dist: a\nRequires-Dist: b\nREQUIRES-DIST: c\n');
    // Act / Assess
    expect(headerValues(message, 'Requires-Dist')).toEqual(['a', 'b', 'c']);
  });

  it.each([
    [Buffer.from('Author: Zoë\n', 'utf8'), 'Author: Zoë\n'],
    [Buffer.from('Author: Zo\xeb\n', 'latin1'), 'Author: Zoë\n'],
  ])('decodes UTF-8, falling back to Latin-1', (bytes, expected) => {
    // Act / Assess
    expect(decodeMetadataText(bytes)).toBe(expected);
  });

  it('fuzz: never throws and keeps every header line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        // Act
        const message = parseRfc822(text);
        // Assess
        expect(message.headers.every(([name]) => !name.includes(':'))).toBe(true);
      }),
    );
  });
});
