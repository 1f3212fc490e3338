import { describe, expect, it } from 'vitest';
import { LabelSelectError, matchesLabels, parseLabelSelect } from '../../../../layers/core/labels/label-select';

describe('parseLabelSelect', () => {
  it.each([
    ['env', [{ op: 'exists', key: 'env' }]],
    ['!env', [{ op: 'absent', key: 'env' }]],
    ['env=prod', [{ op: 'equals', key: 'env', value: 'prod' }]],
    ['env!=prod', [{ op: 'differs', key: 'env', value: 'prod' }]],
    ['env~pro', [{ op: 'contains', key: 'env', value: 'pro' }]],
    ['env=', [{ op: 'equals', key: 'env', value: '' }]],
    ['a, !b ,c=d', [{ op: 'exists', key: 'a' }, { op: 'absent', key: 'b' }, { op: 'equals', key: 'c', value: 'd' }]],
  ])('parses %s', (selector, terms) => {
    // Act
    const parsed = parseLabelSelect(selector);
    // Assess
    expect(parsed).toEqual(terms);
  });

  it.each(['', 'a,,b', '=v', '!', 'k$y=v'])('refuses %j', (selector) => {
    // Act / Assess
    expect(() => parseLabelSelect(selector)).toThrow(LabelSelectError);
  });
});

describe('matchesLabels', () => {
  const labels = { env: 'Production', team: 'x' };
  it.each([
    ['env', true],
    ['!env', false],
    ['missing', false],
    ['!missing', true],
    ['env=Production', true],
    ['env=production', false],
    ['env!=dev', true],
    ['missing!=dev', false],
    ['env~PROD', true],
    ['env~dev', false],
    ['env,team=x', true],
    ['env,team=y', false],
  ])('%s → %s', (selector, expected) => {
    // Act
    const result = matchesLabels(labels, parseLabelSelect(selector));
    // Assess
    expect(result).toBe(expected);
  });
});
