import { parseA1, type CellValue, type WorkbookSnapshot } from '../../shared';
import { validateSnapshot } from '../../shared/validate/index';

export const TODAY = '2026-11-23';

/** A small valid workbook a person can check by eye: two tracks, a shared foundation, modules and rubrics. */
export function miniWorkbook(): WorkbookSnapshot {
  return {
    spreadsheetId: 'mini',
    sheets: [
      { name: 'Tracks', values: [
        ['Track ID', 'Track Name', 'Track Type', 'Owner Email', 'Status', 'Review By', 'Description', 'Budget code'],
        ['ENG', 'Engineering', 'Individual Contributor', 'ana@acme.test', 'Draft', '2027-06-30', 'Builds the product', 'CC-1'],
        ['MGR', 'Engineering Management', 'Manager', 'ben@acme.test', 'Active', '2027-06-30', 'Leads teams', 'CC-2'],
      ] },
      { name: 'Levels', values: [
        ['Track ID', 'Level Code', 'Level Name', 'Order', 'Description'],
        ['ENG', 'L1', 'Engineer I', 1, ''],
        ['ENG', 'L2', 'Engineer II', 2, ''],
        ['ENG', 'L3', 'Senior Engineer', 3, ''],
        ['MGR', 'M1', 'Engineering Manager', 1, ''],
        ['MGR', 'M2', 'Director', 2, ''],
      ] },
      { name: 'Competencies', values: [
        ['Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Description'],
        ['F1', 'Written communication', 'Shared', '', ''],
        ['E1', 'Coding', 'Role', 'F1', ''],
        ['E2', 'System design', 'Role', 'E1', ''],
        ['P1', 'Coaching', 'Role', 'F1', ''],
        ['P2', 'Hiring', 'Role', 'P1', ''],
      ] },
      { name: 'Positions', values: [
        ['Position ID', 'Position Title', 'Track ID', 'Level Code'],
        ['POS-1', 'Backend Engineer', 'ENG', 'L1'],
        ['POS-2', 'Engineering Manager', 'MGR', 'M1'],
      ] },
      { name: 'Modules', values: [
        ['Module ID', 'Module Title', 'Track ID', 'Develops', 'Prerequisites', 'Gate', 'Duration Hours'],
        ['S-1', 'Writing that gets read', 'Shared', 'F1', '', '', 2],
        ['E-101', 'Clean code', 'ENG', 'E1', 'S-1', 'quiz >= 80%', 6],
        ['E-102', 'Designing systems', 'ENG', 'E2', 'E-101', '', 8],
        ['M-201', 'Coaching conversations', 'MGR', 'P1', '', '', 4],
        ['M-202', 'Structured hiring', 'MGR', 'P2', 'M-201', 'assessment >= 70%', 5],
      ] },
      { name: 'Employees', values: [
        ['Employee ID', 'Employee Name', 'Email', 'Position ID', 'Manager Email'],
        ['EMP-1', 'Dana Li', 'dana@acme.test', 'POS-1', 'ben@acme.test'],
      ] },
      { name: 'Matrix ENG', values: [
        ['Competency ID', 'Competency Name', 'L1', 'L2', 'L3'],
        ['F1', 'Written communication', 'Writes clear updates', 'Writes design docs', 'Sets writing standards'],
        ['E1', 'Coding', 'Ships small changes', 'Ships features', 'Leads code quality'],
        ['E2', 'System design', '', 'Designs a component', 'Designs a system'],
      ] },
      { name: 'Matrix MGR', values: [
        ['Competency ID', 'Competency Name', 'M1', 'M2'],
        ['F1', 'Written communication', 'Writes team updates', 'Writes org strategy'],
        ['P1', 'Coaching', 'Coaches reports', 'Coaches managers'],
        ['P2', 'Hiring', 'Runs loops', 'Designs hiring process'],
      ] },
      { name: 'Rubric ENG', values: [
        ['Dimension', 'Competency ID', 'Weight', '1 Beginning', '2 Developing', '3 Proficient', '4 Exemplary'],
        ['Technical accuracy', 'E1', 60, 'Often wrong', 'Sometimes wrong', 'Correct', 'Correct and teaches'],
        ['Design judgement', 'E2', 40, 'No trade-offs', 'Some trade-offs', 'Clear trade-offs', 'Anticipates change'],
        ['Pass Threshold', '', '70%', '', '', '', ''],
      ] },
      { name: 'Rubric MGR', values: [
        ['Dimension', 'Competency ID', 'Weight', '1 Beginning', '2 Developing', '3 Proficient', '4 Exemplary'],
        ['Coaching depth', 'P1', 50, 'Tells', 'Asks sometimes', 'Asks and listens', 'Grows coaches'],
        ['Hiring rigour', 'P2', 50, 'Gut feel', 'Some structure', 'Structured loop', 'Calibrated panel'],
        ['Pass Threshold', '', 0.7, '', '', '', ''],
      ] },
    ],
  };
}

export function sheetOf(snap: WorkbookSnapshot, name: string) {
  const sheet = snap.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Sets one cell by A1 reference, growing the grid with '' as Sheets would show it. */
export function setCell(snap: WorkbookSnapshot, sheetName: string, ref: string, value: CellValue): WorkbookSnapshot {
  const sheet = sheetOf(snap, sheetName);
  const { row, col } = parseA1(ref)!;
  while (sheet.values.length <= row) sheet.values.push([]);
  const r = sheet.values[row];
  while (r.length <= col) r.push('');
  r[col] = value;
  return snap;
}

export function addRow(snap: WorkbookSnapshot, sheetName: string, row: CellValue[]): WorkbookSnapshot {
  sheetOf(snap, sheetName).values.push(row);
  return snap;
}

export const validate = (snap: WorkbookSnapshot, today = TODAY) => validateSnapshot(snap, { today });
