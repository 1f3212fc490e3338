import { describe, expect, it } from 'vitest';
import { buildReleaseFilter, validateRequirementList } from '../../../../../layers/plugins/python/requirements/release-filter';
import { isPythonClientError } from '../../../../../layers/plugins/python/client-error';

describe('buildReleaseFilter', () => {
  const includes = ['shelf-reader', 'aiohttp>=3.2.0,<3.3.1', 'Django~=1.11.0', 'django>=4.0,<4.1', 'celery==4.0.0rc1'];
  const excludes = ['aiohttp==3.3.0', 'Pytz'];
  const filter = buildReleaseFilter(includes, excludes);

  it.each([
    ['shelf_reader', true],
    ['AIOHTTP', true],
    ['django', true],
    ['pytz', false],
    ['requests', false],
  ])('project %s allowed: %s', (name, expected) => {
    // Act / Assess
    expect(filter.allowsProject(name)).toBe(expected);
  });

  it.each([
    ['shelf-reader', '0.1', true],
    ['shelf-reader', '2.0rc1', true],
    ['aiohttp', '3.2.1', true],
    ['aiohttp', '3.3.0', false],
    ['aiohttp', '3.3.1', false],
    ['aiohttp', '3.3.0a1', true],
    ['django', '1.11.29', true],
    ['django', '4.0.5', true],
    ['django', '2.2', false],
    ['celery', '4.0.0rc1', true],
    ['celery', '4.0.0', false],
    ['shelf-reader', 'not-a-version', false],
    ['requests', '1.0', false],
  ])('%s %s allowed: %s', (name, version, expected) => {
    // Act / Assess
    expect(filter.allowsRelease(name, version)).toBe(expected);
  });

  it('names the included projects, normalized, or null when all are', () => {
    // Act / Assess
    expect(filter.includedProjects).toEqual(['shelf-reader', 'aiohttp', 'django', 'celery']);
    expect(buildReleaseFilter([], ['x']).includedProjects).toBeNull();
  });

  it('a bare include and a range for one project are OR-ed', () => {
    // Prepare
    const both = buildReleaseFilter(['foo', 'foo>=2'], []);
    // Act / Assess
    expect(both.allowsRelease('foo', '1.0')).toBe(true);
  });

  it('with no rules, every project and PEP 440 release is allowed', () => {
    // Prepare
    const open = buildReleaseFilter([], []);
    // Act / Assess
    expect([open.allowsProject('x'), open.allowsRelease('x', '1.0a1'), open.allowsRelease('x', 'junk')]).toEqual([true, true, false]);
  });
});

describe('validateRequirementList', () => {
  it.each([
    ['includes', [''], "includes specifier  is invalid. Invalid requirement: '': expected a package name at the start"],
    ['excludes', ['ok', 'shelf-reader$3'], "excludes specifier shelf-reader$3 is invalid. Invalid requirement: 'shelf-reader$3': Invalid specifier: '$3'"],
  ] as const)('%s %j → 400 on the field', (field, values, message) => {
    // Act
    let error: unknown;
    try {
      validateRequirementList(field, values);
    } catch (caught) {
      error = caught;
    }
    // Assess
    expect(isPythonClientError(error) && error.body()).toEqual({ [field]: [message] });
  });

  it('accepts valid lists', () => {
    // Act / Assess
    expect(() => validateRequirementList('includes', ['shelf-reader', 'aiohttp>=3.2.0,<3.3.1'])).not.toThrow();
  });
});
