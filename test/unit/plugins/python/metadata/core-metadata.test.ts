import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeDictField,
  decodeListField,
  parseCoreMetadata,
  readCoreMetadata,
} from '../../../../../layers/plugins/python/metadata/core-metadata';
import { returnsOrRejectsCleanly } from '../fuzz';

const METADATA_2_4 = `Metadata-Version: 2.4
Name: my.package
Version: 1.2.0rc1
Summary: A test package
Keywords: one,two
Author-email: Zoë <zoe@example.com>
License-Expression: MIT
License-File: LICENSE
License-File: NOTICE
Project-URL: Homepage, https://example.com
Project-URL: Bug Tracker, https://example.com/issues, with comma
Classifier: Programming Language :: Python :: 3
Classifier: License :: OSI Approved :: MIT License
Requires-Python: >=3.8
Requires-Dist: requests>=2.0
Requires-Dist: colorama; sys_platform == "win32"
Requires-Dist: pytest; extra == "test"
Provides-Extra: test
Dynamic: license-file
Description-Content-Type: text/markdown

# My package

A long description
over several lines.
`;

// An old distutils PKG-INFO: description in a header with 8-space continuations, UNKNOWNs.
const PKG_INFO_1_1 = `Metadata-Version: 1.1
Name: shelf-reader
Version: 0.1
Summary: Make sure your collections are in call number order.
Home-page: https://github.com/asmacdo/shelf-reader
Author: Austin Macdonald
Author-email: asmacdo@gmail.com
License: GNU GENERAL PUBLIC LICENSE
        Version 2, June 1991
Download-URL: UNKNOWN
Description: shelf-reader
        ============
        
        Scans call numbers.
               indented code
Platform: UNKNOWN
`;

