import { describe, expect, it } from 'vitest';
import { CachedDeliveryReader } from '../../../layers/content/cached-delivery-reader';
import type { DeliveryReader, DirectoryEntry, PublishedFile, ServedSource } from '../../../layers/core/ports/delivery-reader';

/** A served source named by id: publications `p…`, versions `v…`. */
const src = (id: string): ServedSource =>
  id.startsWith('v')
    ? { kind: 'version', version: { id, repositoryId: 'r', number: 1 } }
    : { kind: 'publication', publicationId: id, passThrough: true, version: { id: `v-${id}`, repositoryId: 'r', number: 1 } };
const idOf = (source: ServedSource) => (source.kind === 'publication' ? source.publicationId : source.version.id);

/** A reader over a fixed table of files that counts what reaches it. */
function fakeReader(files: Record<string, PublishedFile>) {
  const calls = { findFile: 0, resolve: 0, listDirectory: 0 };
  const reader: DeliveryReader = {
    listBasePaths: async () => [],
    resolve: async () => {
      calls.resolve++;
      return undefined;
    },
    findFile: async (source, relativePath) => {
      calls.findFile++;
      return files[`${idOf(source)}:${relativePath}`];
    },
    listDirectory: async () => {
      calls.listDirectory++;
      return [];
    },
  };
  return { reader, calls };
}

const artifact = (relativePath: string): PublishedFile => ({ kind: 'artifact', relativePath, contentArtifactId: 'ca', sha256: 'a'.repeat(64), size: 3 });
const metadata: PublishedFile = { kind: 'metadata', relativePath: 'PULP_MANIFEST', storageKey: 'k', sha256: 'b'.repeat(64), size: 9 };
const remote: PublishedFile = { kind: 'remote', relativePath: 'r.bin', contentArtifactId: 'ca', sha256: 'c'.repeat(64), size: null, remotes: [] };

