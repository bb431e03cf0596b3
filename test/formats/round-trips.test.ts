/**
 * Round trips through the real CLI: export a workbook in a format, import the file back `--into` the same workbook.
 * Every tab must stay cell-for-cell identical, or each difference must be a finding naming its cell, and every
 * change finding must name a cell that really changed.
 */
import { writeFileSync } from 'node:fs';
import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { a1, cellText, type Finding, type WorkbookSnapshot } from '../../shared';
import { run as runExport } from '../../sync-server/cli/commands/export';
import { run as runImport } from '../../sync-server/cli/commands/import';
import { bufferIO } from '../../sync-server/cli/io';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { EXAMPLES, MOODLE_FIXTURE, SBAC_CLAIM2, SBAC_CONTENT_SPEC, packageText, tempFolders } from './helpers';
import { stateStandard } from './state-standard';

const temp = tempFolders('round-trips');

type Format = 'csv' | 'moodle' | 'case';
const CHANGE = new Set(['import-value-changed', 'import-value-cleared', 'import-value-filled', 'import-rows-added', 'import-column-added', 'import-tab-added']);

/** Every cell that differs between two workbooks, as "Sheet!A1". */
function differences(before: WorkbookSnapshot, after: WorkbookSnapshot): string[] {
  const out: string[] = [];
  for (const b of after.sheets) {
    const a = before.sheets.find((s) => s.name === b.name);
    if (!a) { out.push(`${b.name}!(new tab)`); continue; }
    for (let r = 0; r < Math.max(a.values.length, b.values.length); r++) {
      const ra = a.values[r] ?? [];
      const rb = b.values[r] ?? [];
      for (let c = 0; c < Math.max(ra.length, rb.length); c++) if (cellText(ra[c]) !== cellText(rb[c])) out.push(`${b.name}!${a1(r, c)}`);
    }
  }
  return out;
}

/** Each difference is covered by a finding: its own cell, the row-added finding of its tab, or its new column. */
function explained(diff: string, findings: readonly Finding[], before: WorkbookSnapshot): boolean {
  const [sheet, cell] = diff.split('!');
  if (cell === '(new tab)') return findings.some((f) => f.sheet === sheet && f.code === 'import-tab-added');
  if (findings.some((f) => f.sheet === sheet && f.cell === cell && CHANGE.has(f.code))) return true;
  const row = Number(/\d+$/.exec(cell)?.[0]);
  const rowsBefore = before.sheets.find((s) => s.name === sheet)?.values.length ?? 0;
  const column = cell.replace(/\d+$/, '');
  return (row > rowsBefore && findings.some((f) => f.sheet === sheet && f.code === 'import-rows-added'))
    || (row === 1 && findings.some((f) => f.sheet === sheet && f.cell === `${column}1` && f.code === 'import-column-added'));
}

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).sort()) out[f] = await readFile(join(dir, f), 'utf8');
  return out;
}

interface Trip { findings: Finding[]; diffs: string[]; before: WorkbookSnapshot; after: WorkbookSnapshot; filesBefore: Record<string, string>; filesAfter: Record<string, string>; stdout: string }

/** Copies `source` to a folder named `name`, exports it as `format`, imports that file --into the copy. */
async function roundTrip(format: Format, source: string, name = 'workbook'): Promise<Trip> {
  const dir = await temp();
  const wb = join(dir, name);
  await cp(source, wb, { recursive: true });
  const before = await loadWorkbook(wb);
  const filesBefore = await files(wb);
  const out = join(dir, format === 'csv' ? 'export' : `export.${format === 'case' ? 'json' : 'csv'}`);
  const ex = bufferIO();
  expect(await runExport([wb, '--format', format, '--out', out], ex), ex.stderr()).toBe(0);
  const io = bufferIO();
  expect(await runImport([out, '--format', format, '--into', wb, '--json'], io), io.stdout() + io.stderr()).toBe(0);
  const findings = JSON.parse(io.stdout()) as Finding[];
  const after = await loadWorkbook(wb);
  const diffs = differences(before, after);
  for (const d of diffs) expect(explained(d, findings, before), `${d} changed without a finding`).toBe(true);
  const differing = new Set(diffs);
  for (const f of findings.filter((x) => ['import-value-changed', 'import-value-cleared', 'import-value-filled'].includes(x.code))) {
    expect(differing.has(`${f.sheet}!${f.cell}`), `${f.sheet}!${f.cell} reported but unchanged`).toBe(true);
  }
  return { findings, diffs, before, after, filesBefore, filesAfter: await files(wb), stdout: io.stdout() };
}

