import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../layers/content/content-type';

describe('contentTypeFor', () => {
  const cases: Array<[string, string]> = [
    ['PULP_MANIFEST', 'application/octet-stream'],
    ['index.html', 'text/html; charset=utf-8'],
    ['dir/notes.TXT', 'text/plain; charset=utf-8'],
    ['a.json', 'application/json; charset=utf-8'],
    ['x.tar.gz', 'application/gzip'],
    ['disk.iso', 'application/x-iso9660-image'],
    ['.hidden', 'application/octet-stream'],
    ['noext.', 'application/octet-stream'],
    ['a.unknownext', 'application/octet-stream'],
  ];
  it.each(cases)('%s → %s', (name, expected) => {
    // Prepare
    const input = name;
    // Act
    const type = contentTypeFor(input);
    // Assess
    expect(type).toBe(expected);
  });
});
