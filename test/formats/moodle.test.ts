import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../shared';
import { exchangeSource } from '../../shared/formats/exchange-tabs';
import { exportMoodle, importMoodle, MOODLE_HEADERS } from '../../shared/formats/moodle';
import type { ImportResult } from '../../shared/formats/imported';
import { acmeSource, asSource, asWorkbook, moodleFixtureText } from './helpers';

const HEADER = MOODLE_HEADERS.map((h) => `"${h}"`).join(',');
const FW = ',FW,Framework,,1,"Not yet competent,Competent",,,,,,,1,competency';

function parentOf(r: ImportResult): Map<string, string> {
  return new Map(r.competencies.map((c) => [c.id, c.extra['Parent ID']]));
}

function depthOf(id: string, parents: Map<string, string>): number {
  let d = 1;
  for (let p = parents.get(id); p; p = parents.get(p)) d++;
  return d;
}

const essence = (r: ImportResult) => [...r.groupings, ...r.competencies].map((c) => ({ id: c.id, name: c.name, description: c.description, parent: c.extra['Parent ID'], related: c.extra.Related }));

describe('Moodle import of the OECD fixture', () => {
  const result = importMoodle(moodleFixtureText(), { fileName: 'example.csv' });

  it('gives one framework, its levels branch as 5 levels of a track, and 58 competencies, with warnings only', () => {
    expect(result.ok).toBe(true);
    expect(result.competencies).toHaveLength(58);
    expect(result.framework).toMatchObject({ 'Framework Code': 'OECD-CORE', Title: 'OECD' });
    expect(result.findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(result.findings.map((f) => f.code).sort()).toEqual(['moodle-scale-not-mapped', 'moodle-taxonomy-not-mapped', 'moodle-track-incomplete']);
    // Moodle carries neither Scope nor prerequisites: a merge leaves them as the workbook has them.
    expect(result.competencies.every((c) => c.scope === undefined && c.dependsOn === undefined)).toBe(true);
  });

  it('builds the tree: clusters -> competencies -> behavioural indicators under "competencies"', () => {
    const parents = parentOf(result);
    expect(result.competencies.filter((c) => c.extra['Parent ID'] === '').map((c) => c.id)).toEqual(['competencies']);
    expect(result.groupings.map((g) => [g.id, g.extra['Parent ID']])).toEqual([['levels', '']]);
    expect(result.competencies.filter((c) => parents.get(c.id) === 'competencies').map((c) => c.id)).toEqual(['delivery', 'interpersonal', 'strategic']);
    expect(parents.get('analytical-thinking')).toBe('delivery');
    expect(parents.get('DR-AT1')).toBe('analytical-thinking');
    expect(depthOf('DR-AT1', parents)).toBe(4); // root "competencies" + the three levels below it
    expect(Math.max(...result.competencies.map((c) => depthOf(c.id, parents)))).toBe(4);
    expect(result.competencies.filter((c) => depthOf(c.id, parents) === 4)).toHaveLength(39);
  });

  it('maps the levels branch onto job levels of the framework track', () => {
    expect(result.tracks.map((t) => [t.id, t.name])).toEqual([['OECD-CORE', 'OECD']]);
    expect(result.levels.map((l) => [l.trackId, l.code, l.name, l.order, l.extra['Parent ID']])).toEqual([1, 2, 3, 4, 5].map((n) => ['OECD-CORE', `level-${n}`, `Level ${n}`, n, 'levels']));
    expect(result.levels[0].description).toBe('Level 1 is typically associated with jobs such as Assistants, Secretaries and Operators.');
  });

  it('keeps cross references and turns HTML into plain text', () => {
    const byId = new Map(result.competencies.map((c) => [c.id, c]));
    expect(result.levels[0].extra.Related.split(', ')).toHaveLength(39);
    expect(byId.get('DR-AT1')?.extra.Related).toBe('level-1');
    for (const c of result.competencies) expect(c.description).not.toMatch(/<[a-z/]|&[a-z]+;/i);
    expect(byId.get('delivery')?.description).toBe('Achieving Results');
    expect(result.tracks[0].description).toContain('clusters.\n• The delivery-related competencies\n• The interpersonal competencies\n• The strategic competencies');
  });

  it('reads the same file with a BOM and Windows line breaks', () => {
    const crlf = importMoodle('\uFEFF' + moodleFixtureText().replace(/\r?\n/g, '\r\n'));
    expect(crlf.ok).toBe(true);
    expect(crlf.competencies.map((c) => [c.id, c.description])).toEqual(result.competencies.map((c) => [c.id, c.description]));
  });

  it('gives a workbook the parser reads: 58 competencies, 5 levels', () => {
    const wb = asWorkbook(result);
    expect(wb.competencies).toHaveLength(58);
    expect(wb.levels).toHaveLength(5);
  });

  it('round trips: export(import(fixture)) re-imports to the same competencies, tree, descriptions and levels', () => {
    const exported = exportMoodle(asSource(result, 'oecd'));
    const again = importMoodle(exported.csv);
    expect(again.ok).toBe(true);
    expect(essence(again)).toEqual(essence(result));
    expect(again.levels).toEqual(result.levels);
    expect(again.tracks.map((t) => [t.id, t.name, t.description])).toEqual(result.tracks.map((t) => [t.id, t.name, t.description]));
    expect(exported.findings).toEqual([]);
  });
});

describe('Moodle import of the files Moodle writes today and files a spreadsheet saved again', () => {
  // Moodle's own export (tool_lpimportcsv framework_exporter) writes its language strings as headers: since Moodle 3.1's
  // strings were reworded they read "Parent ID number", "ID number", "Short name", "Cross-referenced competency ID
  // numbers", "Exported ID (optional)"; on a German site they are German. Moodle itself reads the columns by position.
  const grid = Papa.parse<string[]>(moodleFixtureText(), { delimiter: ',' }).data.filter((r) => r.length > 1);
  const CURRENT = ['Parent ID number', 'ID number', 'Short name', 'Description', 'Description format', 'Scale values', 'Scale configuration', 'Rule type (optional)', 'Rule outcome (optional)', 'Rule config (optional)', 'Cross-referenced competency ID numbers', 'Exported ID (optional)', 'Is framework', 'Taxonomy'];
  const GERMAN = ['Übergeordnete ID-Nummer', 'ID-Nummer', 'Kurzname', 'Beschreibung', 'Beschreibungsformat', 'Skalenwerte', 'Skalenkonfiguration', 'Regeltyp (optional)', 'Regelergebnis (optional)', 'Regelkonfiguration (optional)', 'Querverweise', 'Exportierte ID (optional)', 'Ist Kompetenzrahmen', 'Taxonomie'];
  const original = essence(importMoodle(moodleFixtureText()));
  const read = (rows: string[][], delimiter = ',') => importMoodle(Papa.unparse(rows, { delimiter, newline: '\r\n' }), { fileName: 'export.csv' });

  it.each([
    ['the current English headers', [CURRENT, ...grid.slice(1)], ','],
    ['semicolons (a spreadsheet in a European locale)', [CURRENT, ...grid.slice(1)], ';'],
    ['tabs', [CURRENT, ...grid.slice(1)], '\t'],
    ['columns in another order, children listed before their parents', [[...CURRENT].reverse(), ...grid.slice(1).reverse().map((r) => [...r].reverse())], ','],
  ])('%s: the same competencies, tree and cross references as the fixture', (_, rows, delimiter) => {
    const r = read(rows as string[][], delimiter as string);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const byId = (list: ReturnType<typeof essence>) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(essence(r))).toEqual(byId(original));
    expect(r.levels.map((l) => l.code).sort()).toEqual(['level-1', 'level-2', 'level-3', 'level-4', 'level-5']);
  });

  it('headers in the site\'s language: the 14 columns are read in Moodle\'s order, with a warning', () => {
    const r = read([GERMAN, ...grid.slice(1)]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.findings.find((f) => f.code === 'moodle-header-by-position')).toMatchObject({ severity: 'warning', cell: 'A1' });
    expect(essence(r)).toEqual(original);
  });

  it('a column that is not Moodle\'s is a warning naming it; a file missing a column is still refused', () => {
    const r = read(grid.map((row, i) => [...row, i === 0 ? 'Path' : `/${i}`]));
    expect(r.ok).toBe(true);
    expect(r.findings.filter((f) => f.code === 'moodle-column-ignored').map((f) => [f.cell, f.message])).toEqual([['O1', 'The column "Path" is not one of Moodle\'s 14; Rungs does not read it.']]);
    expect(read(grid.map((row) => row.slice(0, 13))).findings.map((f) => f.code)).toContain('moodle-missing-column');
  });
});

