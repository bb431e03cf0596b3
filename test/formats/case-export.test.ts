import { readFileSync } from 'node:fs';
import { cp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type WorkbookSnapshot } from '../../shared';
import { exportCase, importCase, type CFPackage } from '../../shared/formats/case';
import { importMoodle } from '../../shared/formats/moodle';
import { UUID_PATTERN } from '../../shared/formats/uuid';
import { run as runExport } from '../../sync-server/cli/commands/export';
import { bufferIO } from '../../sync-server/cli/io';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { exportFramework, incomingFromText } from '../../sync-server/services/exchange';
import { acmeSource, asSnapshot, EXAMPLES, moodleFixtureText, OPENSALT_PACKAGES, ROOT, tempFolders } from './helpers';
import { STATE_STANDARD, stateStandard } from './state-standard';

const WHEN = '2026-11-23T12:00:00Z';
const ACME = join(ROOT, 'examples/acme');
const FRAMEWORK_ID = '3b9f6c2e-5d4a-4e8b-9c1f-7a2d6e0b4c13';
const pkgOf = (snapshot: WorkbookSnapshot, hasSpreadsheetId = false) => JSON.parse(exportFramework(snapshot, 'case', { changedAt: WHEN, hasSpreadsheetId }).content as string) as CFPackage;
const withFramework = (snapshot: WorkbookSnapshot, id = FRAMEWORK_ID): WorkbookSnapshot => ({ ...snapshot, sheets: [...snapshot.sheets, { name: 'Framework', values: [['Framework ID', 'Title'], [id, 'Acme Cloud career framework']] }] });
const code = (pkg: CFPackage) => new Map(pkg.CFItems.map((i) => [i.identifier, i.humanCodingScheme ?? i.identifier]));

const temp = tempFolders('case-export');

describe('CASE export is deterministic', () => {
  it('the same workbook and time give byte-identical packages, every time taken from the given time', async () => {
    const acme = await loadWorkbook(ACME);
    const a = exportFramework(acme, 'case', { changedAt: WHEN, hasSpreadsheetId: false }).content;
    expect(exportFramework(acme, 'case', { changedAt: WHEN, hasSpreadsheetId: false }).content).toBe(a);
    const pkg = JSON.parse(a as string) as CFPackage;
    const times = new Set([pkg.CFDocument.lastChangeDateTime, ...pkg.CFItems.map((i) => i.lastChangeDateTime), ...pkg.CFAssociations.map((x) => x.lastChangeDateTime)]);
    expect(times).toEqual(new Set([WHEN]));
  });

  it('`rungs export` of a folder twice gives the same bytes; the time is the newest CSV file change, or --changed-at', async () => {
    const dir = await temp();
    const wb = join(dir, 'acme');
    await cp(ACME, wb, { recursive: true });
    const old = new Date('2025-01-01T00:00:00Z');
    for (const f of await readdir(wb)) await utimes(join(wb, f), old, old);
    const when = new Date('2026-03-04T05:06:07.890Z');
    await utimes(join(wb, 'Tracks.csv'), when, when);
    const outs = [join(dir, 'one.json'), join(dir, 'two.json'), join(dir, 'three.json')];
    for (const out of outs.slice(0, 2)) expect(await runExport([wb, '--format', 'case', '--out', out], bufferIO())).toBe(0);
    expect(await readFile(outs[1], 'utf8')).toBe(await readFile(outs[0], 'utf8'));
    expect((JSON.parse(await readFile(outs[0], 'utf8')) as CFPackage).CFDocument.lastChangeDateTime).toBe('2026-03-04T05:06:07Z');
    expect(await runExport([wb, '--format', 'case', '--out', outs[2], '--changed-at', '2027-01-02T03:04:05+01:00'], bufferIO())).toBe(0);
    expect((JSON.parse(await readFile(outs[2], 'utf8')) as CFPackage).CFItems[0].lastChangeDateTime).toBe('2027-01-02T03:04:05+01:00');
    const bad = bufferIO();
    expect(await runExport([wb, '--format', 'case', '--out', outs[2], '--changed-at', '2027-01-02'], bad)).toBe(2);
    expect(bad.stderr()).toContain('--changed-at must be an ISO date-time with a zone');
  });
});

