/** Name-based UUIDs, version 5 (RFC 9562 §5.5): SHA-1 over namespace bytes + UTF-8 name. Deterministic. */
import { sha1 } from './sha1';
import { encodeUtf8 } from './utf8';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rungs' own namespace for CASE identifiers (itself uuidv5(URL namespace, "https://rungs.dev/case")). */
export const RUNGS_CASE_NAMESPACE = '843d0adb-2626-57eb-b7fc-f2e13ac4bbb4';

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function format(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < 16; i++) out += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + HEX[b[i]];
  return out;
}

const namespaces = new Map<string, Uint8Array>();

export function uuidV5(name: string, namespace: string): string {
  let ns = namespaces.get(namespace);
  if (!ns) {
    if (!UUID_PATTERN.test(namespace)) throw new Error(`Not a UUID namespace: ${namespace}`);
    ns = uuidBytes(namespace);
    if (namespaces.size > 1000) namespaces.clear();
    namespaces.set(namespace, ns);
  }
  const nameBytes = encodeUtf8(name);
  const input = new Uint8Array(ns.length + nameBytes.length);
  input.set(ns);
  input.set(nameBytes, ns.length);
  const hash = sha1(input);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  return format(hash);
}