/** A workbook folder made by importing a file (what `rungs import --out` gives). */
async function imported(file: string, format: Format): Promise<string> {
  const dir = join(await temp(), 'source');
  const io = bufferIO();
  expect(await runImport([file, '--format', format, '--out', dir], io), io.stdout()).toBe(0);
  return dir;
}

describe.each([['csv'], ['moodle'], ['case']] as const)('%s: export, then import --into the same workbook', (format) => {
  it.each(EXAMPLES.map((p) => [p.split('/').pop() as string, p]))('examples/%s: identical, or each difference reported', async (_, path) => {
    const trip = await roundTrip(format, path);
    if (!path.endsWith('problems')) {
      expect(trip.diffs).toEqual([]);
      expect(trip.filesAfter).toEqual(trip.filesBefore);
      expect(trip.findings.filter((f) => CHANGE.has(f.code))).toEqual([]);
    }
  });
});

describe('the failures this fixes', () => {
  it('a Moodle round trip keeps all 33 Depends On cells and every Role scope', async () => {
    const trip = await roundTrip('moodle', EXAMPLES[0], 'acme');
    const comps = (s: WorkbookSnapshot) => s.sheets.find((x) => x.name === 'Competencies')!.values;
    expect(comps(trip.before).slice(1).filter((r) => cellText(r[3]) !== '')).toHaveLength(33);
    expect(comps(trip.after)).toEqual(comps(trip.before));
    expect(comps(trip.after).filter((r) => r[2] === 'Role')).toHaveLength(29);
  });

  it('a CASE round trip keeps Track Type, Owner Email, Status and Review By', async () => {
    const trip = await roundTrip('case', EXAMPLES[0]);
    const tracks = (s: WorkbookSnapshot) => s.sheets.find((x) => x.name === 'Tracks')!.values;
    expect(tracks(trip.after)).toEqual(tracks(trip.before));
    expect(tracks(trip.after)[1].slice(2, 6)).toEqual(['Individual Contributor', 'priya.raman@acmecloud.com', 'Draft', '2027-06-30']);
  });

  it('a Moodle import does not create a track\'s levels twice (as levels and as competencies)', async () => {
    const wb = await loadWorkbook(await imported(MOODLE_FIXTURE, 'moodle'));
    const ids = wb.sheets.find((s) => s.name === 'Competencies')!.values.map((r) => r[0]);
    expect(ids.filter((id) => /^levels?(-\d)?$/.test(String(id)))).toEqual([]);
    expect(wb.sheets.find((s) => s.name === 'Levels')!.values.slice(1).map((r) => r[1])).toEqual(['level-1', 'level-2', 'level-3', 'level-4', 'level-5']);
    expect(wb.sheets.find((s) => s.name === 'Groupings')!.values.slice(1).map((r) => r[0])).toEqual(['levels']);
  });
});

describe('the OECD Moodle fixture round-trips byte-identical', () => {
  it('import it, export it, import that --into the workbook: not a byte changes; exporting again gives the same file', async () => {
    const source = await imported(MOODLE_FIXTURE, 'moodle');
    const trip = await roundTrip('moodle', source);
    expect(trip.diffs).toEqual([]);
    expect(trip.filesAfter).toEqual(trip.filesBefore);
    const dir = await temp();
    const [one, two] = [join(dir, '1.csv'), join(dir, '2.csv')];
    await runExport([source, '--format', 'moodle', '--out', one], bufferIO());
    await runImport([one, '--format', 'moodle', '--into', source], bufferIO());
    await runExport([source, '--format', 'moodle', '--out', two], bufferIO());
    expect(await readFile(two, 'utf8')).toBe(await readFile(one, 'utf8'));
    // Importing the fixture itself again changes nothing either.
    const again = bufferIO();
    expect(await runImport([MOODLE_FIXTURE, '--format', 'moodle', '--into', source, '--json'], again)).toBe(0);
    expect((JSON.parse(again.stdout()) as Finding[]).filter((f) => CHANGE.has(f.code))).toEqual([]);
    expect(await files(source)).toEqual(trip.filesBefore);
  });

  it.each([['csv'], ['case']] as const)('the OECD workbook through %s: identical', async (format) => {
    const trip = await roundTrip(format, await imported(MOODLE_FIXTURE, 'moodle'));
    expect(trip.diffs).toEqual([]);
  });
});

/** The Smarter Balanced Claim 2 package written as a plain JSON file in `dir`. */
function claim2File(dir: string): string {
  const f = join(dir, 'claim2.json');
  writeFileSync(f, packageText(SBAC_CLAIM2));
  return f;
}

