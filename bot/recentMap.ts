/**
 * Sets `key` as the most recently used entry of `map` (a Map iterates in insertion order) and
 * forgets the least recently used past `maxKeys`: the memory of limits whose keys a client can
 * invent without end (sender ids, conversation ids).
 */
export function setRecent<K, V>(map: Map<K, V>, key: K, value: V, maxKeys: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > maxKeys) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}