describe('Moodle export of the example workbook', async () => {
  const source = await acmeSource();
  const wb = source.workbook;
  const exported = exportMoodle(source);
  const grid = Papa.parse<string[]>(exported.csv, { delimiter: ',' }).data;

  it('has the 14 lpimportcsv headers in order, then the framework row', () => {
    expect(grid[0]).toEqual([
      'Parent id number', 'Id number', 'Shortname', 'Description', 'Description format', 'Scale values', 'Scale configuration',
      'Rule type (optional)', 'Rule outcome (optional)', 'Rule config (optional)', 'Cross referenced competency id numbers',
      'Exported id (optional)', 'Is framework', 'Taxonomy',
    ]);
    expect(grid.every((row) => row.length === 14)).toBe(true);
    const fw = grid[1];
    expect(fw[12]).toBe('1');
    expect(fw[5]).toBe('Not yet competent,Competent');
    const config = JSON.parse(fw[6]) as unknown[];
    expect(config[0]).toEqual({ scaleid: '2' });
    expect(config.slice(1).some((i) => (i as { proficient?: number }).proficient === 1)).toBe(true);
    expect(grid.slice(2).every((row) => row[12] === '')).toBe(true);
    expect(grid).toHaveLength(2 + wb.competencies.length);
  });

  it('lists the dependencies it cannot carry, and keeps every competency and description', () => {
    const deps = wb.competencies.reduce((n, c) => n + c.dependsOn.length, 0);
    expect(deps).toBeGreaterThan(0);
    const f = exported.findings.find((x) => x.code === 'moodle-dependencies-not-exported');
    expect(f?.message).toContain(`${deps} Depends On links`);
    expect(f?.sheet).toBe('Competencies');
    const back = importMoodle(exported.csv);
    expect(back.ok).toBe(true);
    expect(back.competencies.map((c) => [c.id, c.name, c.description])).toEqual(wb.competencies.map((c) => [c.id, c.name, c.description]));
  });
});

