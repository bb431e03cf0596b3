/**
 * Shapes found in real CASE files from outside the project, each reproduced here in a few items (the files are
 * OpenSALT's Common Core math sample and test frameworks, opensalt/opensalt, MIT; a converter's output in
 * brandonopened/subjectmap; Smarter Balanced packages in osu-cass/AP-CSE-API, MPL-2.0): each is imported without error,
 * and an export imported back into the workbook it came from changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { importCase } from '../../shared/formats/case';
import { completeImport, exportFramework, incomingFromText, mergeTarget } from '../../sync-server/services/exchange';

const errors = (r: ReturnType<typeof importCase>) => r.findings.filter((f) => f.severity === 'error');
const CHANGE = /^import-(value|rows|column|tab)-/;

/**
 * Modelled on OpenSALT's Common Core mathematics sample (opensalt/opensalt `sample files/math_cfs_sample.json`): every
 * identifier an Achievement Standards Network URI, domains and the untyped practice heading without a
 * humanCodingScheme, CFDocumentURI / CFPackageURI as strings, educationalLevel (1.0) as a string.
 */
function asnPackage() {
  const doc = 'http://purl.org/ASN/resources/D10003FB';
  const base = 'https://salt-dev.edplancms.com/uri/';
  const item = (identifier: string, fullStatement: string, extra: Record<string, unknown> = {}) => ({
    CFDocumentURI: base + doc, identifier, uri: base + identifier, fullStatement, educationalLevel: 'KG', lastChangeDateTime: '2016-07-28T00:14:52', ...extra,
  });
  const items = [
    item('http://asn.jesandco.org/resources/S2366905', 'Standards for Mathematical Practice'),
    item('http://asn.jesandco.org/resources/S2366906', 'Make sense of problems and persevere in solving them.', { humanCodingScheme: 'CCSS.Math.Practice.MP1' }),
    item('http://purl.org/ASN/resources/S1143409', 'Counting and Cardinality', { CFItemType: 'Domain' }),
    item('http://purl.org/ASN/resources/S114340E', 'Know number names and the count sequence.', { CFItemType: 'Cluster', humanCodingScheme: 'CCSS.Math.Content.K.CC.A' }),
    item('http://corestandards.org/Math/Content/K/CC/A/1', 'Count to 100 by ones and by tens.', { CFItemType: 'Standard', humanCodingScheme: 'CCSS.Math.Content.K.CC.A.1' }),
    item('http://corestandards.org/Math/Content/K/CC/A/2', 'Count forward beginning from a given number within the known sequence.', { CFItemType: 'Standard', humanCodingScheme: 'CCSS.Math.Content.K.CC.A.2' }),
  ];
  const link = (id: string) => ({ title: id, identifier: id, uri: base + id });
  const childOf = (child: string, parent: string, sequenceNumber: number) => ({
    identifier: `${child}#isChildOf`, uri: `${base}${child}#isChildOf`, associationType: 'isChildOf', originNodeURI: link(child), destinationNodeURI: link(parent), sequenceNumber,
  });
  return {
    CFDocument: { identifier: doc, uri: base + doc, creator: 'National Governors Association Center for Best Practices', title: 'Common Core State Standards for Mathematics', lastChangeDateTime: '2016-09-28T21:40:01', CFPackageURI: base + doc },
    CFItems: items,
    CFAssociations: [
      childOf(items[0].identifier, doc, 1), childOf(items[1].identifier, items[0].identifier, 1), childOf(items[2].identifier, doc, 2),
      childOf(items[3].identifier, items[2].identifier, 1), childOf(items[4].identifier, items[3].identifier, 1), childOf(items[5].identifier, items[3].identifier, 2),
    ],
  };
}

