import { describe, expect, it } from 'vitest';
import { looksLikeJson, parseProjectList, parseProjectPage, parsePypiJson } from '../../../../../layers/plugins/python/upstream/upstream-pages';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);
const PAGE = 'https://index.example/simple/foo/';

describe('upstream pages', () => {
  it.each([
    ['HTML', '<a href="foo/">Foo</a><br/><a href="bar-baz/">Bar_Baz</a>', ['Foo', 'Bar_Baz']],
    ['JSON', JSON.stringify({ meta: { 'api-version': '1.0' }, projects: [{ name: 'Foo' }, { name: 'bar' }, { nope: 1 }] }), ['Foo', 'bar']],
  ])('lists the projects of a %s simple index', (_what, text, expected) => {
    // Act / Assess
    expect(parseProjectList(text)).toEqual(expected);
  });

  it('reads an HTML project page: URLs resolved and without fragment, hashes, requires-python, yanked, metadata', () => {
    // Prepare
    const html = [
      `<a href="../../packages/foo-1.0.tar.gz#sha256=${H1}" data-requires-python="&gt;=3.8">foo-1.0.tar.gz</a>`,
      `<a href="https://files.example/foo-1.0-py3-none-any.whl#sha256=${H2.toUpperCase()}" data-yanked="" data-core-metadata="sha256=${H1}">foo-1.0-py3-none-any.whl</a>`,
      `<a href="foo-0.9.zip#md5=abc" data-yanked="gone" data-dist-info-metadata="true">foo-0.9.zip</a>`,
      '<a href="javascript:alert(1)">x.whl</a>',
    ].join('\n');

    // Act
    const files = parseProjectPage(html, PAGE);

    // Assess
    expect(files).toEqual([
      { filename: 'foo-1.0.tar.gz', url: 'https://index.example/packages/foo-1.0.tar.gz', sha256: H1, requiresPython: '>=3.8', yanked: false, yankedReason: '', metadataSha256: null, size: null, uploadTime: null },
      { filename: 'foo-1.0-py3-none-any.whl', url: 'https://files.example/foo-1.0-py3-none-any.whl', sha256: H2, requiresPython: '', yanked: true, yankedReason: '', metadataSha256: H1, size: null, uploadTime: null },
      { filename: 'foo-0.9.zip', url: 'https://index.example/simple/foo/foo-0.9.zip', sha256: '', requiresPython: '', yanked: true, yankedReason: 'gone', metadataSha256: null, size: null, uploadTime: null },
    ]);
  });

  it('reads a PEP 691 JSON project page', () => {
    // Prepare
    const json = JSON.stringify({
      meta: { 'api-version': '1.1' },
      name: 'foo',
      files: [
        { filename: 'foo-1.0.tar.gz', url: '/files/foo-1.0.tar.gz', hashes: { sha256: H1 }, 'requires-python': '>=3.9', size: 12, 'upload-time': '2024-01-01T00:00:00Z', yanked: 'reason', 'core-metadata': false },
        { filename: 'foo-1.0-py3-none-any.whl', url: 'foo-1.0-py3-none-any.whl', hashes: {}, 'dist-info-metadata': { sha256: H2 }, yanked: false, size: -1 },
        { filename: 7, url: 'x' },
      ],
    });

    // Act
    const files = parseProjectPage(json, PAGE);

    // Assess
    expect(files).toEqual([
      { filename: 'foo-1.0.tar.gz', url: 'https://index.example/files/foo-1.0.tar.gz', sha256: H1, requiresPython: '>=3.9', yanked: true, yankedReason: 'reason', metadataSha256: null, size: 12, uploadTime: '2024-01-01T00:00:00Z' },
      { filename: 'foo-1.0-py3-none-any.whl', url: `${PAGE}foo-1.0-py3-none-any.whl`, sha256: '', requiresPython: '', yanked: false, yankedReason: '', metadataSha256: H2, size: null, uploadTime: null },
    ]);
  });

  it('reads the files of every release from PyPI\'s JSON API', () => {
    // Prepare
    const json = JSON.stringify({
      info: {},
      releases: {
        '1.0': [{ filename: 'foo-1.0.tar.gz', url: 'https://files.example/foo-1.0.tar.gz', digests: { sha256: H1, md5: 'x' }, requires_python: '>=3', size: 5, upload_time_iso_8601: '2024-01-01T00:00:00.000000Z', yanked: true, yanked_reason: 'no' }],
        '0.1': [],
      },
    });

    // Act
    const files = parsePypiJson(json, 'https://pypi.example/pypi/foo/json');

    // Assess
    expect(files).toEqual([
      { filename: 'foo-1.0.tar.gz', url: 'https://files.example/foo-1.0.tar.gz', sha256: H1, requiresPython: '>=3', yanked: true, yankedReason: 'no', metadataSha256: null, size: 5, uploadTime: '2024-01-01T00:00:00.000000Z' },
    ]);
  });

  it.each([
    ['  {"a":1}', true],
    ['[]', true],
    ['<!DOCTYPE html>', false],
  ])('tells JSON from HTML: %s', (text, expected) => {
    // Act / Assess
    expect(looksLikeJson(text)).toBe(expected);
  });
});
