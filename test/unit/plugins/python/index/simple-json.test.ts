import { describe, expect, it } from 'vitest';
import { simpleIndexJson, simpleProjectJson } from '../../../../../layers/plugins/python/index/simple-json';
import { HEX, indexFile } from './fixtures';

describe('simpleProjectJson (PEP 691, API 1.1)', () => {
  it('renders every file field and the PEP 440-sorted versions', () => {
    // Prepare
    const files = [
      indexFile({ version: '0.10', filename: 'p-0.10.tar.gz', url: 'u/p-0.10.tar.gz', requiresPython: '>=3.8', metadataSha256: HEX('b') }),
      indexFile({ version: '0.9', filename: 'p-0.9.tar.gz', url: 'u/p-0.9.tar.gz', yanked: true, yankedReason: 'bad', uploadTime: null }),
      indexFile({ version: '0.10rc1', filename: 'p-0.10rc1.tar.gz', url: 'u/p-0.10rc1.tar.gz', yanked: true, uploadTime: new Date('2024-01-02T03:04:05.678Z') }),
    ];
    // Act
    const page = simpleProjectJson({ name: 'Shelf.Reader', files }, { lastSerial: 7 });
    // Assess
    expect(page).toEqual({
      meta: { 'api-version': '1.1', '_last-serial': 7 },
      name: 'shelf-reader',
      files: [
        {
          filename: 'p-0.10.tar.gz',
          url: 'u/p-0.10.tar.gz',
          hashes: { sha256: HEX('a') },
          'requires-python': '>=3.8',
          'core-metadata': { sha256: HEX('b') },
          'dist-info-metadata': { sha256: HEX('b') },
          size: 2512,
          'upload-time': '2024-05-01T12:30:45.123456Z',
          yanked: false,
        },
        {
          filename: 'p-0.9.tar.gz',
          url: 'u/p-0.9.tar.gz',
          hashes: { sha256: HEX('a') },
          'requires-python': null,
          'core-metadata': false,
          'dist-info-metadata': false,
          size: 2512,
          yanked: 'bad',
        },
        {
          filename: 'p-0.10rc1.tar.gz',
          url: 'u/p-0.10rc1.tar.gz',
          hashes: { sha256: HEX('a') },
          'requires-python': null,
          'core-metadata': false,
          'dist-info-metadata': false,
          size: 2512,
          'upload-time': '2024-01-02T03:04:05.678000Z',
          yanked: true,
        },
      ],
      versions: ['0.9', '0.10rc1', '0.10'],
    });
  });

  it('leaves _last-serial out unless given', () => {
    // Act / Assess
    expect(simpleProjectJson({ name: 'x', files: [] })).toEqual({ meta: { 'api-version': '1.1' }, name: 'x', files: [], versions: [] });
  });
});

describe('simpleIndexJson', () => {
  it.each([
    [{}, { meta: { 'api-version': '1.1' }, projects: [{ name: 'Shelf.Reader' }, { name: 'b' }] }],
    [{ lastSerial: 3 }, { meta: { 'api-version': '1.1', '_last-serial': 3 }, projects: [{ name: 'Shelf.Reader', '_last-serial': 3 }, { name: 'b', '_last-serial': 3 }] }],
  ])('%j', (options, expected) => {
    // Act / Assess
    expect(simpleIndexJson(['Shelf.Reader', 'b'], options)).toEqual(expected);
  });
});
