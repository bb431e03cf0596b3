import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateSnapshot } from '../../shared';
import { importCase } from '../../shared/formats/case';
import { sourceUuid } from '../../shared/formats/case-identity';
import { asSnapshot, OPENSALT_PACKAGES, packageText, SBAC_CLAIM2, SBAC_CONTENT_SPEC } from './helpers';
import { STATE_STANDARD, stateStandard } from './state-standard';

const TODAY = '2026-11-23';
const fixture = (name: string) => readFileSync(OPENSALT_PACKAGES.find((p) => p.endsWith(name)) as string, 'utf8');
const errors = (r: ReturnType<typeof importCase>) => r.findings.filter((f) => f.severity === 'error');

describe('CASE import of real packages published with OpenSALT (CASE 1.0 era)', () => {
  it.each(OPENSALT_PACKAGES.map((p) => [p.split('/').pop() as string, p]))('%s imports with no error', (_, path) => {
    const r = importCase(readFileSync(path, 'utf8'), { fileName: 'f.json' });
    expect(errors(r)).toEqual([]);
    expect(r.ok).toBe(true);
    const pkg = JSON.parse(readFileSync(path, 'utf8')) as { CFItems: unknown[] };
    expect(r.competencies.length + r.groupings.length).toBe(pkg.CFItems.length);
    // What the workbook gets is a workbook the validator accepts without errors.
    expect(validateSnapshot(asSnapshot(r), { today: TODAY }).filter((f) => f.severity === 'error' && f.code !== 'missing-tab')).toEqual([]);
  });

  it('reads CFDocumentURI as a plain string, sequenceNumber as a string and educationalLevel as a string (what-standards-could-be)', () => {
    const r = importCase(fixture('what-standards-could-be.json'));
    expect(r.groupings.map((g) => [g.id, g.extra['Item Type'], g.extra['Education Level']])).toEqual([
      ['CCSS.Math.Content.6.RP.A', 'Cluster', '06'], ['CCSS.Math.Content.7.RP.A', 'Cluster', '07'],
    ]);
    const byId = new Map(r.competencies.map((c) => [c.id, c]));
    // Standards and their components become competencies, under their cluster / standard, in the standard's order.
    expect(r.competencies.filter((c) => c.extra['Parent ID'] === 'CCSS.Math.Content.6.RP.A').map((c) => c.id)).toEqual(['CCSS.Math.Content.6.RP.A.1', 'CCSS.Math.Content.6.RP.A.2', 'CCSS.Math.Content.6.RP.A.3']);
    expect(byId.get('CCSS.Math.Content.6.RP.A.3b')?.extra['Parent ID']).toBe('CCSS.Math.Content.6.RP.A.3');
    expect(byId.get('CCSS.Math.Content.6.RP.A.3b')?.extra['Item Type']).toBe('Component');
    expect(byId.get('CCSS.Math.Content.6.RP.A.1')?.extra.Notes).toMatch(/^For example, "The ratio of wings to beaks/);
    expect(byId.get('CCSS.Math.Content.6.RP.A.1')?.extra.Language).toBe('en');
    // precedes between two standards -> Depends On; isRelatedTo / exemplar / exactMatchOf outside the package -> kept.
    expect(byId.get('CCSS.Math.Content.6.RP.A.2')?.dependsOn).toEqual(['CCSS.Math.Content.6.RP.A.1']);
    expect(byId.get('CCSS.Math.Content.7.RP.A.3')?.dependsOn).toEqual(['CCSS.Math.Content.6.RP.A.3']);
    const links = byId.get('CCSS.Math.Content.6.RP.A.2')?.extra['CASE Associations'] ?? '';
    expect(links).toContain('exactMatchOf → http://opensalt-staging.opened.com/uri/');
    expect(links).toContain('precedes → http://opensalt-staging.opened.com/uri/61a66013-f85c-59c7-bdba-a2c9030e1c21');
    const external = r.findings.find((f) => f.code === 'case-external-reference');
    expect(external).toMatchObject({ severity: 'warning', cell: expect.stringMatching(/^\/CFAssociations\/\d+$/) });
    expect(external?.message).toContain('21 associations');
    expect(r.summary).toEqual(['Cluster: 2 → Groupings', 'Standard: 6 → Competencies', 'Component: 8 → Competencies']);
    expect(r.framework).toMatchObject({ 'Framework ID': '20c5134f-423d-4097-a971-3dd5152bf507', Title: 'What Standards Could Be', Creator: 'Brandon Dorman', URI: 'http://opensalt-staging.opened.com/uri/20c5134f-423d-4097-a971-3dd5152bf507' });
  });

  it('keeps each item identifier and URI when Rungs would not derive them itself', () => {
    const r = importCase(fixture('what-standards-could-be.json'));
    const c = r.competencies.find((x) => x.id === 'CCSS.Math.Content.6.RP.A.1');
    expect(c?.extra['CASE Identifier']).toBe('b6f61076-aa12-450b-8f9d-b86bc071f85e');
    expect(c?.extra['CASE URI']).toBe('http://opensalt-staging.opened.com/uri/b6f61076-aa12-450b-8f9d-b86bc071f85e');
  });

  it('orders siblings by sequenceNumber, not by their place in the file (SequenceNumberFramework)', () => {
    const pkg = JSON.parse(fixture('SequenceNumberFramework.json')) as { CFItems: { humanCodingScheme: string }[] };
    expect(pkg.CFItems.map((i) => i.humanCodingScheme)).toEqual(['SNT.1', 'SNT.2']);
    // SNT.1 is isChildOf the document with sequenceNumber 2, SNT.2 with 1.
    expect(importCase(fixture('SequenceNumberFramework.json')).competencies.map((c) => c.id)).toEqual(['SNT.2', 'SNT.1']);
  });

  it('keeps the item type a package defines, non-ASCII text and items without a code (ItemType, Utf8 frameworks)', () => {
    expect(importCase(fixture('ItemTypeTestFramework.json')).competencies.map((c) => [c.name, c.extra['Item Type']])).toEqual([['Item 1', 'Standard']]);
    const utf8 = importCase(fixture('Utf8TestFramework.json'));
    expect(utf8.competencies.map((c) => [c.id, c.name])).toEqual([['00000000-0000-0000-0000-000000000001', 'Item 𝑑 1']]);
    expect(utf8.framework?.Title).toBe('UTF8 𝑑 Test');
  });

  it('keeps an untyped hierarchy: items with children become groupings, leaves competencies (test_framework_case)', () => {
    const r = importCase(fixture('test_framework_case.json'));
    expect(r.summary).toEqual(['(no item type): 16 → Groupings, 49 → Competencies']);
    const ids = new Set([...r.groupings, ...r.competencies].map((x) => x.id));
    for (const row of [...r.groupings, ...r.competencies]) if (row.extra['Parent ID']) expect(ids.has(row.extra['Parent ID'])).toBe(true);
  });
});

describe('CASE import of real packages published by Smarter Balanced', () => {
  it('the Math Content Specification: 585 items, 3,368 associations, no error; groupings kept, counts per item type', () => {
    const r = importCase(packageText(SBAC_CONTENT_SPEC), { fileName: 'sbac.json' });
    expect(errors(r)).toEqual([]);
    expect(r.summary).toEqual([
      '(no item type): 1 → Groupings', 'Domain: 11 → Groupings', 'Grade: 7 → Groupings', 'Claim: 28 → Groupings',
      'Conceptual Category: 35 → Groupings', 'Target: 205 → Competencies', 'Measured Skill: 298 → Competencies',
    ]);
    expect(r.groupings).toHaveLength(82);
    expect(r.competencies).toHaveLength(503);
    // 419 distinct precedes between competencies became Depends On (one of the 420 is listed twice in the file).
    expect(r.competencies.reduce((n, c) => n + (c.dependsOn?.length ?? 0), 0)).toBe(419);
    expect(r.findings.find((f) => f.code === 'case-external-reference')?.message).toContain('2005 associations');
    expect(validateSnapshot(asSnapshot(r), { today: TODAY }).filter((f) => f.severity === 'error' && f.code !== 'missing-tab')).toEqual([]);
  });

  it('the Grades 3-5 Claim 2 specification: 12 item types, each reported with where it went', () => {
    const r = importCase(packageText(SBAC_CLAIM2));
    expect(errors(r)).toEqual([]);
    expect(r.summary).toContain('Example: 209 → Competencies');
    expect(r.summary).toContain('Domain: 19 → Groupings');
    expect(r.competencies.length + r.groupings.length).toBe(305);
  });
});

describe('CASE import of a state standard (grades > domains > clusters > standards > components, all isChildOf)', () => {
  const { pkg, counts, readingOrder } = stateStandard();
  const r = importCase(JSON.stringify(pkg), { fileName: 'state.json' });

  it('imports hundreds of standards with no error: standards and components become competencies, in reading order', () => {
    expect(counts.Standard).toBe(405);
    expect(errors(r)).toEqual([]);
    expect(r.competencies.map((c) => c.id)).toEqual(readingOrder);
    expect(r.summary).toEqual(['Grade Level: 9 → Groupings', 'Domain: 45 → Groupings', 'Cluster: 135 → Groupings', 'Standard: 405 → Competencies', `Component: ${counts.Component} → Competencies`]);
  });

  it('keeps grades, domains and clusters as groupings, each under its parent', () => {
    const byId = new Map([...r.groupings, ...r.competencies].map((x) => [x.id, x]));
    expect(byId.get('3.MD.A.1')?.extra['Parent ID']).toBe('3.MD.A');
    expect(byId.get('3.MD.A')?.extra['Parent ID']).toBe('3.MD');
    expect(byId.get('3.MD')?.extra['Parent ID']).toBe('3');
    expect(byId.get('3')?.extra['Parent ID']).toBe('');
    expect(byId.get('3.MD')?.extra['Item Type']).toBe('Domain');
    expect(byId.get('3.MD.A.1')?.extra['Education Level']).toBe('03');
  });

  it('a standard whose identifiers are ASN URIs, not UUIDs: kept with a warning, never an error', () => {
    const asn = importCase(JSON.stringify(stateStandard({ ...STATE_STANDARD, asnIdentifiers: true }).pkg));
    expect(errors(asn)).toEqual([]);
    const first = asn.competencies[0];
    expect(first.extra['CASE Identifier']).toMatch(/^http:\/\/asn\.jesandco\.org\/resources\/S\d+$/);
    expect(asn.findings.find((f) => f.code === 'case-identifier-not-uuid')).toMatchObject({ severity: 'warning', cell: expect.stringMatching(/^\/CFItems\/\d+\/identifier$/) });
    expect(sourceUuid(first.extra['CASE Identifier'])).toMatch(/^[0-9a-f-]{36}$/);
  });
});
