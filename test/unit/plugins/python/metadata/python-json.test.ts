import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../../../../../layers/plugins/python/metadata/python-json';

describe('pythonJsonDumps (as json.dumps with defaults)', () => {
  it.each([
    [[], '[]'],
    [['LICENSE'], '["LICENSE"]'],
    [['test', 'doc', 'ssl'], '["test", "doc", "ssl"]'],
    [{}, '{}'],
    [{ Homepage: 'https://x', 'Bug Tracker': 'https://y' }, '{"Homepage": "https://x", "Bug Tracker": "https://y"}'],
    [['Zoë', '日本', '😀'], '["Zo\\u00eb", "\\u65e5\\u672c", "\\ud83d\\ude00"]'],
    [['quote " back \\ tab \t nl \n del \x7f'], '["quote \\" back \\\\ tab \\t nl \\n del \\u007f"]'],
    [['a; python_version < "3"'], '["a; python_version < \\"3\\""]'],
  ])('%j → %s', (value, expected) => {
    // Act / Assess
    expect(pythonJsonDumps(value)).toBe(expected);
  });
});
