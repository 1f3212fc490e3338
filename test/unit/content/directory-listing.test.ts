import { describe, expect, it } from 'vitest';
import { listingDate, listingSize, renderDirectoryListing } from '../../../layers/content/directory-listing';

describe('renderDirectoryListing', () => {
  it('lists directories first, then files, with dates and sizes', () => {
    // Prepare
    const entries = [
      { name: 'b.txt', isDirectory: false, size: 2048, modified: '2026-01-02T03:04:05.000000Z' },
      { name: 'z', isDirectory: true, size: null, modified: null },
      { name: 'a.txt', isDirectory: false, size: 10, modified: '2026-01-02T03:04:05.000000Z' },
      { name: 'm', isDirectory: true, size: null, modified: null },
    ];
    // Act
    const html = renderDirectoryListing('/pulp/content/dist/', entries);
    // Assess
    expect(html).toContain('<title>Index of /pulp/content/dist/</title>');
    expect(html).toContain('<h1>Index of /pulp/content/dist/</h1>');
    expect(html).toContain('<a href="../">../</a>');
    const order = ['m/', 'z/', 'a.txt', 'b.txt'].map((n) => html.indexOf(`>${n}</a>`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(html).toMatch(/>a\.txt<\/a>\s+02-Jan-2026 03:04\s+10\n/);
    expect(html).toMatch(/>b\.txt<\/a>\s+02-Jan-2026 03:04\s+2\.0K/);
  });

  it('escapes names in text and encodes them in links', () => {
    // Prepare
    const entries = [{ name: '<a&b> c,d.txt', isDirectory: false, size: 1, modified: null }];
    // Act
    const html = renderDirectoryListing('/pulp/content/<x>/', entries);
    // Assess
    expect(html).toContain('href="%3Ca%26b%3E%20c%2Cd.txt"');
    expect(html).toContain('>&lt;a&amp;b&gt; c,d.txt</a>');
    expect(html).toContain('Index of /pulp/content/&lt;x&gt;/');
    expect(html).not.toContain('<a&b>');
  });

  const sizes: Array<[number | null, string]> = [
    [null, '-'],
    [0, '0'],
    [1023, '1023'],
    [1024, '1.0K'],
    [1536, '1.5K'],
    [5 * 1024 * 1024, '5.0M'],
    [3 * 1024 ** 3, '3.0G'],
  ];
  it.each(sizes)('size %s → %s', (size, expected) => {
    // Prepare
    const input = size;
    // Act
    const text = listingSize(input);
    // Assess
    expect(text).toBe(expected);
  });

  it.each([
    ['2026-12-31T23:59:59.999999Z', '31-Dec-2026 23:59'],
    [null, '-'],
    ['not a date', '-'],
  ])('date %s → %s', (iso, expected) => {
    // Prepare
    const input = iso;
    // Act
    const text = listingDate(input);
    // Assess
    expect(text).toBe(expected);
  });
});
