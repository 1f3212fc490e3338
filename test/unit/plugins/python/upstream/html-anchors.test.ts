import { describe, expect, it } from 'vitest';
import { decodeEntities, readAnchors } from '../../../../../layers/plugins/python/upstream/html-anchors';

describe('readAnchors', () => {
  it('reads attributes in any quoting, decoded, names lower-cased, bare ones empty', () => {
    // Prepare
    const html = `<A HREF="a.whl#sha256=1" data-requires-python="&gt;=3.8" data-yanked>a.whl</A>
      <a href='b.tar.gz' data-yanked="bad &amp; old">b<b>.tar.gz</b></a><a href=c.zip>c.zip</a>`;

    // Act
    const { anchors } = readAnchors(html);

    // Assess
    expect(anchors).toEqual([
      { attributes: { href: 'a.whl#sha256=1', 'data-requires-python': '>=3.8', 'data-yanked': '' }, text: 'a.whl' },
      { attributes: { href: 'b.tar.gz', 'data-yanked': 'bad & old' }, text: 'b.tar.gz' },
      { attributes: { href: 'c.zip' }, text: 'c.zip' },
    ]);
  });

  it('reads attributes named like Object properties as attributes', () => {
    // Act
    const { anchors } = readAnchors('<a constructor="c" __proto__="p" toString="t" href="x.whl">x.whl</a>');

    // Assess
    expect(Object.getPrototypeOf(anchors[0]!.attributes)).toBeNull();
    expect(Object.entries(anchors[0]!.attributes)).toEqual([
      ['constructor', 'c'],
      ['__proto__', 'p'],
      ['tostring', 't'],
      ['href', 'x.whl'],
    ]);
  });

  it('skips comments and scripts, and finds <base href>', () => {
    // Prepare
    const html = '<head><base href="https://files.example/p/"><script>var x = "<a href=no>no</a>";</script></head><!-- <a href="x">x</a> --><a href="y">y</a>';

    // Act
    const page = readAnchors(html);

    // Assess
    expect(page.base).toBe('https://files.example/p/');
    expect(page.anchors.map((a) => a.text)).toEqual(['y']);
  });

  it.each([
    ['&lt;&gt;&amp;&quot;&#39;', `<>&"'`],
    ['&#x41;&#66;', 'AB'],
    ['&unknown; &#0; &#xFFFFFFF;', '&unknown; &#0; &#xFFFFFFF;'],
    ['&constructor; &toString; &hasOwnProperty;', '&constructor; &toString; &hasOwnProperty;'],
  ])('decodes %s', (text, expected) => {
    // Act / Assess
    expect(decodeEntities(text)).toBe(expected);
  });
});
