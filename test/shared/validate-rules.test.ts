import { describe, expect, it } from 'vitest';
import type { Finding, WorkbookSnapshot } from '../../shared';
import { addRow, miniWorkbook, setCell, sheetOf, validate } from './mini-workbook';

type Expected = Pick<Finding, 'sheet' | 'cell' | 'code' | 'severity'> & { mentions?: string[] };

interface Case {
  rule: string;
  mutate: (s: WorkbookSnapshot) => WorkbookSnapshot | void;
  expect: Expected;
}

const err = (sheet: string, cell: string, code: string, mentions?: string[]): Expected => ({ sheet, cell, code, severity: 'error', mentions });
const warn = (sheet: string, cell: string, code: string, mentions?: string[]): Expected => ({ sheet, cell, code, severity: 'warning', mentions });

const cases: Case[] = [
  // Structure
  { rule: 'a required tab is missing', mutate: (s) => { s.sheets = s.sheets.filter((t) => t.name !== 'Modules'); }, expect: err('Modules', 'A1', 'missing-tab', ['Modules']) },
  { rule: 'a required header is missing', mutate: (s) => setCell(s, 'Competencies', 'C1', 'Kind'), expect: err('Competencies', 'F1', 'missing-header', ['Scope']) },
  { rule: 'a header appears twice', mutate: (s) => setCell(s, 'Tracks', 'H1', 'Track Name'), expect: err('Tracks', 'H1', 'duplicate-header') },
  { rule: 'a required cell is blank', mutate: (s) => setCell(s, 'Levels', 'C3', ''), expect: err('Levels', 'C3', 'missing-value', ['Level Name']) },
  { rule: 'a cell holds a NUL character', mutate: (s) => setCell(s, 'Tracks', 'G2', 'Builds\u0000 the product'), expect: err('Tracks', 'G2', 'bad-text', ['NUL']) },
  { rule: 'a cell holds half of an emoji', mutate: (s) => setCell(s, 'Matrix ENG', 'C2', 'Writes \uD83D updates'), expect: err('Matrix ENG', 'C2', 'bad-text', ['broken character']) },
  { rule: 'a cell is longer than Sheets allows', mutate: (s) => setCell(s, 'Competencies', 'E3', 'x'.repeat(50_001)), expect: err('Competencies', 'E3', 'bad-text', ['50,001', '50,000']) },
  { rule: 'an id holds a comma', mutate: (s) => setCell(s, 'Positions', 'A2', 'POS-1, POS-9'), expect: err('Positions', 'A2', 'bad-id') },
  // Duplicates
  { rule: 'duplicate competency id', mutate: (s) => addRow(s, 'Competencies', ['E1', 'Coding again', 'Role', '', '']), expect: err('Competencies', 'A7', 'duplicate-id', ['E1', 'row 3']) },
  { rule: 'duplicate track id', mutate: (s) => addRow(s, 'Tracks', ['ENG', 'Again', 'Manager', 'x@acme.test', 'Draft', '', '']), expect: err('Tracks', 'A4', 'duplicate-id') },
  { rule: 'duplicate level code within a track', mutate: (s) => addRow(s, 'Levels', ['ENG', 'L2', 'Engineer II bis', 4, '']), expect: err('Levels', 'B7', 'duplicate-id') },
  { rule: 'duplicate position id', mutate: (s) => addRow(s, 'Positions', ['POS-1', 'Dup', 'ENG', 'L1']), expect: err('Positions', 'A4', 'duplicate-id') },
  { rule: 'duplicate module id', mutate: (s) => addRow(s, 'Modules', ['E-101', 'Dup', 'ENG', 'E1', '', '', '']), expect: err('Modules', 'A7', 'duplicate-id') },
  { rule: 'duplicate employee id', mutate: (s) => addRow(s, 'Employees', ['EMP-1', 'Dup', '', 'POS-1', '']), expect: err('Employees', 'A3', 'duplicate-id') },
  { rule: 'duplicate matrix row', mutate: (s) => addRow(s, 'Matrix ENG', ['E1', 'Coding', 'a', 'b', 'c']), expect: err('Matrix ENG', 'A5', 'duplicate-id') },
  // Dangling references
  { rule: 'level -> unknown track', mutate: (s) => setCell(s, 'Levels', 'A2', 'ENX'), expect: err('Levels', 'A2', 'unknown-track', ['ENX']) },
  { rule: 'position -> unknown track', mutate: (s) => setCell(s, 'Positions', 'C2', 'OPS'), expect: err('Positions', 'C2', 'unknown-track', ['OPS']) },
  { rule: 'position -> level not in its track', mutate: (s) => setCell(s, 'Positions', 'D2', 'M1'), expect: err('Positions', 'D2', 'unknown-level', ['M1', 'L1, L2, L3']) },
  { rule: 'matrix row -> unknown competency', mutate: (s) => setCell(s, 'Matrix ENG', 'A3', 'E9'), expect: err('Matrix ENG', 'A3', 'unknown-competency', ['E9']) },
  { rule: 'module -> unknown competency', mutate: (s) => setCell(s, 'Modules', 'D3', 'E1, Z9'), expect: err('Modules', 'D3', 'unknown-competency', ['Z9']) },
  { rule: 'module -> unknown prerequisite', mutate: (s) => setCell(s, 'Modules', 'E4', 'E-101, E-999'), expect: err('Modules', 'E4', 'unknown-module', ['E-999']) },
  { rule: 'module -> unknown track', mutate: (s) => setCell(s, 'Modules', 'C3', 'ENGG'), expect: err('Modules', 'C3', 'unknown-track') },
  { rule: 'rubric -> unknown competency', mutate: (s) => setCell(s, 'Rubric ENG', 'B2', 'Q1'), expect: err('Rubric ENG', 'B2', 'unknown-competency') },
  { rule: 'competency depends on unknown competency', mutate: (s) => setCell(s, 'Competencies', 'D3', 'F1, F7'), expect: err('Competencies', 'D3', 'unknown-competency', ['F7']) },
  { rule: 'employee -> unknown position', mutate: (s) => setCell(s, 'Employees', 'D2', 'POS-7'), expect: err('Employees', 'D2', 'unknown-position') },
  { rule: 'matrix tab of a track that does not exist', mutate: (s) => { s.sheets.push({ name: 'Matrix OLD', values: [['Competency ID', 'X1']] }); }, expect: warn('Matrix OLD', 'A1', 'orphan-tab') },
  // Enums, emails, dates, numbers
  { rule: 'bad track type', mutate: (s) => setCell(s, 'Tracks', 'C2', 'Engineer'), expect: err('Tracks', 'C2', 'bad-enum', ['Individual Contributor, Manager']) },
  { rule: 'bad scope', mutate: (s) => setCell(s, 'Competencies', 'C2', 'Global'), expect: err('Competencies', 'C2', 'bad-enum') },
  { rule: 'bad status', mutate: (s) => setCell(s, 'Tracks', 'E2', 'Live'), expect: err('Tracks', 'E2', 'bad-enum') },
  { rule: 'bad owner email', mutate: (s) => setCell(s, 'Tracks', 'D2', 'ana at acme'), expect: err('Tracks', 'D2', 'bad-email') },
  { rule: 'bad employee email', mutate: (s) => setCell(s, 'Employees', 'E2', 'ben@'), expect: err('Employees', 'E2', 'bad-email') },
  { rule: 'bad date', mutate: (s) => setCell(s, 'Tracks', 'F2', '31/12/2027'), expect: err('Tracks', 'F2', 'bad-date', ['YYYY-MM-DD']) },
  { rule: 'impossible date', mutate: (s) => setCell(s, 'Tracks', 'F2', '2027-02-30'), expect: err('Tracks', 'F2', 'bad-date') },
  { rule: 'level order not a whole number', mutate: (s) => setCell(s, 'Levels', 'D2', 'first'), expect: err('Levels', 'D2', 'bad-number') },
  { rule: 'negative duration', mutate: (s) => setCell(s, 'Modules', 'G2', -3), expect: err('Modules', 'G2', 'bad-number') },
  { rule: 'gate not understood', mutate: (s) => setCell(s, 'Modules', 'F3', 'pass the quiz'), expect: err('Modules', 'F3', 'bad-gate') },
  { rule: 'rubric weight not a number', mutate: (s) => setCell(s, 'Rubric ENG', 'C2', 'heavy'), expect: err('Rubric ENG', 'C2', 'bad-number') },
  { rule: 'pass threshold above 100%', mutate: (s) => setCell(s, 'Rubric ENG', 'C4', '170%'), expect: err('Rubric ENG', 'C4', 'bad-number') },
  // Levels and matrix headers
  { rule: 'level orders with a gap', mutate: (s) => setCell(s, 'Levels', 'D4', 4), expect: err('Levels', 'D4', 'level-order', ['3']) },
  { rule: 'two levels with the same order', mutate: (s) => setCell(s, 'Levels', 'D4', 2), expect: err('Levels', 'D4', 'level-order') },
  { rule: 'track without levels', mutate: (s) => { const l = sheetOf(s, 'Levels'); l.values = l.values.filter((r) => r[0] !== 'MGR'); }, expect: err('Tracks', 'A3', 'track-no-levels') },
  { rule: 'matrix header not a level of the track', mutate: (s) => setCell(s, 'Matrix ENG', 'E1', 'L4'), expect: err('Matrix ENG', 'E1', 'matrix-level-unknown', ['L4']) },
  { rule: 'matrix lacks a level column', mutate: (s) => { for (const r of sheetOf(s, 'Matrix ENG').values) r.pop(); }, expect: err('Matrix ENG', 'E1', 'matrix-level-missing', ['L3']) },
  { rule: 'matrix level columns out of order', mutate: (s) => { for (const r of sheetOf(s, 'Matrix ENG').values) [r[2], r[3]] = [r[3], r[2]]; }, expect: err('Matrix ENG', 'C1', 'matrix-level-order', ['L1, L2, L3']) },
  { rule: 'track without a matrix tab', mutate: (s) => { s.sheets = s.sheets.filter((t) => t.name !== 'Matrix MGR'); }, expect: err('Tracks', 'A3', 'matrix-missing', ['Matrix MGR']) },
  { rule: 'track without a rubric tab', mutate: (s) => { s.sheets = s.sheets.filter((t) => t.name !== 'Rubric MGR'); }, expect: warn('Tracks', 'A3', 'rubric-missing') },
  // Expectations
  { rule: 'expectation present at a level and blank at a higher one', mutate: (s) => setCell(s, 'Matrix ENG', 'D3', ''), expect: warn('Matrix ENG', 'D3', 'expectation-dropped', ['L1', 'L2']) },
  { rule: 'competency listed in a matrix but required at no level', mutate: (s) => { setCell(s, 'Matrix ENG', 'C4', ''); setCell(s, 'Matrix ENG', 'D4', ''); setCell(s, 'Matrix ENG', 'E4', ''); }, expect: warn('Matrix ENG', 'A4', 'matrix-row-empty') },
  { rule: 'dependency not required by the track', mutate: (s) => { sheetOf(s, 'Matrix ENG').values.splice(2, 1); }, expect: warn('Matrix ENG', 'A3', 'dependency-outside-track', ['Coding']) },
  { rule: 'competency expected before what it depends on', mutate: (s) => { setCell(s, 'Matrix ENG', 'C3', ''); setCell(s, 'Matrix ENG', 'C4', 'Sketches a component'); }, expect: warn('Matrix ENG', 'A4', 'dependency-level', ['L1', 'L2']) },
  // Cycles
  { rule: 'cycle in Depends On names every member', mutate: (s) => setCell(s, 'Competencies', 'D2', 'E2'), expect: err('Competencies', 'D3', 'dependency-cycle', ['Coding', 'System design', 'Written communication']) },
  { rule: 'a competency depending on itself', mutate: (s) => setCell(s, 'Competencies', 'D5', 'P1'), expect: err('Competencies', 'D5', 'dependency-cycle', ['Coaching → Coaching']) },
  { rule: 'cycle in Prerequisites names every member', mutate: (s) => setCell(s, 'Modules', 'E3', 'S-1, E-102'), expect: err('Modules', 'E3', 'prerequisite-cycle', ['E-101', 'E-102']) },
  { rule: 'prerequisites that contradict competency dependencies', mutate: (s) => { setCell(s, 'Modules', 'E3', 'S-1, E-102'); setCell(s, 'Modules', 'E4', ''); }, expect: err('Modules', 'A3', 'module-sequence-conflict', ['E-101 lists E-102 as a prerequisite', 'E-102 develops "System design"']) },
  // Modules
  { rule: 'module placed before the module that develops what it depends on', mutate: (s) => { const m = sheetOf(s, 'Modules').values; [m[2], m[3]] = [m[3], m[2]]; m[2][4] = ''; }, expect: warn('Modules', 'A3', 'module-order', ['E-101', 'Coding']) },
  { rule: 'shared module needing a role module', mutate: (s) => { setCell(s, 'Modules', 'E2', 'E-101'); }, expect: err('Modules', 'E2', 'foundation-depends-on-role', ['E-101']) },
  { rule: 'shared module developing what depends on role-only competency', mutate: (s) => { setCell(s, 'Competencies', 'D2', 'P1'); setCell(s, 'Competencies', 'D5', ''); }, expect: err('Modules', 'D2', 'foundation-depends-on-role', ['Coaching']) },
  { rule: 'prerequisite from another track', mutate: (s) => setCell(s, 'Modules', 'E5', 'E-101'), expect: err('Modules', 'E5', 'prerequisite-other-track', ['E-101', 'ENG']) },
  { rule: 'track module develops a competency its track does not expect', mutate: (s) => setCell(s, 'Modules', 'D3', 'E1, P2'), expect: warn('Modules', 'D3', 'module-outside-track', ['Hiring']) },
  { rule: 'module develops nothing', mutate: (s) => setCell(s, 'Modules', 'D4', ''), expect: warn('Modules', 'D4', 'module-develops-nothing') },
  // Rubrics
  { rule: 'rubric dimension tied to a competency outside the track', mutate: (s) => setCell(s, 'Rubric ENG', 'B3', 'P1'), expect: err('Rubric ENG', 'B3', 'rubric-competency-outside-track', ['Coaching', 'ENG']) },
  { rule: 'rubric without pass threshold', mutate: (s) => { sheetOf(s, 'Rubric ENG').values.pop(); }, expect: err('Rubric ENG', 'A4', 'rubric-threshold-missing', ['Pass Threshold']) },
  { rule: 'rubric with a single score column', mutate: (s) => { for (const r of sheetOf(s, 'Rubric ENG').values) r.length = 4; }, expect: err('Rubric ENG', 'E1', 'rubric-scale') },
  { rule: 'rubric score columns going down', mutate: (s) => setCell(s, 'Rubric ENG', 'G1', '2 Exemplary'), expect: err('Rubric ENG', 'G1', 'rubric-scale') },
  { rule: 'rubric score header without a score', mutate: (s) => setCell(s, 'Rubric ENG', 'G1', 'Exemplary'), expect: err('Rubric ENG', 'G1', 'rubric-scale') },
  { rule: 'rubric descriptor missing', mutate: (s) => setCell(s, 'Rubric ENG', 'E3', ''), expect: warn('Rubric ENG', 'E3', 'rubric-descriptor-missing', ['score 2']) },
  { rule: 'rubric without dimensions', mutate: (s) => { const r = sheetOf(s, 'Rubric ENG').values; r.splice(1, 2); }, expect: err('Rubric ENG', 'A2', 'rubric-empty') },
  {
    rule: 'identical rubrics across tracks (cosmetic differentiation)',
    mutate: (s) => {
      const eng = sheetOf(s, 'Rubric ENG').values;
      sheetOf(s, 'Rubric MGR').values = eng.map((r, i) => (i === 1 ? [r[0], 'P1', ...r.slice(2)] : i === 2 ? [r[0], 'P2', ...r.slice(2)] : [...r]));
    },
    expect: warn('Rubric MGR', 'A1', 'rubric-identical', ['ENG']),
  },
  // Governance
  { rule: 'track with no owner', mutate: (s) => setCell(s, 'Tracks', 'D3', ''), expect: err('Tracks', 'D3', 'track-no-owner') },
  { rule: 'a track id that would be the overview report tab', mutate: (s) => setCell(s, 'Tracks', 'A3', 'overview'), expect: err('Tracks', 'A3', 'reserved-track-id', ['Report Overview']) },
  { rule: 'a track id that means shared modules', mutate: (s) => setCell(s, 'Tracks', 'A3', 'Shared'), expect: err('Tracks', 'A3', 'reserved-track-id', ['shared foundation']) },
  { rule: 'review-by date passed', mutate: (s) => setCell(s, 'Tracks', 'F2', '2026-11-22'), expect: warn('Tracks', 'F2', 'review-overdue', ['2026-11-22']) },
  {
    rule: 'two tracks sharing more than 75% of competencies',
    mutate: (s) => {
      // MGR now requires F1, E1, E2 and P1: it shares 3 of 4 (75%) with ENG... plus P1 in ENG makes 4 of 4.
      addRow(s, 'Matrix MGR', ['E1', 'Coding', 'Reviews code', 'Reviews architecture']);
      addRow(s, 'Matrix MGR', ['E2', 'System design', 'Reviews designs', 'Owns architecture']);
      addRow(s, 'Matrix ENG', ['P1', 'Coaching', '', 'Mentors interns', 'Mentors engineers']);
      addRow(s, 'Matrix ENG', ['P2', 'Hiring', '', 'Interviews', 'Leads loops']);
    },
    expect: warn('Tracks', 'A3', 'track-overlap', ['100%', 'shared foundation', 'role-specific']),
  },
];

