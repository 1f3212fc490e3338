import { describe, expect, it } from 'vitest';
import { groupBy } from '../../../layers/core/group-by';

describe('groupBy', () => {
  it.each([
    { case: 'nothing', items: [] as string[], expected: [] },
    { case: 'one group', items: ['a1', 'a2'], expected: [['a', ['a1', 'a2']]] },
    { case: 'groups in first-seen order, items in their order', items: ['b1', 'a1', 'b2', 'a2', 'c1'], expected: [['b', ['b1', 'b2']], ['a', ['a1', 'a2']], ['c', ['c1']]] },
  ])('groups $case', ({ items, expected }) => {
    // Act
    const groups = groupBy(items, (item) => item[0]);

    // Assess
    expect([...groups]).toEqual(expected);
  });

  it('groups a sync-sized list (100,000 items) without copying a group per item', () => {
    // Prepare
    const items = Array.from({ length: 100_000 }, (_, n) => ({ type: n % 2 ? 'odd' : 'even', n }));

    // Act
    const groups = groupBy(items, (item) => item.type);

    // Assess
    expect(groups.get('even')).toHaveLength(50_000);
    expect(groups.get('odd')![49_999]!.n).toBe(99_999);
  });
});
