import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidProjectName, normalizeName, sameProject } from '../../../../../layers/plugins/python/names/project-name';

describe('normalizeName', () => {
  it.each([
    ['shelf-reader', 'shelf-reader'],
    ['Shelf_Reader', 'shelf-reader'],
    ['shelf.reader', 'shelf-reader'],
    ['Shelf__-._Reader', 'shelf-reader'],
    ['zope.interface', 'zope-interface'],
    ['PyYAML', 'pyyaml'],
    ['a', 'a'],
    ['friendly-bard', 'friendly-bard'],
    ['FrIeNdLy-._.-bArD', 'friendly-bard'],
  ])('%s → %s', (name, expected) => {
    // Act / Assess
    expect(normalizeName(name)).toBe(expected);
  });

  it('is idempotent and agrees with sameProject', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        // Act
        const once = normalizeName(name);
        // Assess
        expect(normalizeName(once)).toBe(once);
        expect(sameProject(name, once)).toBe(true);
        expect(once).not.toMatch(/[_.]|--/);
      }),
    );
  });
});

describe('isValidProjectName', () => {
  it.each([
    ['shelf-reader', true],
    ['A', true],
    ['a.b_c-d', true],
    ['9lives', true],
    ['', false],
    ['-leading', false],
    ['trailing.', false],
    ['has space', false],
    ['ünicode', false],
    ['semi;colon', false],
  ])('%j → %s', (name, expected) => {
    // Act / Assess
    expect(isValidProjectName(name)).toBe(expected);
  });
});