/** Export the workbook a package makes as CASE, import that back into it: the findings of the merge. */
function roundTrip(pkg: unknown) {
  const made = incomingFromText('case', JSON.stringify(pkg), 'framework.json');
  expect(made.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const exported = exportFramework(made.alone, 'case', { changedAt: '2026-11-23T00:00:00Z', hasSpreadsheetId: false });
  const back = incomingFromText('case', exported.content ?? '', 'export.json', mergeTarget(made.alone, false));
  return { made, merged: completeImport(back, made.alone) };
}

describe('CASE packages as real publishers write them', () => {
  it('identifiers that are not UUIDs on items without a humanCodingScheme come back under the same row ids', () => {
    const { made, merged } = roundTrip(asnPackage());
    const groupings = made.alone.sheets.find((s) => s.name === 'Groupings')?.values ?? [];
    expect(groupings.slice(1).map((r) => [r[0], r[3]])).toEqual([
      ['http://asn.jesandco.org/resources/S2366905', ''],
      ['http://purl.org/ASN/resources/S1143409', ''],
      ['CCSS.Math.Content.K.CC.A', 'http://purl.org/ASN/resources/S1143409'],
    ]);
    expect(merged.findings.filter((f) => CHANGE.test(f.code)).map((f) => `${f.sheet}!${f.cell} ${f.message}`)).toEqual([]);
  });

  it('CFItems as an object keyed by identifier (what some converters write), read as the list of its values', () => {
    const pkg = asnPackage();
    const r = importCase({ ...pkg, CFItems: Object.fromEntries(pkg.CFItems.map((i) => [i.identifier, i])) });
    expect(errors(r)).toEqual([]);
    expect(r.competencies.map((c) => c.id)).toEqual(['CCSS.Math.Practice.MP1', 'CCSS.Math.Content.K.CC.A.1', 'CCSS.Math.Content.K.CC.A.2']);
    // An object that is not a list of items is still the wrong shape, named where it is.
    expect(importCase({ ...pkg, CFAssociations: { not: 'a list' } }).findings.map((f) => f.cell)).toEqual(['/CFAssociations']);
  });

  it('CFItemType written as the item type object, identifiers written as numbers, association types in another case', () => {
    const pkg = asnPackage();
    pkg.CFItems[2] = { ...pkg.CFItems[2], CFItemType: { title: 'Domain', identifier: '89d67580-f024-5f77-abd7-acfaef39b204', uri: 'https://salt-dev.edplancms.com/uri/89d67580-f024-5f77-abd7-acfaef39b204' } } as never;
    const numbered = JSON.parse(JSON.stringify(pkg).replaceAll('"http://corestandards.org/Math/Content/K/CC/A/2"', '4711')) as typeof pkg;
    for (const a of numbered.CFAssociations) a.associationType = 'IsChildOf';
    const r = importCase(numbered);
    expect(errors(r)).toEqual([]);
    expect(r.groupings.map((g) => [g.id, g.extra['Item Type']])).toEqual([
      ['http://asn.jesandco.org/resources/S2366905', ''], ['http://purl.org/ASN/resources/S1143409', 'Domain'], ['CCSS.Math.Content.K.CC.A', 'Cluster'],
    ]);
    const k2 = r.competencies.find((c) => c.id === 'CCSS.Math.Content.K.CC.A.2');
    expect([k2?.extra['Parent ID'], k2?.extra['CASE Identifier']]).toEqual(['CCSS.Math.Content.K.CC.A', '4711']);
  });

  it('siblings without a sequenceNumber follow their codes in natural order (OpenSALT\'s Ordering test framework)', () => {
    // ACT Holistic Framework, Math, as in opensalt/opensalt core/tests/_data/Ordering.json: 24 items under "Level 1"
    // listed as L1.1, L1.10 ... L1.19, L1.2, L1.20 ... with no sequenceNumber; OpenSALT's test expects 1, 2, ... 24.
    const doc = 'a33fc64e-5c40-11e7-82c4-3d54268aa9ee';
    const parent = '43bf51d6-3d92-4170-9531-df56731a1b6d';
    const codes = Array.from({ length: 24 }, (_, i) => `H.A.MATH.GM.PF.2DFP.L1.${i + 1}`).sort();
    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const pkg = {
      CFDocument: { identifier: doc, title: 'ACT Holistic Framework, Math' },
      CFItems: [{ identifier: parent, humanCodingScheme: 'H.A.MATH.GM.PF.2DFP.L1', fullStatement: 'Level 1' }, ...codes.map((c, n) => ({ identifier: id(n), humanCodingScheme: c, fullStatement: `Statement ${c}` }))],
      CFAssociations: [
        { associationType: 'isChildOf', originNodeURI: { identifier: parent }, destinationNodeURI: { identifier: doc } },
        ...codes.map((_, n) => ({ associationType: 'isChildOf', originNodeURI: { identifier: id(n) }, destinationNodeURI: { identifier: parent } })),
      ],
    };
    const r = importCase(pkg);
    expect(errors(r)).toEqual([]);
    expect(r.competencies.map((c) => Number(c.id.split('.').pop()))).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    // A sequenceNumber, where the file has one, still decides.
    pkg.CFAssociations[6] = { ...pkg.CFAssociations[6], sequenceNumber: 1 } as never;
    expect(importCase(pkg).competencies[0].id).toBe('H.A.MATH.GM.PF.2DFP.L1.14');
  });

  it('a list of packages, or a server\'s list of documents, is refused with what to do instead', () => {
    const pkg = asnPackage();
    expect(importCase([pkg, pkg]).findings.map((f) => [f.cell, f.message])).toEqual([['', 'The file holds 2 CASE packages in a list; import them one file at a time.']]);
    const listing = { CFDocuments: [pkg.CFDocument] };
    expect(importCase(listing).findings.map((f) => f.cell)).toEqual(['/CFDocuments']);
    expect(importCase(listing).findings[0].message).toContain('download the package of one of them');
  });

  it('an item listed twice exactly alike is one item (a warning); listed twice differently, nothing is imported', () => {
    const pkg = asnPackage();
    const twice = { ...pkg, CFItems: [...pkg.CFItems, { ...pkg.CFItems[4] }] };
    const r = importCase(twice);
    expect(errors(r)).toEqual([]);
    expect(r.competencies.map((c) => c.id)).toEqual(['CCSS.Math.Practice.MP1', 'CCSS.Math.Content.K.CC.A.1', 'CCSS.Math.Content.K.CC.A.2']);
    expect(r.findings.find((f) => f.code === 'case-item-repeated')).toMatchObject({ severity: 'warning', cell: '/CFItems/6' });
    // As Smarter Balanced's server once wrote it: the same identifier on "Evidence Required 1" and "... 2".
    const clash = { ...pkg, CFItems: [...pkg.CFItems, { ...pkg.CFItems[4], fullStatement: 'Count to 120.' }] };
    expect(errors(importCase(clash)).map((f) => [f.cell, f.code])).toEqual([['/CFItems/6/identifier', 'case-duplicate-identifier']]);
  });

  it('a CFItemTypeURI written as a plain URI names its CFDefinitions item type', () => {
    const pkg = asnPackage();
    const typeId = '89d67580-f024-5f77-abd7-acfaef39b204';
    const { CFItemType: _, ...domain } = pkg.CFItems[2] as Record<string, unknown>;
    const r = importCase({
      ...pkg,
      CFItems: pkg.CFItems.map((it, i) => (i === 2 ? { ...domain, CFItemTypeURI: `https://salt-dev.edplancms.com/uri/${typeId}` } : it)),
      CFDefinitions: { CFItemTypes: [{ identifier: typeId, title: 'Domain' }] },
    });
    expect(r.groupings.find((g) => g.id === 'http://purl.org/ASN/resources/S1143409')?.extra['Item Type']).toBe('Domain');
  });
});
