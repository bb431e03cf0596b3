import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { trackOverlaps } from '../../shared/analysis';
import type { Finding } from '../../shared/findings';
import { findCycles } from '../../shared/graph';
import type { Workbook } from '../../shared/model';
import { validateWorkbook } from '../../shared/validate/index';
import { indexWorkbook, type WorkbookIndex } from '../../shared/workbook-index';
import { loadWorkbook } from '../../sync-server/io/load-workbook';

/** The example workbooks are folders of tab CSVs, read exactly the way the CLI reads them. */
const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples');
const TODAY = '2026-11-23';
const load = (name: string) => loadWorkbook(join(EXAMPLES, name));

const show = (fs: readonly Finding[]) => fs.map((f) => `${f.severity} ${f.code} ${f.sheet}!${f.cell}: ${f.message}`).join('\n');

describe('examples/acme', () => {
  let wb: Workbook;
  let index: WorkbookIndex;
  let findings: Finding[];

  beforeAll(async () => {
    const result = validateWorkbook(await load('acme'), { today: TODAY });
    wb = result.workbook;
    findings = result.findings;
    index = indexWorkbook(wb);
  });

  it('has no error findings', () => {
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors, show(errors)).toEqual([]);
  });

  it('has no warnings other than the ones examples/README.md explains', () => {
    const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
    const unexplained = findings.filter((f) => f.severity === 'warning' && !readme.includes(`\`${f.code}\``));
    expect(unexplained, show(unexplained)).toEqual([]);
  });

  it('has the size the example promises', () => {
    expect(wb.tracks.map((t) => t.id)).toEqual(['ENG-IC', 'ENG-MGR', 'CS']);
    expect(wb.competencies.length).toBeGreaterThanOrEqual(30);
    expect(wb.positions.length).toBeGreaterThanOrEqual(15);
    expect(wb.modules.length).toBeGreaterThanOrEqual(20);
    expect(wb.employees.length).toBeGreaterThanOrEqual(25);
    expect(wb.matrices.map((m) => m.trackId).sort()).toEqual(['CS', 'ENG-IC', 'ENG-MGR']);
    expect(wb.rubrics.map((r) => r.trackId).sort()).toEqual(['CS', 'ENG-IC', 'ENG-MGR']);
  });

  // The invariants below restate what the example promises, independently of how the rules are written.

  it('tracks: owner, Draft status, review date ahead, levels ordered 1..n', () => {
    for (const t of wb.tracks) {
      expect(t.ownerEmail, t.id).not.toBe('');
      expect(t.status).toBe('Draft');
      expect(t.reviewBy! > TODAY, t.id).toBe(true);
      expect(index.levelsByTrack.get(t.id)!.map((l) => l.order)).toEqual(index.levelsByTrack.get(t.id)!.map((_, i) => i + 1));
    }
  });

  it('competencies: unique ids, known and acyclic dependencies, shared ones depend only on shared ones', () => {
    const ids = wb.competencies.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of wb.competencies)
      for (const d of c.dependsOn) {
        expect(index.competencyById.has(d), `${c.id} -> ${d}`).toBe(true);
        if (c.scope === 'Shared') expect(index.competencyById.get(d)!.scope, `${c.id} -> ${d}`).toBe('Shared');
      }
    expect(findCycles(ids, (id) => index.competencyById.get(id)?.dependsOn ?? [])).toEqual([]);
  });

  it('matrices: level columns in order, no dropped expectation, dependencies required and not expected later', () => {
    for (const m of wb.matrices) {
      const codes = index.levelsByTrack.get(m.trackId)!.map((l) => l.code);
      expect(m.levels.map((l) => l.code)).toEqual(codes);
      const first = new Map<string, number>();
      for (const row of m.rows) {
        expect(index.competencyById.get(row.competencyId)?.name, `${m.sheet} ${row.competencyId}`).toBe(row.name);
        const start = row.expectations.findIndex((e) => e !== '');
        expect(start, `${m.sheet} ${row.competencyId} has no expectation`).toBeGreaterThanOrEqual(0);
        for (let i = start; i < row.expectations.length; i++) expect(row.expectations[i], `${m.sheet} ${row.competencyId} ${codes[i]}`).not.toBe('');
        const filled = row.expectations.filter((e) => e !== '');
        expect(new Set(filled).size, `${m.sheet} ${row.competencyId} repeats an expectation`).toBe(filled.length);
        first.set(row.competencyId, start);
      }
      for (const row of m.rows)
        for (const dep of index.competencyById.get(row.competencyId)!.dependsOn) {
          expect(first.has(dep), `${m.sheet}: ${row.competencyId} needs ${dep}`).toBe(true);
          expect(first.get(dep)! <= first.get(row.competencyId)!, `${m.sheet}: ${row.competencyId} before ${dep}`).toBe(true);
        }
    }
  });

  it('scope matches use: Shared competencies in every track, Role ones in exactly one; tracks stay differentiated', () => {
    const tracksUsing = (id: string) => [...index.requiredByTrack.values()].filter((s) => s.has(id)).length;
    for (const c of wb.competencies) expect(tracksUsing(c.id), c.id).toBe(c.scope === 'Shared' ? wb.tracks.length : 1);
    for (const o of trackOverlaps(wb, index)) expect(o.share, `${o.a} / ${o.b}`).toBeLessThan(0.5);
  });

  it('modules: references, tracks, acyclic prerequisites listed first, rows follow competency dependencies', () => {
    const ids = wb.modules.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rowOf = new Map(wb.modules.map((m, i) => [m.id, i]));
    const deps = (id: string, seen = new Set<string>()): Set<string> => {
      for (const d of index.competencyById.get(id)!.dependsOn) if (!seen.has(d)) { seen.add(d); deps(d, seen); }
      return seen;
    };
    for (const [i, mod] of wb.modules.entries()) {
      for (const c of mod.develops) {
        const comp = index.competencyById.get(c);
        expect(comp, `${mod.id} develops ${c}`).toBeDefined();
        if (mod.trackId === 'Shared') expect(comp!.scope, `${mod.id} develops ${c}`).toBe('Shared');
        else expect(index.requiredByTrack.get(mod.trackId)!.has(c), `${mod.id} develops ${c}`).toBe(true);
        for (const d of deps(c)) {
          expect(mod.develops.includes(d), `${mod.id} develops ${c} and its dependency ${d}`).toBe(false);
          for (const other of wb.modules)
            if (other.develops.includes(d)) expect(rowOf.get(other.id)! < i, `${other.id} (${d}) should come before ${mod.id} (${c})`).toBe(true);
        }
      }
      for (const p of mod.prerequisites) {
        const pre = index.moduleById.get(p);
        expect(pre, `${mod.id} needs ${p}`).toBeDefined();
        expect([mod.trackId, 'Shared']).toContain(pre!.trackId);
        expect(rowOf.get(p)! < i, `${p} listed after ${mod.id}`).toBe(true);
      }
    }
    for (const t of wb.tracks)
      for (const c of index.requiredByTrack.get(t.id)!)
        expect(wb.modules.some((m) => (m.trackId === t.id || m.trackId === 'Shared') && m.develops.includes(c)), `${t.id}: nothing develops ${c}`).toBe(true);
  });

  it('positions and employees point at things that exist; every level has a position', () => {
    for (const p of wb.positions) expect(index.levelsByTrack.get(p.trackId)?.some((l) => l.code === p.levelCode), p.id).toBe(true);
    for (const l of wb.levels) expect(wb.positions.some((p) => p.trackId === l.trackId && p.levelCode === l.code), `${l.trackId} ${l.code}`).toBe(true);
    const emails = wb.employees.map((e) => e.email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(new Set(wb.employees.map((e) => e.id)).size).toBe(wb.employees.length);
    for (const e of wb.employees) expect(index.positionById.has(e.positionId), e.id).toBe(true);
    // Managers are employees of the workbook, except the two executives examples/README.md names.
    const managers = new Set([...emails, 'ines.castillo@acmecloud.com', 'sofia.martins@acmecloud.com']);
    for (const e of wb.employees) expect(managers.has(e.managerEmail), `${e.id} manager ${e.managerEmail}`).toBe(true);
    for (const t of wb.tracks) expect(emails.includes(t.ownerEmail), `${t.id} owner`).toBe(true);
  });

  it('rubrics: weights add to 100, dimensions tied to required competencies, a threshold, descriptors unique to the track', () => {
    const seen = new Map<string, string>();
    for (const r of wb.rubrics) {
      expect(r.scale.map((s) => s.score)).toEqual([1, 2, 3, 4]);
      expect(r.dimensions.length).toBeGreaterThanOrEqual(4);
      expect(r.dimensions.reduce((s, d) => s + (d.weight ?? 0), 0)).toBe(100);
      expect(r.passThreshold).not.toBeNull();
      for (const d of r.dimensions) {
        expect(index.requiredByTrack.get(r.trackId)!.has(d.competencyId), `${r.sheet} ${d.name}`).toBe(true);
        for (const text of d.descriptors) {
          expect(text).not.toBe('');
          expect(seen.get(text), `${r.sheet} reuses a descriptor of ${seen.get(text)}`).toBeUndefined();
          seen.set(text, r.sheet);
        }
      }
    }
  });
});

