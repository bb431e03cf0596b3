/**
 * The graph of a CASE package: items indexed by identifier and uri, each association resolved to the items it joins
 * (or to the document, or outside the package), one parent per item, and the items in reading order (parents before
 * children, siblings by sequenceNumber, then file order). Errors: an identifier used twice, a dangling reference, a
 * loop of parents; each names its place with a JSON pointer. A parent or child in another framework is an external link.
 */
import { error, type Finding } from '../findings';
import { isUuid, sourceUuid } from './case-identity';
import type { CaseLink } from './case-links';
import { Tally } from './case-notices';
import type { CaseItem, CaseLink as CaseRef, CasePackage } from './case-schema';

type End = { kind: 'item'; index: number } | { kind: 'document' } | { kind: 'external'; link: Omit<CaseLink, 'type' | 'direction'> } | { kind: 'dangling' };

const UUID_TAIL = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** "L1.2" before "L1.10": runs of digits compare as numbers, the rest as text. */
function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const [x, y] = [pa[i], pb[i]];
    if (x === y) continue;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    if (numeric && Number(x) !== Number(y)) return Number(x) - Number(y);
    if (!numeric) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

function sequence(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export class CaseGraph {
  readonly findings: Finding[] = [];
  readonly tally = new Tally();
  readonly items: CaseItem[];
  private readonly byId = new Map<string, number>();
  private readonly byUri = new Map<string, number>();
  private readonly docId: string;
  private readonly docUri: string;
  private readonly typeTitles = new Map<string, string>();
  /** Chosen parent per item: -1 the document, -2 none, else an item index. */
  readonly parentOf: Int32Array;
  /** The sequenceNumber of that isChildOf, and its index in CFAssociations. */
  readonly seqOf: (number | undefined)[];
  private readonly parentAt: number[];
  /** Children per item, in reading order (filled by readingOrder). */
  children: number[][] = [];
  readonly precedes: { from: number; to: number; at: number }[] = [];
  readonly related: { from: number; to: number }[] = [];
  /** Associations kept as they are, per item. */
  readonly links = new Map<number, CaseLink[]>();
  /** Items listed a second time, identical to their first listing: not rows of their own. */
  readonly repeated = new Set<number>();
  /** Items exported by Rungs from a source identifier that is not a UUID: that identifier. */
  readonly sourceOf = new Map<number, string>();

  constructor(private readonly pkg: CasePackage, private readonly sheet: string) {
    this.items = pkg.CFItems;
    this.docId = pkg.CFDocument.identifier.trim().toLowerCase();
    this.docUri = (pkg.CFDocument.uri ?? '').trim();
    const n = this.items.length;
    this.parentOf = new Int32Array(n).fill(-2);
    this.seqOf = Array(n).fill(undefined);
    this.parentAt = Array(n).fill(-1);
    for (const t of pkg.CFDefinitions?.CFItemTypes ?? []) if (t.identifier && t.title) this.typeTitles.set(t.identifier.toLowerCase(), t.title);
  }

  /** Item indexes in reading order, or undefined when the package has errors (then in findings). */
  build(): number[] | undefined {
    this.index();
    this.associations();
    return this.findings.length > 0 ? undefined : this.readingOrder();
  }

  private err(at: string, code: string, message: string) { this.findings.push(error(this.sheet, at, code, message)); }

  typeOf(i: number): string {
    const it = this.items[i];
    const ref = it.CFItemTypeURI;
    // A CFItemTypeURI written as a plain URI names its definition by the UUID it ends with.
    const refId = (ref?.identifier ?? UUID_TAIL.exec(ref?.uri ?? '')?.[1] ?? '').toLowerCase();
    return (it.CFItemType ?? '').trim() || (ref?.title ?? '').trim() || this.typeTitles.get(refId) || '';
  }

  private index(): void {
    this.items.forEach((it, i) => {
      const key = it.identifier.trim().toLowerCase();
      const first = this.byId.get(key);
      if (first !== undefined && JSON.stringify(it) === JSON.stringify(this.items[first])) {
        // Listed again as it is (some servers list an item once per place it appears): one item.
        this.repeated.add(i);
        this.tally.add('case-item-repeated', `/CFItems/${i}`);
        return;
      }
      if (first !== undefined) this.err(`/CFItems/${i}/identifier`, 'case-duplicate-identifier', `Identifier ${it.identifier} is used by /CFItems/${first} too, with other content; each item needs its own.`);
      else this.byId.set(key, i);
      if (key === this.docId) this.err(`/CFItems/${i}/identifier`, 'case-duplicate-identifier', `Identifier ${it.identifier} is the CFDocument's own.`);
      const uri = (it.uri ?? '').trim();
      if (uri !== '' && !this.byUri.has(uri)) this.byUri.set(uri, i);
      if (!isUuid(it.identifier.trim())) this.tally.add('case-identifier-not-uuid', `/CFItems/${i}/identifier`);
    });
  }

  private resolve(ref: CaseRef): End {
    const id = (ref.identifier ?? '').trim();
    const uri = (ref.uri ?? '').trim();
    if (id !== '') {
      const i = this.byId.get(id.toLowerCase());
      if (i !== undefined) return { kind: 'item', index: i };
      if (id.toLowerCase() === this.docId) return { kind: 'document' };
      const sameUri = this.byUri.get(uri);
      // An item exported from a non-UUID source keeps that source as its uri: the exactMatchOf to it is no dangling.
      const ownSource = sameUri !== undefined && sourceUuid(id) === this.items[sameUri].identifier.trim().toLowerCase();
      if (uri !== '' && !ownSource && (sameUri !== undefined || uri === this.docUri)) return { kind: 'dangling' };
    } else {
      const i = this.byUri.get(uri);
      if (i !== undefined) return { kind: 'item', index: i };
      if (uri === this.docUri) return { kind: 'document' };
      const tail = UUID_TAIL.exec(uri)?.[1]?.toLowerCase();
      if (tail && this.byId.has(tail)) return { kind: 'item', index: this.byId.get(tail) ?? -1 };
      if (tail === this.docId) return { kind: 'document' };
    }
    return { kind: 'external', link: { identifier: id || uri, uri: uri || id, title: (ref.title ?? '').trim() } };
  }

  addLink(item: number, link: CaseLink): void {
    const list = this.links.get(item);
    if (list) list.push(link);
    else this.links.set(item, [link]);
  }

  asLink(i: number): Omit<CaseLink, 'type' | 'direction'> {
    const it = this.items[i];
    return { identifier: it.identifier.trim(), uri: (it.uri ?? '').trim() || it.identifier.trim(), title: (it.humanCodingScheme ?? '').trim() || (it.abbreviatedStatement ?? '').trim() || it.identifier.trim() };
  }

  private associations(): void {
    this.pkg.CFAssociations.forEach((a, i) => {
      const at = `/CFAssociations/${i}`;
      const type = a.associationType.trim();
      const o = this.resolve(a.originNodeURI);
      const d = this.resolve(a.destinationNodeURI);
      const name = (r: CaseRef) => r.identifier ?? r.uri ?? '';
      if (o.kind === 'dangling') this.err(`${at}/originNodeURI/identifier`, 'case-dangling-association', `${at} starts at ${name(a.originNodeURI)}, which is not in the package although its uri names a node of it.`);
      if (d.kind === 'dangling') this.err(`${at}/destinationNodeURI/identifier`, 'case-dangling-association', `${at} points to ${name(a.destinationNodeURI)}, which is not in the package although its uri names a node of it.`);
      if (o.kind === 'dangling' || d.kind === 'dangling') return;
      if (type === 'isChildOf') {
        if (o.kind === 'external' && d.kind === 'item') {
          this.tally.add('case-external-reference', at, type);
          return this.addLink(d.index, { type, direction: 'in', ...o.link });
        }
        if (o.kind !== 'item') return this.err(`${at}/originNodeURI`, 'case-dangling-association', `${at} makes ${name(a.originNodeURI)} a child, but it is not an item of the package.`);
        if (d.kind === 'external') {
          // A parent in another framework (an adopted item): the item stays at the top here, the link is kept.
          this.tally.add('case-external-reference', at, type);
          return this.addLink(o.index, { type, direction: 'out', ...d.link });
        }
        const parent = d.kind === 'document' ? -1 : d.index;
        if (this.parentOf[o.index] === -2) {
          this.parentOf[o.index] = parent;
          this.seqOf[o.index] = sequence(a.sequenceNumber);
          this.parentAt[o.index] = i;
        } else if (parent >= 0) {
          this.tally.add('case-second-parent', at);
          this.addLink(o.index, { type, direction: 'out', ...this.asLink(parent) });
        }
        return;
      }
      if (o.kind === 'item' && d.kind === 'item') {
        if (type === 'precedes') this.precedes.push({ from: o.index, to: d.index, at: i });
        else if (type === 'isRelatedTo') this.related.push({ from: o.index, to: d.index });
        else this.addLink(o.index, { type, direction: 'out', ...this.asLink(d.index) });
        return;
      }
      if (o.kind === 'item' && d.kind === 'external') {
        const own = this.items[o.index].identifier.trim().toLowerCase();
        if (type === 'exactMatchOf' && !this.sourceOf.has(o.index) && sourceUuid(d.link.identifier) === own) {
          this.sourceOf.set(o.index, d.link.identifier);
          return;
        }
        this.tally.add('case-external-reference', at, type);
        return this.addLink(o.index, { type, direction: 'out', ...d.link });
      }
      if (d.kind === 'item' && o.kind === 'external') {
        this.tally.add('case-external-reference', at, type);
        return this.addLink(d.index, { type, direction: 'in', ...o.link });
      }
      if (o.kind === 'document' || d.kind === 'document') return this.tally.add('case-document-association', at, type);
      this.err(at, 'case-dangling-association', `${at} (${type}) joins ${name(a.originNodeURI)} and ${name(a.destinationNodeURI)}, neither of which is in the package.`);
    });
  }

  /** Item indexes in tree order (parents before children, siblings by sequenceNumber), or undefined on a loop. */
  private readingOrder(): number[] | undefined {
    const n = this.items.length;
    const state = new Uint8Array(n); // 0 new, 1 on the current walk, 2 done
    for (let start = 0; start < n; start++) {
      const walk: number[] = [];
      let i = start;
      while (i >= 0 && state[i] === 0) { state[i] = 1; walk.push(i); i = this.parentOf[i]; }
      if (i >= 0 && state[i] === 1) {
        const loop = walk.slice(walk.indexOf(i));
        const names = loop.map((k) => (this.items[k].humanCodingScheme ?? '').trim() || this.items[k].identifier).join(' → ');
        this.err(`/CFAssociations/${this.parentAt[i]}`, 'case-hierarchy-cycle', `These items are each other's parents through isChildOf, so they form no tree: ${names} → back to the first.`);
        return undefined;
      }
      for (const k of walk) state[k] = 2;
    }
    const children: number[][] = Array.from({ length: n }, () => []);
    const top: number[] = [];
    const loose: number[] = [];
    for (let i = 0; i < n; i++) {
      if (this.repeated.has(i)) continue;
      const p = this.parentOf[i];
      if (p >= 0) children[p].push(i);
      else if (p === -1) top.push(i);
      else loose.push(i);
    }
    // Siblings with sequenceNumbers follow them. Siblings with none (all of them) follow their listEnumeration, else
    // their humanCodingScheme in natural order (as OpenSALT shows them: L1.2 before L1.10), else the file's order.
    const code = (i: number) => (this.items[i].humanCodingScheme ?? '').trim();
    const listed = (i: number) => sequence(this.items[i].listEnumeration);
    const sorted = (list: number[]): number[] => {
      if (list.some((i) => this.seqOf[i] !== undefined)) return list.sort((a, b) => (this.seqOf[a] ?? Infinity) - (this.seqOf[b] ?? Infinity) || a - b);
      if (list.every((i) => listed(i) !== undefined)) return list.sort((a, b) => (listed(a) as number) - (listed(b) as number) || a - b);
      if (list.every((i) => code(i) !== '')) return list.sort((a, b) => naturalCompare(code(a), code(b)) || a - b);
      return list.sort((a, b) => a - b);
    };
    const order: number[] = [];
    const stack = [...loose].reverse().concat(sorted([...top]).reverse());
    while (stack.length > 0) {
      const i = stack.pop() as number;
      order.push(i);
      const kids = sorted(children[i]);
      for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
    }
    this.children = children;
    return order;
  }


}
