/**
 * Groups items by a key, keeping their order within each group. Appends in place: spreading a
 * group into a new array per item is quadratic, and a sync hands over tens of thousands.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
