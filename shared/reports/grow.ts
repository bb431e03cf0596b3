/** Typed arrays that grow by doubling: the accumulators keep millions of small numbers without one object per record. */

type TypedArray = Uint8Array | Uint32Array | Int32Array | Float64Array;
type Ctor<T extends TypedArray> = { new (length: number): T };

/** `array` if it holds at least `length` items, else a copy at least twice as long. */
export function ensureLength<T extends TypedArray>(array: T, length: number, ctor: Ctor<T>): T {
  if (array.length >= length) return array;
  const grown = new ctor(Math.max(length, array.length * 2, 16));
  grown.set(array as never);
  return grown;
}

/** Gives each distinct string a dense index, in first-seen order. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  private lastValue: string | undefined;
  private lastId = -1;

  get size(): number {
    return this.values.length;
  }

  id(value: string): number {
    // Records often come grouped (by employee, by date): the same value again costs no map lookup.
    if (value === this.lastValue) return this.lastId;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    this.lastValue = value;
    this.lastId = id;
    return id;
  }

  find(value: string): number | undefined {
    return this.ids.get(value);
  }
}
