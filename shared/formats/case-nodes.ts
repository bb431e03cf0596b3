/** The rows a CASE export writes as items (tracks, levels, groupings, competencies), read the same way whatever tab. */
import { a1, cellText, headerKey, splitList } from '../cells';
import type { Workbook } from '../model';
import type { ItemKind } from './case-identity';
import { CASE_COMPETENCY, CASE_GROUPING, CASE_LEVEL, CASE_TRACK } from './case-schema';
import { ITEM_TYPE_HEADER, PARENT_ID_HEADER, RELATED_HEADER } from './exchange-columns';
import { cell, type ExchangeSource, type Grouping } from './exchange-tabs';
import { extraText } from './extra';

export interface Node {
  kind: ItemKind;
  id: string;
  trackId: string;
  name: string;
  description: string;
  type: string;
  parentId: string;
  related: string[];
  dependsOn: string[];
  scope: string;
  order: number | null;
  get: (header: string) => string;
  /** Sheet and A1 cell of a column of the row (the row's first cell when the column is absent). */
  at: (header: string) => { sheet: string; cell: string };
  identifier: string;
  uri: string;
  source: string;
}

function fixedNode(kind: ItemKind, row: { at: Workbook['tracks'][number]['at']; extra: Workbook['tracks'][number]['extra'] }, tabHeaders: readonly string[] | undefined, fields: Omit<Node, 'get' | 'at' | 'identifier' | 'uri' | 'source' | 'kind'>): Node {
  const colOf = (header: string) => {
    const i = (tabHeaders ?? []).findIndex((h) => headerKey(h) === headerKey(header));
    return i >= 0 ? i : 0;
  };
  let byKey: Map<string, string> | undefined;
  return {
    kind, ...fields,
    get: (header) => {
      byKey ??= new Map(Object.entries(row.extra).map(([h, v]) => [headerKey(h), cellText(v)]));
      return byKey.get(headerKey(header)) ?? '';
    },
    at: (header) => ({ sheet: row.at.sheet, cell: a1(row.at.row, colOf(header)) }),
    identifier: '', uri: '', source: '',
  };
}

function groupingNode(g: Grouping): Node {
  const get = (header: string) => cell(g.row, header);
  return {
    kind: 'grouping', id: g.id, trackId: '', name: g.name || g.id, description: get('Description'), type: get(ITEM_TYPE_HEADER) || CASE_GROUPING,
    parentId: get(PARENT_ID_HEADER), related: splitList(get(RELATED_HEADER)), dependsOn: [], scope: '', order: null, get,
    at: (header) => ({ sheet: g.row.sheet, cell: a1(g.row.row, g.row.cols.get(headerKey(header)) ?? 0) }),
    identifier: '', uri: '', source: '',
  };
}

export function nodesOf(src: ExchangeSource): Node[] {
  const wb = src.workbook;
  const headers = (role: string) => wb.tabs[role]?.headers;
  return [
    ...wb.tracks.map((t) => fixedNode('track', t, headers('tracks'), { id: t.id, trackId: '', name: t.name || t.id, description: t.description, type: CASE_TRACK, parentId: '', related: splitList(extraText(t.extra, RELATED_HEADER)), dependsOn: [], scope: '', order: null })),
    ...wb.levels.map((l) => fixedNode('level', l, headers('levels'), { id: l.code, trackId: l.trackId, name: l.name || l.code, description: l.description, type: CASE_LEVEL, parentId: l.trackId, related: splitList(extraText(l.extra, RELATED_HEADER)), dependsOn: [], scope: '', order: l.order })),
    ...src.groupings.map(groupingNode),
    ...wb.competencies.map((c) => fixedNode('competency', c, headers('competencies'), {
      id: c.id, trackId: '', name: c.name || c.id, description: c.description, type: extraText(c.extra, ITEM_TYPE_HEADER) || CASE_COMPETENCY,
      parentId: extraText(c.extra, PARENT_ID_HEADER), related: splitList(extraText(c.extra, RELATED_HEADER)), dependsOn: c.dependsOn, scope: c.scope ?? '', order: null,
    })),
  ];
}

