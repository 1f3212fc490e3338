import { describe, expect, it } from 'vitest';
import { renderFileAnchor, renderProjectHtml, renderSimpleIndexHtml } from '../../../../../layers/plugins/python/index/simple-html';
import { extractPackage } from '../../../../../layers/plugins/python/extraction/extract-package';
import { sha256Hex } from '../../../../../layers/plugins/python/digest';
import { buildWheel } from '../../../../support/python-dists';
import { HEX, indexFile } from './fixtures';

const URL = 'https://cdn.example/pulp/content/foo/shelf_reader-0.1-py2-none-any.whl';

describe('renderFileAnchor', () => {
  it.each([
    ['a plain file', {}, `<a href="${URL}#sha256=${HEX('a')}">shelf_reader-0.1-py2-none-any.whl</a>`],
    [
      'Requires-Python, escaped',
      { requiresPython: '>=3.8, <4' },
      `<a href="${URL}#sha256=${HEX('a')}" data-requires-python="&gt;=3.8, &lt;4">shelf_reader-0.1-py2-none-any.whl</a>`,
    ],
    [
      'a metadata file (both attribute names)',
      { metadataSha256: HEX('b') },
      `<a href="${URL}#sha256=${HEX('a')}" data-dist-info-metadata="sha256=${HEX('b')}" data-core-metadata="sha256=${HEX('b')}">shelf_reader-0.1-py2-none-any.whl</a>`,
    ],
    ['yanked without a reason', { yanked: true }, `<a href="${URL}#sha256=${HEX('a')}" data-yanked="">shelf_reader-0.1-py2-none-any.whl</a>`],
    [
      'yanked with a reason, escaped',
      { yanked: true, yankedReason: 'broke "import" <x>' },
      `<a href="${URL}#sha256=${HEX('a')}" data-yanked="broke &quot;import&quot; &lt;x&gt;">shelf_reader-0.1-py2-none-any.whl</a>`,
    ],
    [
      'a URL with a query, escaped',
      { url: 'https://x/p.whl?redirect=https://u/p.whl&a=1' },
      `<a href="https://x/p.whl?redirect=https://u/p.whl&amp;a=1#sha256=${HEX('a')}">shelf_reader-0.1-py2-none-any.whl</a>`,
    ],
  ])('%s', (_, overrides, expected) => {
    // Act / Assess
    expect(renderFileAnchor(indexFile(overrides))).toBe(expected);
  });
});

describe('renderProjectHtml', () => {
  it('is a PEP 503 page with the repository version and one anchor per file', () => {
    // Prepare
    const files = [indexFile(), indexFile({ filename: 'shelf-reader-0.1.tar.gz', url: 'rel/shelf-reader-0.1.tar.gz', sha256: HEX('c') })];
    // Act
    const html = renderProjectHtml({ name: 'Shelf.Reader', files });
    // Assess
    expect(html).toBe(
      '<!DOCTYPE html>\n<html>\n  <head>\n    <title>Links for Shelf.Reader</title>\n' +
        '    <meta name="pypi:repository-version" content="1.1">\n  </head>\n  <body>\n' +
        '    <h1>Links for Shelf.Reader</h1>\n' +
        `    <a href="${URL}#sha256=${HEX('a')}">shelf_reader-0.1-py2-none-any.whl</a><br/>\n` +
        `    <a href="rel/shelf-reader-0.1.tar.gz#sha256=${HEX('c')}">shelf-reader-0.1.tar.gz</a><br/>\n` +
        '  </body>\n</html>\n',
    );
  });
});

describe('renderSimpleIndexHtml', () => {
  it('links each project by its normalized name, shows it as stored', () => {
    // Act
    const html = renderSimpleIndexHtml(['Shelf.Reader', 'a<b']);
    // Assess
    expect(html).toContain('<meta name="pypi:repository-version" content="1.1">');
    expect(html).toContain('    <a href="shelf-reader/">Shelf.Reader</a><br/>\n    <a href="a&lt;b/">a&lt;b</a><br/>\n');
  });
});

describe('.metadata consistency', () => {
  it('the advertised hash is the sha256 of the METADATA bytes extracted from the wheel', async () => {
    // Prepare
    const wheel = buildWheel({ name: 'gamma', version: '3.0', metadataVersion: '2.4' });
    const extracted = await extractPackage(wheel.filename, wheel.bytes);
    // Act
    const anchor = renderFileAnchor(indexFile({ filename: wheel.filename, sha256: extracted.sha256, metadataSha256: extracted.metadataFile!.sha256 }));
    // Assess
    const advertised = /data-core-metadata="sha256=([0-9a-f]{64})"/.exec(anchor)![1];
    const legacy = /data-dist-info-metadata="sha256=([0-9a-f]{64})"/.exec(anchor)![1];
    expect(advertised).toBe(sha256Hex(extracted.metadataFile!.bytes));
    expect(legacy).toBe(advertised);
    expect(anchor).toContain(`#sha256=${sha256Hex(wheel.bytes)}`);
  });
});