/** Each planted mistake of examples/acme-with-problems and the finding it must produce (see its README). */
const PLANTED: { sheet: string; cell: string; code: string }[] = [
  { sheet: 'Tracks', cell: 'F3', code: 'bad-date' },
  { sheet: 'Tracks', cell: 'D4', code: 'track-no-owner' },
  { sheet: 'Competencies', cell: 'A39', code: 'duplicate-id' },
  // Planted in D30 (CS-ONB); the cycle is reported once, at its first member alphabetically (CS-HLTH, D33).
  { sheet: 'Competencies', cell: 'D33', code: 'dependency-cycle' },
  { sheet: 'Positions', cell: 'D6', code: 'unknown-level' },
  { sheet: 'Modules', cell: 'E16', code: 'unknown-module' },
  { sheet: 'Matrix CS', cell: 'F13', code: 'expectation-dropped' },
  { sheet: 'Rubric ENG-MGR', cell: 'B2', code: 'rubric-competency-outside-track' },
];

/** Findings that follow from a planted mistake rather than being one (documented in the README too). */
const CONSEQUENCES: { sheet: string; cell: string; code: string }[] = [
  // The cycle makes onboarding depend on account health, which MOD-CS-05 develops, further down the tab.
  { sheet: 'Modules', cell: 'A26', code: 'module-order' },
];

