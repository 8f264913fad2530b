/**
 * Disjoint sets over the items 0…n−1 (union–find with path halving): which items were joined,
 * directly or through others. Used to group strokes into text lines, boxes into zones and text
 * chunks into legend descriptions.
 */
export class DisjointSets {
  private readonly parent: Int32Array;

  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }

  /** The representative of `i`'s set (the same for every item of a set until the next union). */
  find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      const up = parent[parent[i] as number] as number;
      parent[i] = up;
      i = up;
    }
    return i;
  }

  /** Joins the sets of `a` and `b`. */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[rb] = ra;
  }
}
