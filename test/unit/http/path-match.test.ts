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
    ['/a/b', undefined],
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

  it('refuses route paths without a trailing slash', () => {
    // Prepare
    const path = '/a/b';

    // Act
    const compile = () => compilePath(path);

    // Assess
    expect(compile).toThrow();
  });
});
