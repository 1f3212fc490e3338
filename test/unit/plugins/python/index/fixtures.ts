// Index records shared by the renderer tests.

import type { IndexFile } from '../../../../../layers/plugins/python/index/records';

export const HEX = (char: string): string => char.repeat(64);

export function indexFile(overrides: Partial<IndexFile> = {}): IndexFile {
  return {
    filename: 'shelf_reader-0.1-py2-none-any.whl',
    url: 'https://cdn.example/pulp/content/foo/shelf_reader-0.1-py2-none-any.whl',
    version: '0.1',
    sha256: HEX('a'),
    size: 2512,
    uploadTime: '2024-05-01T12:30:45.123456Z',
    requiresPython: null,
    yanked: false,
    yankedReason: null,
    metadataSha256: null,
    ...overrides,
  };
}