describe('Moodle import of malformed files: findings with rows, nothing imported', () => {
  const expectRejected = (csv: string, code: string, cell?: string) => {
    const r = importMoodle(csv, { fileName: 'bad.csv' });
    expect(r.ok).toBe(false);
    expect(r.competencies).toEqual([]);
    expect(r.levels).toEqual([]);
    expect(r.tracks).toEqual([]);
    const f = r.findings.find((x) => x.code === code);
    expect(f, JSON.stringify(r.findings)).toBeDefined();
    expect(f?.sheet).toBe('bad.csv');
    if (cell) expect(f?.cell).toBe(cell);
  };

  it('missing columns', () => expectRejected('"Id number",Shortname\nA,B\n', 'moodle-missing-column'));
  it('a row with too few cells', () => expectRejected(`${HEADER}\n${FW}\n,A,Alpha\n`, 'moodle-row-width', 'A3'));
  it('a parent that does not exist', () => expectRejected(`${HEADER}\n${FW}\n,A,Alpha,,1,,,,0,null,,1,,\nNOPE,B,Beta,,1,,,,0,null,,2,,\n`, 'moodle-unknown-parent', 'A4'));
  it('a cycle of parents', () => expectRejected(`${HEADER}\n${FW}\nB,A,Alpha,,1,,,,0,null,,1,,\nA,B,Beta,,1,,,,0,null,,2,,\n`, 'moodle-parent-cycle', 'A3'));
  it('duplicate id numbers', () => expectRejected(`${HEADER}\n${FW}\n,A,Alpha,,1,,,,0,null,,1,,\n,A,Again,,1,,,,0,null,,2,,\n`, 'moodle-duplicate-idnumber', 'B4'));
  it('no framework row', () => expectRejected(`${HEADER}\n,A,Alpha,,1,,,,0,null,,1,,\n`, 'moodle-no-framework'));
  it('an unclosed quote', () => expectRejected(`${HEADER}\n${FW}\n,A,"Alpha,,1,,,,0,null,,1,,\n`, 'bad-csv'));
  it('a Latin-1 file read as UTF-8', () => {
    const latin1 = Buffer.from(`${HEADER}\n${FW}\n,A,Compétence,,1,,,,0,null,,1,,\n`, 'latin1');
    expectRejected(latin1.toString('utf8'), 'bad-encoding', 'A3');
  });

  it('warns about rules with no equivalent but still imports', () => {
    const r = importMoodle(`${HEADER}\n${FW}\n,A,Alpha,,1,,,competency_rule_all,1,null,,1,,\n`);
    expect(r.ok).toBe(true);
    expect(r.findings.find((f) => f.code === 'moodle-rule-not-mapped')?.cell).toBe('H3');
  });
});