describe('validation: each rule has a workbook that breaks it', () => {
  it('the mini workbook itself has no findings', () => {
    expect(validate(miniWorkbook())).toEqual([]);
  });

  for (const c of cases) {
    it(c.rule, () => {
      const snap = miniWorkbook();
      const mutated = c.mutate(snap) ?? snap;
      const findings = validate(mutated);
      const hit = findings.find((f) => f.sheet === c.expect.sheet && f.cell === c.expect.cell && f.code === c.expect.code);
      expect(hit, `expected ${c.expect.code} at ${c.expect.sheet}!${c.expect.cell}; got:\n${findings.map((f) => `${f.sheet}!${f.cell} ${f.code} ${f.message}`).join('\n')}`).toBeDefined();
      expect(hit!.severity).toBe(c.expect.severity);
      for (const word of c.expect.mentions ?? []) expect(hit!.message).toContain(word);
      // Messages speak to an HR editor: sentences, no code identifiers or stack traces.
      expect(hit!.message).toMatch(/^[A-Z"“]/);
      expect(hit!.message).not.toMatch(/undefined|null|\[object|NaN/);
    });
  }
});

describe('validation semantics', () => {
  it('a 75% overlap is not over-segmentation; above it is', () => {
    const snap = miniWorkbook();
    // ENG requires F1 E1 E2; MGR gets F1 E1 E2 P1 P2 -> 3 of 5 = 60%: no finding.
    addRow(snap, 'Matrix MGR', ['E1', 'Coding', 'a', 'b']);
    addRow(snap, 'Matrix MGR', ['E2', 'System design', 'a', 'b']);
    expect(validate(snap).filter((f) => f.code === 'track-overlap')).toEqual([]);
  });

  it('review-by today is not overdue; the clock comes from the caller', () => {
    const snap = setCell(miniWorkbook(), 'Tracks', 'F2', '2026-11-23');
    expect(validate(snap, '2026-11-23').some((f) => f.code === 'review-overdue')).toBe(false);
    expect(validate(snap, '2026-11-24').some((f) => f.code === 'review-overdue')).toBe(true);
  });

  it('accepts headers in any order and case, with extra columns kept', () => {
    const snap = miniWorkbook();
    const tracks = sheetOf(snap, 'Tracks');
    tracks.values = tracks.values.map((r) => [r[7], r[6], r[5], r[4], r[3], r[2], r[1], r[0]]);
    tracks.values[0] = tracks.values[0].map((h) => `  ${String(h).toUpperCase()} `);
    expect(validate(snap)).toEqual([]);
  });

  it('reads Sheets values as getValues gives them: numbers, percents as fractions, ISO timestamps for dates', () => {
    const snap = setCell(miniWorkbook(), 'Tracks', 'F2', '2027-06-30T00:00:00.000Z');
    setCell(snap, 'Rubric ENG', 'C4', 0.7);
    expect(validate(snap)).toEqual([]);
  });

  it('blank rows in the middle of a tab are skipped, not reported', () => {
    const snap = miniWorkbook();
    sheetOf(snap, 'Competencies').values.splice(3, 0, ['', '', '', '', '']);
    expect(validate(snap)).toEqual([]);
  });

  it('a cycle finding names every member of a larger loop', () => {
    const snap = setCell(miniWorkbook(), 'Competencies', 'D2', 'P2');
    const cycle = validate(snap).find((f) => f.code === 'dependency-cycle');
    expect(cycle).toBeDefined();
    for (const name of ['Written communication', 'Coaching', 'Hiring']) expect(cycle!.message).toContain(name);
    expect(cycle!.message).not.toContain('Coding');
  });

  it('findings come sorted by tab order, then row, then column', () => {
    const snap = miniWorkbook();
    setCell(snap, 'Modules', 'D3', 'Z9');
    setCell(snap, 'Tracks', 'D3', 'nope');
    setCell(snap, 'Tracks', 'C2', 'Engineer');
    const cells = validate(snap).map((f) => `${f.sheet}!${f.cell}`);
    expect(cells.slice(0, 3)).toEqual(['Tracks!C2', 'Tracks!D3', 'Modules!D3']);
  });
});

describe('the catalogue of finding codes', () => {
  it('every code in the catalogue has a workbook above that breaks it, with the catalogued severity', async () => {
    const { FINDING_CODES } = await import('../../shared');
    const tested = new Map(cases.map((c) => [c.expect.code, c.expect.severity]));
    for (const [code, [severity]] of Object.entries(FINDING_CODES)) {
      expect(tested.has(code), `no test case breaks rule ${code}`).toBe(true);
      expect(tested.get(code), code).toBe(severity);
    }
    for (const code of tested.keys()) expect(Object.keys(FINDING_CODES)).toContain(code);
  });
});

describe('docs/validation.md', () => {
  it('documents every finding code with its severity', async () => {
    const { readFileSync } = await import('node:fs');
    const { FINDING_CODES } = await import('../../shared');
    const readme = readFileSync(new URL('../../docs/validation.md', import.meta.url), 'utf8');
    for (const [code, [severity]] of Object.entries(FINDING_CODES)) expect(readme).toContain(`| \`${code}\` | ${severity} |`);
  });
});

describe('missing tabs', () => {
  it('are listed in the order of the contract', async () => {
    const { validateSnapshot } = await import('../../shared');
    const findings = validateSnapshot({ spreadsheetId: 'empty', sheets: [] }, { today: '2026-11-23' });
    expect(findings.map((f) => f.sheet)).toEqual(['Tracks', 'Levels', 'Competencies', 'Positions', 'Modules']);
    expect(findings.every((f) => f.code === 'missing-tab' && f.cell === 'A1' && f.severity === 'error')).toBe(true);
  });
});
