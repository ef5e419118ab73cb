// A table of values per node, indexed by the node numbers tree-index assigns. Stored in small
// chunks, not one big array: an array of tens of thousands of slots (a 2,000-line file has
// ~60,000 nodes) is a large object that V8 puts straight into the old generation, and then
// everything stored in it survives young collections until the next full one.
const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS;

export class NodeTable<T> {
  private readonly chunks: (T | undefined)[][] = [];

  get(id: number): T | undefined {
    return this.chunks[id >> CHUNK_BITS]?.[id & (CHUNK - 1)];
  }

  set(id: number, value: T): void {
    const c = id >> CHUNK_BITS;
    (this.chunks[c] ??= new Array<T | undefined>(CHUNK))[id & (CHUNK - 1)] = value;
  }
}