describe('Moodle export is neutralized against formula injection, like every other export', () => {
  const snapshot: WorkbookSnapshot = {
    spreadsheetId: 'safety',
    sheets: [
      { name: 'Framework', values: [['Framework Code', 'Title', 'Description'], ['@FW', '=HYPERLINK("http://evil")', '+1 framework']] },
      {
        name: 'Competencies',
        values: [
          ['Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Description', 'Related'],
          ['=A1', '=cmd|" /C calc"!A0', 'Shared', '', '+SUM(1,2)', '@B'],
          ['@B', '-2+3', 'Role', '', '@mention', '=A1'],
          ['-C', '+Plus', 'Shared', '', "'=already quoted", ''],
          ['plain', 'Plain name', 'Shared', '', '1 - 2 = -1', ''],
        ],
      },
    ],
  };
  const { csv } = exportMoodle(exchangeSource(snapshot));
  const grid = Papa.parse<string[]>(csv, { delimiter: ',' }).data;

  it('every cell that starts with = + - @ tab or CR gets one leading quote', () => {
    for (const row of grid.slice(1)) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(grid[1].slice(1, 4)).toEqual(["'@FW", `'=HYPERLINK("http://evil")`, "'+1 framework"]);
    expect(grid[2].slice(0, 4)).toEqual(['', "'=A1", `'=cmd|" /C calc"!A0`, "'+SUM(1,2)"]);
    expect(grid[2][10]).toBe("'@B");
    expect(grid[3].slice(1, 4)).toEqual(["'@B", "'-2+3", "'@mention"]);
    expect(grid[4].slice(1, 4)).toEqual(["'-C", "'+Plus", "''=already quoted"]);
    expect(grid[5].slice(1, 4)).toEqual(['plain', 'Plain name', '1 - 2 = -1']);
  });

  it('Rungs\' Moodle import gives the original text back', () => {
    const back = importMoodle(csv);
    expect(back.ok).toBe(true);
    expect(back.framework).toMatchObject({ 'Framework Code': '@FW', Title: '=HYPERLINK("http://evil")', Description: '+1 framework' });
    expect(back.competencies.map((c) => [c.id, c.name, c.description, c.extra.Related])).toEqual([
      ['=A1', '=cmd|" /C calc"!A0', '+SUM(1,2)', '@B'],
      ['@B', '-2+3', '@mention', '=A1'],
      ['-C', '+Plus', "'=already quoted", ''],
      ['plain', 'Plain name', '1 - 2 = -1', ''],
    ]);
  });
});
