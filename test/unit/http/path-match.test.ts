import { describe, expect, it } from 'vitest';
import { compareSpecificity, compilePath, matchPath, splitRequestPath } from '../../../layers/http/path-match';

const ID = '0B5C0C3E-7A57-4A0E-9A4C-2F1D6A0E9B11';

describe('matchPath', () => {
  const cases: Array<[string, string, ReturnType<typeof matchPath>]> = [
    ['/a/{id}/', `/a/${ID}/`, { kind: 'match', params: { id: ID.toLowerCase() } }],
    ['/a/{id}/', '/a/123/', { kind: 'not-found' }],
    ['/a/{id}/v/{number}/', `/a/${ID}/v/7/`, { kind: 'match', params: { id: ID.toLowerCase(), number: '7' } }],
    ['/a/{id}/v/{number}/', `/a/${ID}/v/x/`, { kind: 'no-match' }],
    ['/a/{name}/', '/a/b%20c/', { kind: 'match', params: { name: 'b c' } }],
    ['/a/{name}/', '/a//', { kind: 'no-match' }],
    ['/a/b/', '/a/b/c/', { kind: 'no-match' }],
    // File-name routes (docs/api.json) match only without a trailing slash.
    ['/docs/api.json', '/docs/api.json', { kind: 'match', params: {} }],
    ['/docs/api.json', '/docs/api.json/', { kind: 'no-match' }],
    ['/docs/api.json/', '/docs/api.json', { kind: 'no-match' }],
    ['/p/{name}/json', '/p/foo/json', { kind: 'match', params: { name: 'foo' } }],
    ['/p/{name}/json', '/p/foo/json/', { kind: 'no-match' }],
    ['/a/{name}/', '/a/b', { kind: 'no-match' }],
    ['/pypi/{path+}/', '/pypi/a/b', { kind: 'no-match' }],
    // `{name+}` takes one or more whole segments (a base path), the fixed parts around it the rest.
    ['/pypi/{path+}/', '/pypi/a/', { kind: 'match', params: { path: 'a' } }],
    ['/pypi/{path+}/', '/pypi/a/b/c/', { kind: 'match', params: { path: 'a/b/c' } }],
    ['/pypi/{path+}/', '/pypi/', { kind: 'no-match' }],
    ['/pypi/{path+}/simple/{package}/', '/pypi/a/b/simple/Foo_Bar/', { kind: 'match', params: { path: 'a/b', package: 'Foo_Bar' } }],
    ['/pypi/{path+}/simple/{package}/', '/pypi/simple/x/', { kind: 'no-match' }],
    ['/pypi/{path+}/simple/', '/pypi/a/other/', { kind: 'no-match' }],
    ['/r/{id}/{path+}/', `/r/${ID}/x/y/`, { kind: 'match', params: { id: ID.toLowerCase(), path: 'x/y' } }],
  ];
  it.each(cases)('%s against %s', (template, path, expected) => {
    // Prepare
    const segments = splitRequestPath(path) as string[];

    // Act
    const m = matchPath(compilePath(template), segments);

    // Assess
    expect(m).toEqual(expected);
  });

  const splits: Array<[string, string[] | undefined]> = [
    ['/a/b/', ['a', 'b']],
    ['/a/b', ['a', 'b', '\u0000']],
    ['a/b/', undefined],
    ['/a/%E0%A4%A/', undefined],
    ['/', []],
  ];
  it.each(splits)('splits %s', (path, expected) => {
    // Prepare
    const input = path;

    // Act
    const segments = splitRequestPath(input);

    // Assess
    expect(segments).toEqual(expected);
  });

  it('sorts literal segments before placeholders', () => {
    // Prepare
    const templates = ['/t/{id}/', '/t/purge/', '/{x}/y/'].map(compilePath);

    // Act
    const sorted = [...templates].sort(compareSpecificity).map((t) => t.path);

    // Assess
    expect(sorted).toEqual(['/t/purge/', '/t/{id}/', '/{x}/y/']);
  });

  it('sorts fixed templates first, then {name+} templates with the longer fixed tail first', () => {
    // Prepare
    const templates = ['/pypi/{path+}/', '/pypi/{path+}/simple/{package}/', '/pypi/x/', '/pypi/{path+}/simple/'].map(compilePath);

    // Act
    const sorted = [...templates].sort(compareSpecificity).map((t) => t.path);

    // Assess
    expect(sorted).toEqual(['/pypi/x/', '/pypi/{path+}/simple/{package}/', '/pypi/{path+}/simple/', '/pypi/{path+}/']);
  });

  it('keeps the specific before the general whatever order the routes come in (a total order)', () => {
    // Prepare: literal-vs-placeholder pairs among unrelated templates broke an order that was not total
    const paths = ['/c/p/upload/', '/c/p/{id}/', '/c/p/{id}/set_label/', '/c/f/{id}/', '/c/f/', '/d/api.json', '/x/{path+}/', '/x/{path+}/simple/', '/t/purge/', '/t/{id}/', '/{x}/y/'];
    const orders = Array.from({ length: 50 }, (_, seed) => {
      const shuffled = [...paths].sort((a, b) => ((a.length * 31 + seed * 17) % 11) - ((b.length * 31 + seed * 7) % 13));
      return shuffled.map(compilePath).sort(compareSpecificity).map((t) => t.path);
    });

    // Act
    const sortsBefore = (order: string[], a: string, b: string) => order.indexOf(a) < order.indexOf(b);

    // Assess
    for (const order of orders) {
      expect(sortsBefore(order, '/c/p/upload/', '/c/p/{id}/'), order.join(' ')).toBe(true);
      expect(sortsBefore(order, '/t/purge/', '/t/{id}/'), order.join(' ')).toBe(true);
      expect(sortsBefore(order, '/x/{path+}/simple/', '/x/{path+}/'), order.join(' ')).toBe(true);
    }
  });

  it('refuses two {name+} placeholders in one path', () => {
    // Act
    const compile = () => compilePath('/a/{x+}/b/{y+}/');

    // Assess
    expect(compile).toThrow(/one \{name\+\}/);
  });

  it('refuses route paths that end in a placeholder without a trailing slash', () => {
    // Prepare
    const path = '/a/{b}';

    // Act
    const compile = () => compilePath(path);

    // Assess
    expect(compile).toThrow();
  });
});