describe('CachedDeliveryReader', () => {
  it('asks the inner reader once per (publication, path) for stored files and metadata', async () => {
    // Prepare
    const { reader, calls } = fakeReader({ 'p1:a.bin': artifact('a.bin'), 'p1:PULP_MANIFEST': metadata });
    const cached = new CachedDeliveryReader(reader);

    // Act
    const first = await cached.findFile(src('p1'), 'a.bin');
    const second = await cached.findFile(src('p1'), 'a.bin');
    await cached.findFile(src('p1'), 'PULP_MANIFEST');
    const meta = await cached.findFile(src('p1'), 'PULP_MANIFEST');

    // Assess
    expect(first).toEqual(artifact('a.bin'));
    expect(second).toBe(first);
    expect(meta).toBe(metadata);
    expect(calls.findFile).toBe(2);
  });

  it('keys a version apart from a publication: each source is looked up once', async () => {
    // Prepare
    const { reader, calls } = fakeReader({ 'v1:a.bin': artifact('a.bin'), 'p1:a.bin': { ...artifact('a.bin'), sha256: 'e'.repeat(64) } });
    const cached = new CachedDeliveryReader(reader);

    // Act
    const fromVersion = await cached.findFile(src('v1'), 'a.bin');
    const fromPublication = await cached.findFile(src('p1'), 'a.bin');
    const again = await cached.findFile(src('v1'), 'a.bin');

    // Assess
    expect(fromVersion?.sha256).toBe('a'.repeat(64));
    expect(fromPublication?.sha256).toBe('e'.repeat(64));
    expect(again).toBe(fromVersion);
    expect(calls.findFile).toBe(2);
  });

  it('keys by publication: the same path in another publication is looked up', async () => {
    // Prepare
    const { reader, calls } = fakeReader({ 'p1:a.bin': artifact('a.bin'), 'p2:a.bin': { ...artifact('a.bin'), sha256: 'd'.repeat(64) } });
    const cached = new CachedDeliveryReader(reader);

    // Act
    const one = await cached.findFile(src('p1'), 'a.bin');
    const two = await cached.findFile(src('p2'), 'a.bin');

    // Assess
    expect(one?.sha256).toBe('a'.repeat(64));
    expect(two?.sha256).toBe('d'.repeat(64));
    expect(calls.findFile).toBe(2);
  });

  it('remembers misses (a publication never gains files) but not content still waiting for its artifact', async () => {
    // Prepare
    const { reader, calls } = fakeReader({ 'p1:r.bin': remote });
    const cached = new CachedDeliveryReader(reader);

    // Act
    await cached.findFile(src('p1'), 'r.bin');
    await cached.findFile(src('p1'), 'r.bin');
    const missing = await cached.findFile(src('p1'), 'missing');
    const again = await cached.findFile(src('p1'), 'missing');

    // Assess
    expect(missing).toBeUndefined();
    expect(again).toBeUndefined();
    expect(calls.findFile).toBe(3);
    expect(cached.sizes.files).toBe(1);
  });

  it('never caches resolution: distributions move at any moment', async () => {
    // Prepare
    const { reader, calls } = fakeReader({});
    const cached = new CachedDeliveryReader(reader);

    // Act
    await cached.resolve('dist/a.bin');
    await cached.resolve('dist/a.bin');

    // Assess
    expect(calls.resolve).toBe(2);
  });

  it('remembers a listing of stored files, but not one showing a file of unknown size', async () => {
    // Prepare
    const { reader, calls } = fakeReader({});
    const listings: Record<string, DirectoryEntry[]> = {
      'd/': [{ name: 'x', isDirectory: true, size: null, modified: 't' }, { name: 'a', isDirectory: false, size: 3, modified: 't' }],
      'od/': [{ name: 'b', isDirectory: false, size: null, modified: 't' }],
    };
    reader.listDirectory = async (_p, dir) => {
      calls.listDirectory++;
      return listings[dir] ?? [];
    };
    const cached = new CachedDeliveryReader(reader);

    // Act
    const first = await cached.listDirectory(src('p1'), 'd/');
    const second = await cached.listDirectory(src('p1'), 'd/');
    await cached.listDirectory(src('p1'), 'od/');
    await cached.listDirectory(src('p1'), 'od/');
    await cached.listDirectory(src('p2'), 'd/');

    // Assess
    expect(second).toBe(first);
    expect(calls.listDirectory).toBe(4);
  });

  it('bounds listings by their total number of entries', async () => {
    // Prepare
    const { reader, calls } = fakeReader({});
    const entry: DirectoryEntry = { name: 'a', isDirectory: false, size: 1, modified: 't' };
    reader.listDirectory = async (_p, dir) => {
      calls.listDirectory++;
      return dir === 'big/' ? [entry, entry, entry] : [entry, entry];
    };
    const cached = new CachedDeliveryReader(reader, { listingEntries: 4 });

    // Act
    await cached.listDirectory(src('p1'), 'one/');
    await cached.listDirectory(src('p1'), 'two/'); // 4 entries: both kept
    await cached.listDirectory(src('p1'), 'big/'); // 7 > 4: one/ and two/ go
    await cached.listDirectory(src('p1'), 'big/');
    await cached.listDirectory(src('p1'), 'one/');

    // Assess
    expect(calls.listDirectory).toBe(4);
    expect(cached.sizes.listings).toBe(1);
  });

  it('stays within its bound, dropping the least recently used entry', async () => {
    // Prepare
    const files = Object.fromEntries(['a', 'b', 'c'].map((n) => [`p1:${n}`, artifact(n)]));
    const { reader, calls } = fakeReader(files);
    const cached = new CachedDeliveryReader(reader, { files: 2 });
    await cached.findFile(src('p1'), 'a');
    await cached.findFile(src('p1'), 'b');
    await cached.findFile(src('p1'), 'a'); // a is now the most recently used

    // Act
    await cached.findFile(src('p1'), 'c'); // evicts b
    const before = calls.findFile;
    await cached.findFile(src('p1'), 'a');
    await cached.findFile(src('p1'), 'b');

    // Assess
    expect(cached.sizes.files).toBe(2);
    expect(before).toBe(3);
    expect(calls.findFile).toBe(4);
  });
});
