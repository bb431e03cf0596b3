import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCase } from '../../shared/formats/case';
import { OPENSALT_PACKAGES } from './helpers';

type Json = Record<string, unknown> & { CFItems: Record<string, unknown>[]; CFAssociations: Record<string, Record<string, unknown> | unknown>[] };
const original = readFileSync(OPENSALT_PACKAGES.find((p) => p.endsWith('what-standards-could-be.json')) as string, 'utf8');
const good = () => JSON.parse(original) as Json;
const assoc = (pkg: Json, i: number) => pkg.CFAssociations[i] as Record<string, Record<string, unknown>>;
const firstOf = (pkg: Json, type: string) => pkg.CFAssociations.findIndex((a) => (a as { associationType: string }).associationType === type);

/** The import refuses: every row list empty, and a finding with this code at this JSON pointer. */
function rejected(input: unknown, code: string, pointer: string): void {
  const r = importCase(input, { fileName: 'bad.json' });
  expect(r.ok).toBe(false);
  expect([r.competencies, r.groupings, r.levels, r.tracks]).toEqual([[], [], [], []]);
  expect(r.framework).toBeNull();
  expect(r.findings.find((f) => f.code === code && f.cell === pointer && f.severity === 'error'), JSON.stringify(r.findings, null, 1)).toBeDefined();
  expect(r.findings.every((f) => f.sheet === 'bad.json')).toBe(true);
}

describe('CASE import of bad input: an error with a JSON pointer, nothing imported', () => {
  it('text that is not JSON (cut short), with the line and column', () => {
    rejected(original.slice(0, 5000), 'case-bad-json', '');
    expect(importCase(original.slice(0, 5000)).findings[0].message).toMatch(/line \d+, column \d+|end of JSON|Unexpected end/);
    rejected('', 'case-bad-json', '');
  });

  it('JSON that is not a package', () => {
    rejected('[1, 2, 3]', 'case-invalid', '');
    rejected('{"items": []}', 'case-invalid', '/CFDocument');
  });

  it('a missing identifier, a missing statement, a list that is not a list', () => {
    const a = good();
    delete a.CFItems[3].identifier;
    rejected(a, 'case-invalid', '/CFItems/3/identifier');
    const b = good();
    b.CFItems[5].fullStatement = '';
    rejected(b, 'case-invalid', '/CFItems/5/fullStatement');
    const c = good();
    (c as Record<string, unknown>).CFAssociations = { not: 'a list' };
    rejected(c, 'case-invalid', '/CFAssociations');
    const d = good();
    delete assoc(d, 2).originNodeURI;
    rejected(d, 'case-invalid', '/CFAssociations/2/originNodeURI');
  });

  it('an identifier used by two items', () => {
    const pkg = good();
    pkg.CFItems[4].identifier = pkg.CFItems[1].identifier;
    rejected(pkg, 'case-duplicate-identifier', '/CFItems/4/identifier');
  });

  it('a dangling identifier: its uri names an item of the package, its identifier none', () => {
    const pkg = good();
    const i = firstOf(pkg, 'precedes');
    const dest = assoc(pkg, i).destinationNodeURI;
    const target = pkg.CFItems.find((it) => it.identifier !== dest.identifier) as { uri: string };
    assoc(pkg, i).destinationNodeURI = { ...dest, identifier: '0b3e2c1a-0000-4000-8000-000000000000', uri: target.uri };
    rejected(pkg, 'case-dangling-association', `/CFAssociations/${i}/destinationNodeURI/identifier`);
  });

  it('an isChildOf to a parent in another framework: imported, the item at the top, the outside parent kept as a link with a warning', () => {
    const pkg = good();
    const i = firstOf(pkg, 'isChildOf');
    const child = String(assoc(pkg, i).originNodeURI.identifier);
    assoc(pkg, i).destinationNodeURI = { title: 'adopted from', identifier: '7d1c9e52-0000-4000-8000-000000000000', uri: 'https://elsewhere.example/CFItems/7d1c9e52' };
    const r = importCase(pkg);
    expect(r.ok).toBe(true);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.findings.map((f) => f.code)).toContain('case-external-reference');
    const rows = [...r.competencies, ...(r.groupings ?? [])] as unknown as Record<string, string>[];
    const row = rows.find((c) => JSON.stringify(c).includes(child));
    expect(row).toBeDefined();
    expect(JSON.stringify(row)).toContain('https://elsewhere.example/CFItems/7d1c9e52');
  });

  it('items that are each other\'s parents', () => {
    const pkg = good();
    const i = firstOf(pkg, 'isChildOf');
    const child = assoc(pkg, i).originNodeURI;
    const parent = assoc(pkg, i).destinationNodeURI;
    pkg.CFAssociations.push({ ...assoc(pkg, i), identifier: '5f7c0e9a-0000-4000-8000-000000000001', originNodeURI: parent, destinationNodeURI: child });
    // The parent is a cluster under the document: it now has two parents; the first stays, so make the loop the first.
    pkg.CFAssociations = pkg.CFAssociations.filter((a) => !((a as { originNodeURI: { identifier: string }; associationType: string }).associationType === 'isChildOf' && (a as { originNodeURI: { identifier: string } }).originNodeURI.identifier === parent.identifier && (a as { destinationNodeURI: { identifier: string } }).destinationNodeURI.identifier !== child.identifier));
    const r = importCase(pkg);
    expect(r.ok).toBe(false);
    expect(r.competencies).toEqual([]);
    expect(r.findings.find((f) => f.code === 'case-hierarchy-cycle')?.cell).toMatch(/^\/CFAssociations\/\d+$/);
  });

  it('competencies that precede each other in a loop: imported as written, with a warning (validation then points at the cells)', () => {
    const pkg = good();
    const ids = new Set(pkg.CFItems.map((it) => it.identifier));
    const i = pkg.CFAssociations.findIndex((_, k) => assoc(pkg, k).associationType as unknown === 'precedes' && ids.has(assoc(pkg, k).destinationNodeURI.identifier));
    const a = assoc(pkg, i);
    // 6.RP.A.1 precedes 6.RP.A.2 in the file; add the way back.
    pkg.CFAssociations.push({ ...a, identifier: '5f7c0e9a-0000-4000-8000-000000000002', originNodeURI: a.destinationNodeURI, destinationNodeURI: a.originNodeURI });
    const r = importCase(pkg);
    expect(r.ok).toBe(true);
    const f = r.findings.find((x) => x.code === 'case-precedes-cycle');
    expect(f?.severity).toBe('warning');
    expect(f?.cell).toMatch(/^\/CFAssociations\/\d+$/);
    expect(f?.message).toContain('CCSS.Math.Content.6.RP.A');
    const byId = new Map(r.competencies.map((c) => [c.id, c.dependsOn]));
    expect(byId.get('CCSS.Math.Content.6.RP.A.1')).toEqual(['CCSS.Math.Content.6.RP.A.2']);
    expect(byId.get('CCSS.Math.Content.6.RP.A.2')).toEqual(['CCSS.Math.Content.6.RP.A.1']);
  });

  it('text that is not UTF-8', () => {
    rejected(Buffer.from('{"CFDocument": "Compétence"}', 'latin1').toString('utf8'), 'bad-encoding', '');
  });
});
