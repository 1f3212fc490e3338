import { describe, expect, it } from 'vitest';
import { MetadataBodyCache } from '../../../layers/content/metadata-body-cache';

const loader = (bodies: Record<string, Buffer>) => {
  const loads: string[] = [];
  return {
    loads,
    load: (key: string) => async () => {
      loads.push(key);
      return bodies[key]!;
    },
  };
};

describe('MetadataBodyCache', () => {
  it('loads a body once per (storage key, sha256)', async () => {
    // Prepare
    const { loads, load } = loader({ k: Buffer.from('manifest') });
    const cache = new MetadataBodyCache();

    // Act
    const first = await cache.get('k', 's1', load('k'));
    const second = await cache.get('k', 's1', load('k'));
    const otherDigest = await cache.get('k', 's2', load('k'));

    // Assess
    expect(first.toString()).toBe('manifest');
    expect(second).toBe(first);
    expect(otherDigest.toString()).toBe('manifest');
    expect(loads).toEqual(['k', 'k']);
  });

  it('shares one load between concurrent misses', async () => {
    // Prepare
    const { loads, load } = loader({ k: Buffer.from('x') });
    const cache = new MetadataBodyCache();

    // Act
    const bodies = await Promise.all(Array.from({ length: 5 }, () => cache.get('k', 's', load('k'))));

    // Assess
    expect(bodies.every((b) => b.toString() === 'x')).toBe(true);
    expect(loads).toEqual(['k']);
  });

  it('does not keep a failed load', async () => {
    // Prepare
    const cache = new MetadataBodyCache();
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new Error('S3 down');
      return Buffer.from('ok');
    };

    // Act
    const failed = await cache.get('k', 's', flaky).catch((err: Error) => err.message);
    const retried = await cache.get('k', 's', flaky);

    // Assess
    expect(failed).toBe('S3 down');
    expect(retried.toString()).toBe('ok');
    expect(calls).toBe(2);
  });

  it('stays within its byte bound, dropping the least recently used body, and skips bodies too large to keep', async () => {
    // Prepare
    const { loads, load } = loader({ a: Buffer.alloc(4), b: Buffer.alloc(4), c: Buffer.alloc(4), big: Buffer.alloc(7) });
    const cache = new MetadataBodyCache(10, 6);
    await cache.get('a', 's', load('a'));
    await cache.get('b', 's', load('b'));
    await cache.get('a', 's', load('a')); // a is now the most recently used

    // Act
    await cache.get('c', 's', load('c')); // 12 bytes > 10: b goes
    await cache.get('big', 's', load('big'));
    await cache.get('big', 's', load('big'));
    await cache.get('a', 's', load('a'));
    await cache.get('b', 's', load('b'));

    // Assess
    expect(loads).toEqual(['a', 'b', 'c', 'big', 'big', 'b']);
    expect(cache.size).toBeLessThanOrEqual(10);
  });
});
