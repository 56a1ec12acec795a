/**
 * Results of a pure computation, remembered for up to `max` keys. When full, all are forgotten
 * at once: cheaper than tracking which is oldest, and a working set smaller than `max` (the
 * tickets of a queue, the zones in use) is back in memory after one more use of each.
 */
export const boundedCache = <K, V>(max: number) => {
  const known = new Map<K, V>();
  return (key: K, compute: () => V): V => {
    const hit = known.get(key);
    if (hit !== undefined || known.has(key)) return hit as V;
    const value = compute();
    if (known.size >= max) known.clear();
    known.set(key, value);
    return value;
  };
};
