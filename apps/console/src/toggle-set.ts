/** A copy of `set` with `item` removed if it was there, added if not (state setters need a new Set to re-render). */
export function toggled<T>(set: ReadonlySet<T>, item: T): Set<T> {
  const next = new Set(set);
  if (next.has(item)) next.delete(item);
  else next.add(item);
  return next;
}
