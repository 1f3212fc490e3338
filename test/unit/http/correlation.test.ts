import { describe, expect, it } from 'vitest';
import { isCorrelationId } from '../../../layers/http/correlation';

describe('isCorrelationId', () => {
  const cases: Array<[string, boolean]> = [
    ['0b4fb1b8-6b64-4d5a-a3b6-8b8f0f7c3f6e', true],
    ['0B4FB1B8-6B64-4D5A-A3B6-8B8F0F7C3F6E', true],
    ['deadbeefdeadbeefdeadbeefdeadbeef', true],
    ['{0b4fb1b8-6b64-4d5a-a3b6-8b8f0f7c3f6e}', true],
    ['urn:uuid:0b4fb1b8-6b64-4d5a-a3b6-8b8f0f7c3f6e', true],
    ['deadbeefdeadbeefdeadbeefdeadxxxx', false],
    ['deadbeef', false],
    ['', false],
    ['nonsense', false],
  ];
  it.each(cases)('%s → %s', (value, expected) => {
    // Prepare
    const input = value;

    // Act
    const valid = isCorrelationId(input);

    // Assess
    expect(valid).toBe(expected);
  });
});
