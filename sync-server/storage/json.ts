/** JSON columns are written as text and come back as text on both engines (see postgres.ts). */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
