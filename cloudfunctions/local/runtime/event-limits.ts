/**
 * Limits on a function's event, checked before the event is handed to an instance. Handing it over
 * is a structured clone, which recurses: an event nested some thousands of levels deep (20 kB of
 * `[[[[…`) overflows the stack there. No event of this project's functions nests deeper than a
 * handful of levels; 64 leaves room for any honest caller.
 */
export const MAX_EVENT_DEPTH = 64;

/**
 * Whether `value` nests objects and arrays at most `max` levels deep. Iterative, so the check itself
 * can't overflow the stack whatever it is given; it stops at the first level past `max`.
 */
export function withinDepth(value: unknown, max: number = MAX_EVENT_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return true;
}
