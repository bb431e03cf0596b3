/** Every fake method counts its calls here, keyed "Class.method" (e.g. 'Range.getValues'). Shared by all fakes of one FakeGas. */
export class CallLog {
  readonly calls = new Map<string, number>();

  hit(key: string): void {
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
  }

  count(key: string): number {
    return this.calls.get(key) ?? 0;
  }

  /** Sum over keys starting with a prefix: total('Range.') counts every Range call. */
  total(prefix = ''): number {
    let n = 0;
    for (const [k, v] of this.calls) if (k.startsWith(prefix)) n += v;
    return n;
  }

  /** Keys that were called, sorted: handy in assertion messages. */
  keys(): string[] {
    return [...this.calls.keys()].sort();
  }

  reset(): void {
    this.calls.clear();
  }
}

/** How Apps Script services fail: an Error named "Exception", so String(e) reads "Exception: <message>". */
export class GasException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}