describe('readCoreMetadata', () => {
  it('reads Metadata-Version 2.4 into pulp_python fields and encodings', () => {
    // Act
    const metadata = parseCoreMetadata(Buffer.from(METADATA_2_4));
    // Assess
    expect(metadata).toEqual({
      metadata_version: '2.4',
      name: 'my.package',
      version: '1.2.0rc1',
      summary: 'A test package',
      description: '# My package\n\nA long description\nover several lines.\n',
      description_content_type: 'text/markdown',
      keywords: 'one,two',
      home_page: '',
      download_url: '',
      author: '',
      author_email: 'Zoë <zoe@example.com>',
      maintainer: '',
      maintainer_email: '',
      license: '',
      license_expression: 'MIT',
      license_file: '["LICENSE", "NOTICE"]',
      platform: '',
      supported_platform: '',
      classifiers: '["Programming Language :: Python :: 3", "License :: OSI Approved :: MIT License"]',
      requires_dist: '["requests>=2.0", "colorama; sys_platform == \\"win32\\"", "pytest; extra == \\"test\\""]',
      provides_dist: '[]',
      obsoletes_dist: '[]',
      requires_external: '[]',
      requires_python: '>=3.8',
      project_url: '',
      project_urls: '{"Homepage": "https://example.com", "Bug Tracker": "https://example.com/issues, with comma"}',
      provides_extras: '["test"]',
      dynamic: '["license-file"]',
    });
  });

  it('reads a 1.1 PKG-INFO: description header unindented, folded headers, UNKNOWN dropped', () => {
    // Act
    const metadata = parseCoreMetadata(Buffer.from(PKG_INFO_1_1));
    // Assess
    expect({
      description: metadata.description,
      license: metadata.license,
      download_url: metadata.download_url,
      platform: metadata.platform,
      requires_dist: metadata.requires_dist,
      classifiers: metadata.classifiers,
      project_urls: metadata.project_urls,
    }).toEqual({
      description: 'shelf-reader\n============\n\nScans call numbers.\n       indented code',
      license: 'GNU GENERAL PUBLIC LICENSE Version 2, June 1991',
      download_url: '',
      platform: '',
      requires_dist: '[]',
      classifiers: '[]',
      project_urls: '{}',
    });
  });

  it.each([
    ['Description: line one\n       |line two\n       |\n       |line four\n', 'line one\nline two\n\nline four'],
    ['Description: header text\n\nbody text\n', 'body text\n'],
    ['Description: UNKNOWN\n', ''],
  ])('description from %j', (text, expected) => {
    // Act / Assess
    expect(readCoreMetadata(`Metadata-Version: 2.1\nName: x\nVersion: 1\n${text}`).description).toBe(expected);
  });

  it('ends the headers at a blank line inside a value, as Python reads such old files', () => {
    // Prepare: shelf-reader 0.1's PKG-INFO pastes the GPL into License, blank lines included.
    const text = 'Metadata-Version: 1.1\nName: shelf-reader\nVersion: 0.1\nLicense: GNU GENERAL PUBLIC LICENSE\n' +
      '                       Version 2, June 1991\n\n Copyright (C) 1989\n\nKeywords: library\nClassifier: A :: B\n';
    // Act
    const metadata = parseCoreMetadata(Buffer.from(text));
    // Assess
    expect([metadata.license, metadata.keywords, metadata.classifiers]).toEqual(['GNU GENERAL PUBLIC LICENSE Version 2, June 1991', '', '[]']);
    expect(metadata.description).toBe(' Copyright (C) 1989\n\nKeywords: library\nClassifier: A :: B\n');
  });

  it('joins several Platform and Supported-Platform values', () => {
    // Act
    const metadata = readCoreMetadata('Platform: Linux\nPlatform: Windows\nSupported-Platform: RedHat 7.2\n');
    // Assess
    expect([metadata.platform, metadata.supported_platform]).toEqual(['Linux, Windows', 'RedHat 7.2']);
  });

  it('keeps a hostile Project-URL label a plain key', () => {
    // Act
    const urls = decodeDictField(readCoreMetadata('Project-URL: __proto__, https://evil\n').project_urls);
    // Assess
    expect(Object.getPrototypeOf(urls)).toBe(Object.prototype);
    expect(Object.keys(urls)).toEqual(['__proto__']);
  });

  it.each([
    ['Name: x\nVersion: 1\n', 'no Metadata-Version'],
    ['Metadata-Version: 2.1\nVersion: 1\n', 'no Name'],
    ['Metadata-Version: 2.1\nName: -x-\nVersion: 1\n', "invalid Name '-x-'"],
    ['Metadata-Version: 2.1\nName: x\n', 'no Version'],
    ['Metadata-Version: 2.1\nName: x\nVersion: 2004d\n', "Version '2004d' is not a valid PEP 440 version"],
  ])('rejects %j (%s)', (text, reason) => {
    // Act / Assess
    expect(() => parseCoreMetadata(Buffer.from(text))).toThrow(`Invalid core metadata: ${reason}`);
  });
});

describe('decoding the JSON-encoded fields', () => {
  it.each([
    ['["a", "b"]', ['a', 'b']],
    ['[]', []],
    ['', []],
    ['{"a": 1}', []],
    ['[1, "x"]', ['x']],
  ])('list %j → %j', (value, expected) => {
    // Act / Assess
    expect(decodeListField(value)).toEqual(expected);
  });

  it.each([
    ['{"Homepage": "https://x"}', { Homepage: 'https://x' }],
    ['[]', {}],
    ['junk', {}],
  ])('dict %j → %j', (value, expected) => {
    // Act / Assess
    expect(decodeDictField(value)).toEqual(expected);
  });
});

describe('fuzz', () => {
  it('parseCoreMetadata throws only the client error, on any bytes and on header-shaped text', () => {
    const header = fc.tuple(fc.constantFrom('Metadata-Version', 'Name', 'Version', 'Description', 'Project-URL', 'Requires-Dist', 'X'), fc.string({ maxLength: 20 }));
    const shaped = fc.array(header, { maxLength: 8 }).map((headers) => headers.map(([key, value]) => `${key}: ${value}`).join('\n'));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), shaped.map((text) => Buffer.from(text))), (bytes) => {
        // Act / Assess
        expect(returnsOrRejectsCleanly(() => parseCoreMetadata(bytes))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
