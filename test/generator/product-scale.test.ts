import { beforeAll, describe, expect, it } from 'vitest';
import { headerKey, parseWorkbook, indexWorkbook, type Workbook, type WorkbookIndex, type WorkbookSnapshot } from '../../shared';
import { trackOverlaps } from '../../shared/analysis';
import { validateSnapshot } from '../../shared/validate/index';
import { generateWorkbook } from '../support/generate-workbook';
import { TODAY } from './workbooks';

const dataRows = (s: WorkbookSnapshot, name: string) => s.sheets.find((t) => t.name === name)!.values.length - 1;

describe('the product-scale workbook', () => {
  let snapshot: WorkbookSnapshot;
  let wb: Workbook;
  let index: WorkbookIndex;
  beforeAll(() => {
    snapshot = generateWorkbook();
    wb = parseWorkbook(snapshot).workbook;
    index = indexWorkbook(wb);
  });

  it('has the sizes of the product brief', () => {
    expect(dataRows(snapshot, 'Tracks')).toBe(50);
    expect(dataRows(snapshot, 'Levels')).toBe(500);
    expect(dataRows(snapshot, 'Competencies')).toBe(3000);
    expect(dataRows(snapshot, 'Positions')).toBe(2000);
    expect(dataRows(snapshot, 'Modules')).toBe(1000);
    expect(snapshot.sheets.some((t) => t.name === 'Employees')).toBe(false);
    const matrices = snapshot.sheets.filter((t) => t.name.startsWith('Matrix '));
    const rubrics = snapshot.sheets.filter((t) => t.name.startsWith('Rubric '));
    expect(matrices).toHaveLength(50);
    expect(rubrics).toHaveLength(50);
    let cells = 0;
    for (const m of matrices) {
      expect(m.values).toHaveLength(301);
      for (const row of m.values) expect(row).toHaveLength(12);
      cells += (m.values.length - 1) * (m.values[0].length - 2);
    }
    expect(cells).toBe(150_000);
  });

  it('mixes Individual Contributor and Manager tracks, each with an owner and a review date after 2027-01-01', () => {
    const types = new Set(wb.tracks.map((t) => t.type));
    expect(types).toEqual(new Set(['Individual Contributor', 'Manager']));
    for (const t of wb.tracks) {
      expect(t.ownerEmail).toMatch(/@/);
      expect(t.reviewBy! > '2027-01-01').toBe(true);
    }
  });

  it('has a shared foundation every track requires, and tracks sharing well under 75%', () => {
    const shared = wb.competencies.filter((c) => c.scope === 'Shared').map((c) => c.id);
    expect(shared.length).toBeGreaterThanOrEqual(60);
    expect(shared.length).toBeLessThanOrEqual(100);
    for (const required of index.requiredByTrack.values()) for (const id of shared) expect(required.has(id)).toBe(true);
    const worst = Math.max(...trackOverlaps(wb, index).map((o) => o.share));
    expect(worst).toBeLessThan(0.5);
  });

  it('writes realistic expectations, distinct per level, that never vanish at a higher level', () => {
    const problems: string[] = [];
    let startsLater = 0;
    for (const m of wb.matrices) {
      for (const row of m.rows) {
        const first = row.expectations.findIndex((e) => e !== '');
        const filled = row.expectations.slice(Math.max(first, 0));
        const where = `${m.sheet} row ${row.row + 1}`;
        if (first < 0 || filled.some((e) => e === '')) problems.push(`${where}: gap`);
        if (new Set(filled).size !== filled.length) problems.push(`${where}: repeated text`);
        if (filled.some((e) => e.length < 40 || e.length > 90)) problems.push(`${where}: length outside 40-90`);
        if (first > 0) startsLater++;
      }
    }
    expect(problems).toEqual([]);
    expect(startsLater).toBeGreaterThan(0);
  });

  it('has dependencies, shared modules around 15% developing the foundation, gates and 1-3 competencies per module', () => {
    expect(wb.competencies.filter((c) => c.dependsOn.length > 0).length).toBeGreaterThan(1000);
    const sharedModules = wb.modules.filter((m) => m.trackId === 'Shared');
    expect(sharedModules.length).toBe(150);
    for (const m of sharedModules) for (const c of m.develops) expect(index.competencyById.get(c)!.scope).toBe('Shared');
    for (const m of wb.modules) {
      expect(m.develops.length).toBeGreaterThanOrEqual(1);
      expect(m.develops.length).toBeLessThanOrEqual(3);
    }
    expect(wb.modules.filter((m) => m.gate !== null).length).toBeGreaterThan(0);
    expect(wb.modules.filter((m) => m.prerequisites.length > 0).length).toBeGreaterThan(0);
  });

  it('gives every track a rubric of 5 dimensions with its own descriptors and a pass threshold', () => {
    const signatures = new Set<string>();
    for (const r of wb.rubrics) {
      expect(r.dimensions).toHaveLength(5);
      expect(r.passThreshold).toBe(70);
      for (const d of r.dimensions) expect(index.requiredByTrack.get(r.trackId)!.has(d.competencyId)).toBe(true);
      signatures.add(r.dimensions.flatMap((d) => d.descriptors.map(headerKey)).join('|'));
    }
    expect(signatures.size).toBe(50);
  });

  it('validates with zero findings', () => {
    expect(validateSnapshot(snapshot, { today: TODAY })).toEqual([]);
  });

  it('emits 100,000 employees on request, still with zero findings', () => {
    const withEmployees = generateWorkbook({ employees: 100_000 });
    expect(dataRows(withEmployees, 'Employees')).toBe(100_000);
    expect(validateSnapshot(withEmployees, { today: TODAY })).toEqual([]);
  });
});