describe('real CASE frameworks round-trip through CASE', () => {
  it.each([
    ['the state standard', async () => { const f = join(await temp(), 'state.json'); await writeFile(f, JSON.stringify(stateStandard().pkg)); return f; }],
    ['the Smarter Balanced content specification', async () => { const f = join(await temp(), 'sbac.json'); await writeFile(f, packageText(SBAC_CONTENT_SPEC)); return f; }],
    // 14 statements start with "-" (bulleted lists): the folder holds them neutralized, the export as written.
    ['Smarter Balanced Math Grades 3-5, Claim 2', async () => { const f = join(await temp(), 'claim2.json'); await writeFile(f, packageText(SBAC_CLAIM2)); return f; }],
  ])('%s: imported, exported, imported --into: identical', async (_, file) => {
    const trip = await roundTrip('case', await imported(await file(), 'case'));
    expect(trip.diffs).toEqual([]);
    expect(trip.filesAfter).toEqual(trip.filesBefore);
  });

  it('a folder\'s neutralized cells are exported as people wrote them: no quote in CASE, one (not two) in CSV', async () => {
    const dir = await temp();
    const source = await imported(claim2File(dir), 'case');
    const out = join(dir, 'out.json');
    expect(await runExport([source, '--format', 'case', '--out', out], bufferIO())).toBe(0);
    const statements = (JSON.parse(await readFile(out, 'utf8')) as { CFItems: { fullStatement: string }[] }).CFItems.map((i) => i.fullStatement);
    expect(statements.filter((t) => t.startsWith('-'))).toHaveLength(14);
    expect(statements.filter((t) => t.startsWith("'"))).toEqual([]);
    const csv = join(dir, 'csv');
    expect(await runExport([source, '--format', 'csv', '--out', csv], bufferIO())).toBe(0);
    expect(await files(csv)).toEqual(await files(source));
    const trip = await roundTrip('csv', source);
    expect(trip.diffs).toEqual([]);
  });

  it('the state standard through Moodle: groupings come back as competencies, and each added row is reported', async () => {
    const file = join(await temp(), 'state.json');
    await writeFile(file, JSON.stringify(stateStandard().pkg));
    const trip = await roundTrip('moodle', await imported(file, 'case'));
    expect(trip.diffs.every((d) => d.startsWith('Competencies!'))).toBe(true);
    expect(trip.findings.find((f) => f.code === 'import-rows-added')?.message).toContain('189 rows');
  });
});

describe('import --into reports every change; --dry-run only lists them', () => {
  it('changed, cleared and new values are findings naming the cell; --dry-run writes nothing', async () => {
    const dir = await temp();
    const wb = join(dir, 'acme');
    await cp(EXAMPLES[0], wb, { recursive: true });
    const file = join(dir, 'acme.csv');
    await runExport([wb, '--format', 'moodle', '--out', file], bufferIO());
    const text = (await readFile(file, 'utf8'))
      .replace('Company & product context', 'Company and product context')
      .replace('"Clear, concise writing for an async-first company: status updates, proposals, decision records and customer-facing text."', '""');
    await writeFile(file, text);
    const filesBefore = await files(wb);
    const mtime = (await stat(join(wb, 'Competencies.csv'))).mtimeMs;
    const dry = bufferIO();
    expect(await runImport([file, '--format', 'moodle', '--into', wb, '--dry-run'], dry)).toBe(0);
    expect(dry.stdout()).toMatch(/B2\s+warning\s+import-value-changed\s+The import changes Competency Name from "Company & product context" to "Company and product context"\./);
    expect(dry.stdout()).toMatch(/E3\s+warning\s+import-value-cleared\s+The import clears Description \(was "Clear, concise writing/);
    expect(dry.stdout()).toContain('Dry run');
    expect(await files(wb)).toEqual(filesBefore);
    expect((await stat(join(wb, 'Competencies.csv'))).mtimeMs).toBe(mtime);
    const real = bufferIO();
    expect(await runImport([file, '--format', 'moodle', '--into', wb, '--json'], real)).toBe(0);
    const findings = JSON.parse(real.stdout()) as Finding[];
    expect(findings.filter((f) => CHANGE.has(f.code)).map((f) => `${f.sheet}!${f.cell} ${f.code}`)).toEqual(['Competencies!B2 import-value-changed', 'Competencies!E3 import-value-cleared']);
    const after = await loadWorkbook(wb);
    const comps = after.sheets.find((s) => s.name === 'Competencies')!.values;
    expect([comps[1][1], comps[2][4], comps[2][3]]).toEqual(['Company and product context', '', '']);
    // Only the changed tab was written.
    expect((await files(wb))['Tracks.csv']).toBe(filesBefore['Tracks.csv']);
  });
});
