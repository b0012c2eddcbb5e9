/**
 * Sets `key` in a FIFO-bounded map: when the map is full, its oldest entry goes first. Every
 * cache of a signer is bounded this way, like the AWS SDK's signing-key cache.
 * @internal
 */
export function setBounded<V>(map: Map<string, V>, key: string, value: V, capacity: number): void {
  if (map.size >= capacity) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
  map.set(key, value);
}