const key = (f: { sheet: string; cell: string; code: string }) => `${f.code} ${f.sheet}!${f.cell}`;

describe('examples/acme-with-problems', () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = validateWorkbook(await load('acme-with-problems'), { today: TODAY }).findings;
  });

  it('reports every planted mistake with its code at its cell', () => {
    const got = new Set(findings.map(key));
    const missing = PLANTED.filter((p) => !got.has(key(p)));
    expect(missing, `findings were:\n${show(findings)}`).toEqual([]);
  });

  it('reports nothing beyond the planted mistakes and their documented consequences', () => {
    const known = new Set([...PLANTED, ...CONSEQUENCES].map(key));
    const extra = findings.filter((f) => !known.has(key(f)));
    expect(extra, show(extra)).toEqual([]);
  });

  it('documents every planted mistake in its README', () => {
    const readme = readFileSync(join(EXAMPLES, 'acme-with-problems', 'README.md'), 'utf8');
    for (const p of [...PLANTED, ...CONSEQUENCES]) {
      expect(readme, p.code).toContain(`\`${p.code}\``);
      expect(readme, `${p.sheet}!${p.cell}`).toContain(p.cell);
    }
  });

  it('blocks publishing', () => {
    expect(findings.some((f) => f.severity === 'error')).toBe(true);
  });
});
