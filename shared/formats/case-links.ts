/**
 * The "CASE Associations" cell: associations of an item that Rungs has no column for (exactMatchOf, exemplar,
 * isPartOf, a second isChildOf, links to items outside the package...), kept so that export writes them again.
 * One association per line: `<type> → <uri> | <identifier> | <title>` when the item is the origin,
 * `<type> ← ...` when it is the destination.
 */

export interface CaseLink {
  type: string;
  /** out: this item is the origin; in: this item is the destination. */
  direction: 'out' | 'in';
  identifier: string;
  uri: string;
  title: string;
}

const LINE = /^(\S+)\s+(→|←|->|<-)\s+(.*)$/;

export function formatLinks(links: readonly CaseLink[]): string {
  return links.map((l) => `${l.type} ${l.direction === 'out' ? '→' : '←'} ${[l.uri, l.identifier, l.title].join(' | ')}`).join('\n');
}

/** Lines that do not read as an association are returned as `bad` so the caller can name them. */
export function parseLinks(text: string): { links: CaseLink[]; bad: string[] } {
  const links: CaseLink[] = [];
  const bad: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const m = LINE.exec(line);
    const [uri = '', identifier = '', ...title] = m ? m[3].split(' | ').map((s) => s.trim()) : [];
    if (!m || (uri === '' && identifier === '')) {
      bad.push(line);
      continue;
    }
    links.push({ type: m[1], direction: m[2] === '→' || m[2] === '->' ? 'out' : 'in', identifier: identifier || uri, uri: uri || identifier, title: title.join(' | ') });
  }
  return { links, bad };
}
