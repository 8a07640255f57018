/**
 * How many of `cost` more units (reports) from `client` are allowed at `now` (milliseconds):
 * from 0 (over the limit) to `cost`. Refused units are not counted.
 */
export type RateTable = (client: string, now: number, cost?: number) => number;

interface Window {
  start: number;
  count: number;
}

/**
 * Fixed-window counters, one per client, never more than `maxClients` of them. A client keeps
 * its entry until its window ends, so a flood of new addresses cannot evict a client that is over
 * its limit and thereby reset its count (evicting the oldest entry, as an LRU would, lets anyone
 * with enough addresses reset everyone). When every entry is still inside its window, clients
 * without one share a single spare window of `max` requests: a flood is refused as a whole and
 * memory stays bounded.
 *
 * Entries sit in the Map in the order their windows began (a new window is a new insertion), so
 * the ended ones are always at the front and are swept from there, a few at a time.
 *
 * @example
 * const allow = rateTable(60, 60_000, 10_000);
 * if (allow(clientAddress, Date.now()) === 0) return answer(429);
 */
export function rateTable(max: number, windowMs: number, maxClients: number): RateTable {
  const windows = new Map<string, Window>();
  const spare: Window = { start: -Infinity, count: 0 };
  // A clock set back must not keep a window open for hours: a start in the future has ended too.
  const ended = (w: Window, now: number) => now - w.start >= windowMs || now < w.start;
  const count = (w: Window, cost: number) => {
    const granted = Math.max(0, Math.min(cost, max - w.count));
    w.count += granted;
    return granted;
  };
  return (client, now, cost = 1) => {
    const entry = windows.get(client);
    if (entry && !ended(entry, now)) return count(entry, cost);
    if (entry) windows.delete(client);
    for (const [key, old] of windows) {
      if (!ended(old, now)) break;
      windows.delete(key);
    }
    if (windows.size >= maxClients) {
      if (ended(spare, now)) {
        spare.start = now;
        spare.count = 0;
      }
      return count(spare, cost);
    }
    const fresh = { start: now, count: 0 };
    windows.set(client, fresh);
    return count(fresh, cost);
  };
}
