import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMarker, parseMarker } from '../../../../../layers/plugins/python/requirements/marker';
import { returnsOrRejectsCleanly } from '../fuzz';

describe('parseMarker', () => {
  it.each([
    ["python_version >= '3.8'", 'python_version >= "3.8"'],
    ['python_version>"2"and os_name=="nt"', 'python_version > "2" and os_name == "nt"'],
    ["extra == 'test' or extra == 'docs'", 'extra == "test" or extra == "docs"'],
    ["(os_name == 'nt' or os_name == 'posix') and python_version < '3.11'", '(os_name == "nt" or os_name == "posix") and python_version < "3.11"'],
    ["'linux' in sys_platform", '"linux" in sys_platform'],
    ["sys_platform not in 'win32 cygwin'", 'sys_platform not in "win32 cygwin"'],
    ["os.name == 'nt'", 'os_name == "nt"'],
    ["platform_release ~= '5.0'", 'platform_release ~= "5.0"'],
    [`implementation_name == 'say "hi"'`, `implementation_name == 'say "hi"'`],
    ["a_b == 'x'".replace('a_b', 'dependency_groups'), 'dependency_groups == "x"'],
  ])('%j → %j', (text, expected) => {
    // Act / Assess
    expect(formatMarker(parseMarker(text))).toBe(expected);
  });

  it.each([
    '',
    "python_version >= '3.8' and",
    "foo == 'x'",
    "python_version = '3'",
    "python_version >= 3.8",
    "(python_version >= '3'",
    "python_version >= '3')",
    "python_version >= '3",
    "python_version not '3'",
    "'a' 'b'",
    `${'('.repeat(40)}os_name == 'x'${')'.repeat(40)}`,
  ])('rejects %j', (text) => {
    // Act / Assess
    expect(() => parseMarker(text)).toThrow('Invalid marker');
  });

  it('fuzz: throws only the client error', () => {
    const token = fc.constantFrom('python_version', 'extra', "'3'", '"x"', '==', '<', 'in', 'not', 'and', 'or', '(', ')', ' ', '~=', 'os.name');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.array(token, { maxLength: 12 }).map((t) => t.join(' '))), (text) => {
        // Act / Assess
        expect(returnsOrRejectsCleanly(() => parseMarker(text))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