describe('CASE export identity', () => {
  it('the Framework tab\'s Framework ID is the CFDocument identifier, whatever else changes, and moves with the workbook', async () => {
    const acme = withFramework(await loadWorkbook(ACME));
    const pkg = pkgOf(acme);
    expect(pkg.CFDocument.identifier).toBe(FRAMEWORK_ID);
    expect(pkg.CFDocument.title).toBe('Acme Cloud career framework');
    const edited = structuredClone(acme);
    edited.sheets.find((s) => s.name === 'Competencies')!.values[1][1] = 'Company and product context';
    const again = pkgOf({ ...edited, spreadsheetId: 'moved-elsewhere' });
    expect(again.CFDocument.identifier).toBe(FRAMEWORK_ID);
    expect(again.CFItems.map((i) => i.identifier)).toEqual(pkg.CFItems.map((i) => i.identifier));
  });

  it('two different workbooks in folders both named "workbook" never export the same CFDocument identifier', async () => {
    const dir = await temp();
    const [one, two] = [join(dir, 'a/workbook'), join(dir, 'b/workbook')];
    await cp(EXAMPLES[0], one, { recursive: true });
    await cp(EXAMPLES[1], two, { recursive: true });
    const ids: string[] = [];
    const itemIds: string[][] = [];
    for (const wb of [one, two]) {
      const io = bufferIO();
      expect(await runExport([wb, '--format', 'case', '--out', `${wb}.json`, '--json'], io)).toBe(0);
      const pkg = JSON.parse(await readFile(`${wb}.json`, 'utf8')) as CFPackage;
      ids.push(pkg.CFDocument.identifier);
      itemIds.push(pkg.CFItems.map((i) => i.identifier));
      // Without a Framework tab the identifier comes from the content: the export says so and gives the line to add.
      const derived = (JSON.parse(io.stdout()) as { code: string; message: string }[]).find((f) => f.code === 'case-framework-id-derived');
      expect(derived?.message).toContain(pkg.CFDocument.identifier);
    }
    expect(ids[0]).not.toBe(ids[1]);
    expect(itemIds[0].filter((id) => itemIds[1].includes(id))).toEqual([]);
    // With a Framework tab, that identifier, wherever the folder is.
    await writeFile(join(two, 'Framework.csv'), `Framework ID\r\n${FRAMEWORK_ID}\r\n`);
    await cp(two, join(dir, 'c/renamed'), { recursive: true });
    for (const wb of [two, join(dir, 'c/renamed')]) {
      const io = bufferIO();
      expect(await runExport([wb, '--format', 'case', '--out', `${wb}.json`, '--json'], io)).toBe(0);
      expect((JSON.parse(await readFile(`${wb}.json`, 'utf8')) as CFPackage).CFDocument.identifier).toBe(FRAMEWORK_ID);
      expect(io.stdout()).not.toContain('case-framework-id-derived');
    }
  });

  it('a workbook with a spreadsheet id (the add-on, the server) keeps one identifier across edits', async () => {
    const acme = { ...(await loadWorkbook(ACME)), spreadsheetId: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEfG' };
    const edited = structuredClone(acme);
    edited.sheets.find((s) => s.name === 'Competencies')!.values[2][1] = 'Writing';
    expect(pkgOf(edited, true).CFDocument.identifier).toBe(pkgOf(acme, true).CFDocument.identifier);
    expect(pkgOf({ ...acme, spreadsheetId: 'another-spreadsheet-id-0000000000000000000' }, true).CFDocument.identifier).not.toBe(pkgOf(acme, true).CFDocument.identifier);
  });

  it('items keep the identifiers and URIs they came with', () => {
    const text = OPENSALT_PACKAGES.find((p) => p.endsWith('what-standards-could-be.json')) as string;
    const original = JSON.parse(readFileSync(text, 'utf8')) as { CFDocument: { identifier: string }; CFItems: { identifier: string; uri: string }[] };
    const wb = incomingFromText('case', JSON.stringify(original), 'standards.json').alone;
    const pkg = pkgOf(wb);
    expect(pkg.CFDocument.identifier).toBe(original.CFDocument.identifier);
    expect(pkg.CFItems.map((i) => [i.identifier, i.uri]).sort()).toEqual(original.CFItems.map((i) => [i.identifier, i.uri]).sort());
  });

  it('a source identifier that is not a UUID: a UUID derived from it, the original in uri and an exactMatchOf; re-import restores it', () => {
    const { pkg: source } = stateStandard({ ...STATE_STANDARD, asnIdentifiers: true });
    const asn = (source.CFItems.find((i) => i.CFItemType === 'Standard') as { identifier: string }).identifier;
    const pkg = pkgOf(incomingFromText('case', JSON.stringify(source), 'state.json').alone);
    const item = pkg.CFItems.find((i) => i.uri === asn);
    expect(item?.identifier).toMatch(UUID_PATTERN);
    const match = pkg.CFAssociations.find((a) => a.associationType === 'exactMatchOf' && a.originNodeURI.identifier === item?.identifier && a.destinationNodeURI.identifier === asn);
    expect(match?.destinationNodeURI.uri).toBe(asn);
    const back = importCase(JSON.stringify(pkg));
    expect(back.competencies.find((c) => c.extra['CASE Identifier'] === asn)).toBeDefined();
    expect(back.competencies.every((c) => !(c.extra['CASE Associations'] ?? '').includes(`| ${asn} |`))).toBe(true);
  });
});

describe('CASE export carries every relation the workbook holds', async () => {
  const acme = await acmeSource();
  const { json, findings } = exportCase(acme, { frameworkId: FRAMEWORK_ID, lastChangeDateTime: WHEN });
  const codes = code(json);
  const pairs = (type: string) => json.CFAssociations.filter((a) => a.associationType === type).map((a) => `${codes.get(a.originNodeURI.identifier)}->${codes.get(a.destinationNodeURI.identifier)}`);

  it('Depends On as precedes: the prerequisite precedes the dependent', () => {
    expect(pairs('precedes').sort()).toEqual(acme.workbook.competencies.flatMap((c) => c.dependsOn.map((d) => `${d}->${c.id}`)).sort());
  });

  it('Shared and Role scope as the concept keyword', () => {
    for (const c of acme.workbook.competencies) expect(json.CFItems.find((i) => i.humanCodingScheme === c.id && i.CFItemType === 'Competency')?.conceptKeywords).toEqual([c.scope]);
  });

  it('levels as Job Level items under their track, sequenceNumber = Order', () => {
    const levels = json.CFAssociations.filter((a) => a.associationType === 'isChildOf' && codes.get(a.destinationNodeURI.identifier) === 'ENG-MGR');
    expect(levels.map((a) => [codes.get(a.originNodeURI.identifier), a.sequenceNumber])).toEqual([['M1', 1], ['M2', 2], ['M3', 3], ['M4', 4]]);
  });

  it('lists what CASE cannot carry', () => {
    expect(findings.map((f) => f.code)).toEqual(['case-not-exported']);
    expect(findings[0].message).toMatch(/matrix expectations; track type, owner, status and review-by date; 19 positions; 32 modules; 3 rubrics; 25 employees/);
  });

  it('Related as isRelatedTo and the hierarchy as isChildOf (the OECD workbook)', () => {
    const oecd = importMoodle(moodleFixtureText());
    const pkg = pkgOf(asSnapshot(oecd, 'oecd'));
    const c = code(pkg);
    const related = pkg.CFAssociations.filter((a) => a.associationType === 'isRelatedTo').map((a) => `${c.get(a.originNodeURI.identifier)}->${c.get(a.destinationNodeURI.identifier)}`);
    expect(related).toContain('DR-AT1->level-1');
    expect(related).toContain('level-1->S-DT-1');
    expect(related.length).toBe(39 * 2);
    const parents = pkg.CFAssociations.filter((a) => a.associationType === 'isChildOf').map((a) => `${c.get(a.originNodeURI.identifier)}->${c.get(a.destinationNodeURI.identifier)}`);
    expect(parents).toContain('DR-AT1->analytical-thinking');
    expect(parents).toContain('analytical-thinking->delivery');
  });

  it('groupings with their item type, siblings numbered in reading order', () => {
    const { pkg: source, readingOrder } = stateStandard();
    const pkg = pkgOf(incomingFromText('case', JSON.stringify(source), 'state.json').alone);
    const c = code(pkg);
    expect(pkg.CFItems.filter((i) => i.CFItemType === 'Cluster')).toHaveLength(135);
    const under = pkg.CFAssociations.filter((a) => a.associationType === 'isChildOf' && c.get(a.destinationNodeURI.identifier) === '3.MD.A');
    expect(under.sort((a, b) => (a.sequenceNumber ?? 0) - (b.sequenceNumber ?? 0)).map((a) => c.get(a.originNodeURI.identifier))).toEqual(readingOrder.filter((s) => /^3\.MD\.A\.\d+$/.test(s)));
  });
});
