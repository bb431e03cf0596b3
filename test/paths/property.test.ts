import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateWorkbook, type Workbook } from '../../shared';
import { createPathIndex, CYCLE_FINDING_CODES, orderTrackPath, pathToLevel } from '../../shared/paths';
import { snapshotOf, workbookOf, type ModuleSpec, type TrackSpec, type WorkbookSpec } from './builder';
import { idsOf, pathOf } from './helpers';

/**
 * Random workbooks that are acyclic by construction: every competency and every module sits in a layer;
 * a competency depends only on competencies of lower layers, a module develops only competencies of its own
 * layer, and lists as prerequisites only modules earlier in (layer, row) order. So every "must come before" tie
 * (prerequisite or dependency) goes forward in that order and no loop can exist. Module ids are random, so
 * id order has nothing to do with the layers.
 */
const LEVELS = ['L1', 'L2', 'L3'];

const arbitraryWorkbook = fc
  .record({
    trackCount: fc.integer({ min: 1, max: 3 }),
    levelCount: fc.integer({ min: 1, max: 3 }),
    layerCount: fc.integer({ min: 1, max: 4 }),
    competencies: fc.array(
      fc.record({
        layer: fc.nat(3),
        deps: fc.array(fc.nat(40), { maxLength: 3 }),
        firstLevel: fc.array(fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), { minLength: 3, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 14 },
    ),
    modules: fc.array(
      fc.record({
        layer: fc.nat(3),
        track: fc.nat(3),
        develops: fc.array(fc.nat(40), { maxLength: 3 }),
        pre: fc.array(fc.nat(40), { maxLength: 3 }),
        idKey: fc.nat(99),
      }),
      { maxLength: 18 },
    ),
  })
  .map(({ trackCount, levelCount, layerCount, competencies, modules }): WorkbookSpec => {
    const compLayer = competencies.map((c) => c.layer % layerCount);
    const compId = (i: number) => `C${i}`;
    const modLayer = modules.map((m) => m.layer % layerCount);
    const modId = (i: number) => `M${modules[i].idKey}-${i}`;
    const before = (j: number, i: number) => modLayer[j] < modLayer[i] || (modLayer[j] === modLayer[i] && j < i);
    const tracks: Record<string, TrackSpec> = {};
    for (let t = 0; t < trackCount; t++) {
      const matrix: Record<string, number> = {};
      competencies.forEach((c, i) => {
        const first = c.firstLevel[t];
        if (first !== undefined) matrix[compId(i)] = Math.min(first, levelCount);
      });
      tracks[`T${t}`] = { levels: LEVELS.slice(0, levelCount), matrix };
    }
    const moduleSpecs: Record<string, ModuleSpec> = {};
    modules.forEach((m, i) => {
      const develops = [...new Set(m.develops.map((d) => d % competencies.length))].filter((j) => compLayer[j] === modLayer[i]);
      const pre = modules.length > 0 ? [...new Set(m.pre.map((p) => p % modules.length))].filter((j) => before(j, i)) : [];
      moduleSpecs[modId(i)] = {
        track: m.track % (trackCount + 1) === 0 ? 'Shared' : `T${(m.track % (trackCount + 1)) - 1}`,
        develops: develops.map(compId).join(','),
        pre: pre.map(modId).join(','),
      };
    });
    return {
      tracks,
      competencies: Object.fromEntries(
        competencies.map((c, i) => [compId(i), { dependsOn: [...new Set(c.deps.map((d) => d % competencies.length))].filter((j) => compLayer[j] < compLayer[i]).map(compId).join(',') }]),
      ),
      modules: moduleSpecs,
    };
  });

/** What a track's path must hold, computed independently: its own modules, the Shared modules developing a required competency, and their Shared prerequisites. */
function expectedModules(wb: Workbook, trackId: string): Set<string> {
  const required = new Set(wb.matrices.find((m) => m.trackId === trackId)!.rows.filter((r) => r.expectations.some((e) => e !== '')).map((r) => r.competencyId));
  const byId = new Map(wb.modules.map((m) => [m.id, m]));
  const out = new Set(wb.modules.filter((m) => m.trackId === trackId || (m.trackId === 'Shared' && m.develops.some((c) => required.has(c)))).map((m) => m.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const id of [...out]) for (const p of byId.get(id)!.prerequisites) if (byId.get(p)?.trackId === 'Shared' && !out.has(p)) (out.add(p), (grew = true));
  }
  return out;
}

/**
 * Every "must come before" tie inside one path: prerequisites, and B before A when A develops a competency that
 * depends on one B develops, unless A is shared and B is not (the foundation never waits for a role branch;
 * validation reports that case as foundation-depends-on-role).
 */
function mustComeBefore(wb: Workbook, inPath: Set<string>): [string, string][] {
  const edges: [string, string][] = [];
  const dependsOn = new Map(wb.competencies.map((c) => [c.id, c.dependsOn]));
  for (const a of wb.modules) {
    if (!inPath.has(a.id)) continue;
    for (const p of a.prerequisites) if (inPath.has(p)) edges.push([p, a.id]);
    for (const b of wb.modules) {
      if (b.id === a.id || !inPath.has(b.id) || (a.trackId === 'Shared' && b.trackId !== 'Shared')) continue;
      if (a.develops.some((x) => (dependsOn.get(x) ?? []).some((y) => b.develops.includes(y)))) edges.push([b.id, a.id]);
    }
  }
  return edges;
}

describe('orderTrackPath on random acyclic workbooks', () => {
  it('respects every tie, holds exactly the needed modules, and is deterministic', () => {
    fc.assert(
      fc.property(arbitraryWorkbook, (spec) => {
        const wb = workbookOf(spec);
        for (const track of wb.tracks) {
          const result = orderTrackPath(wb, track.id);
          const order = idsOf(result);
          const expected = expectedModules(wb, track.id);
          expect(new Set(order).size).toBe(order.length);
          expect(new Set(order)).toEqual(expected);
          const at = new Map(order.map((id, i) => [id, i]));
          for (const [before, after] of mustComeBefore(wb, expected)) expect(at.get(before)!).toBeLessThan(at.get(after)!);
          expect(orderTrackPath(wb, track.id)).toEqual(result);
          for (const step of pathOf(result).steps) expect(step.reasons.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the rows in the Modules tab', () => {
    fc.assert(
      fc.property(arbitraryWorkbook, fc.integer(), (spec, seed) => {
        const entries = Object.entries(spec.modules ?? {});
        const shuffled = entries.map((e, i) => ({ e, k: Math.sin(seed + i) })).sort((a, b) => a.k - b.k).map((x) => x.e);
        const a = workbookOf(spec);
        const b = workbookOf({ ...spec, modules: Object.fromEntries(shuffled) });
        for (const track of a.tracks) expect(idsOf(orderTrackPath(b, track.id))).toEqual(idsOf(orderTrackPath(a, track.id)));
      }),
      { numRuns: 100 },
    );
  });

  it('picks, at every step, the best-ranked module whose ties are all met (Foundation, level, id)', () => {
    fc.assert(
      fc.property(arbitraryWorkbook, (spec) => {
        const wb = workbookOf(spec);
        for (const track of wb.tracks) {
          const steps = pathOf(orderTrackPath(wb, track.id)).steps;
          const edges = mustComeBefore(wb, new Set(steps.map((s) => s.moduleId)));
          const rank = (s: (typeof steps)[number]) => [s.stage === 'Foundation' ? 0 : 1, s.firstRequiredLevel?.order ?? Infinity, s.moduleId] as const;
          const less = (x: ReturnType<typeof rank>, y: ReturnType<typeof rank>) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : 1);
          const placed = new Set<string>();
          for (const step of steps) {
            const ready = steps.filter((s) => !placed.has(s.moduleId) && edges.every(([b, a]) => a !== s.moduleId || placed.has(b)));
            const best = ready.reduce((x, y) => (less(rank(x), rank(y)) <= 0 ? x : y));
            expect(step.moduleId).toBe(best.moduleId);
            placed.add(step.moduleId);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a path to a level is a part of the full path, in the same order, with the prerequisites it needs', () => {
    fc.assert(
      fc.property(arbitraryWorkbook, (spec) => {
        const wb = workbookOf(spec);
        for (const track of wb.tracks) {
          const full = idsOf(orderTrackPath(wb, track.id));
          for (const level of wb.levels.filter((l) => l.trackId === track.id)) {
            const part = idsOf(pathToLevel(wb, track.id, level.code));
            expect(full.filter((id) => part.includes(id))).toEqual(part);
            const inPart = new Set(part);
            for (const m of wb.modules) if (inPart.has(m.id)) for (const p of m.prerequisites) if (full.includes(p)) expect(inPart.has(p)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('paths from one shared index', () => {
  it('are the paths computed each from a fresh index, whatever the order levels are asked for in', () => {
    fc.assert(
      fc.property(arbitraryWorkbook, fc.boolean(), (spec, highestFirst) => {
        const wb = workbookOf(spec);
        const shared = createPathIndex(wb);
        for (const track of wb.tracks) {
          const levels = wb.levels.filter((l) => l.trackId === track.id).map((l) => l.code);
          if (highestFirst) levels.reverse();
          // Twice: the second round reads the renderings the first one kept.
          for (const code of [...levels, ...levels]) expect(pathToLevel(wb, track.id, code, shared)).toEqual(pathToLevel(wb, track.id, code));
          expect(orderTrackPath(wb, track.id, shared)).toEqual(orderTrackPath(wb, track.id));
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** Random workbooks with no care for loops: any competency may depend on any other, any module may need any other. */
const arbitraryTangledWorkbook = fc
  .record({
    trackCount: fc.integer({ min: 1, max: 2 }),
    competencies: fc.array(fc.record({ deps: fc.array(fc.nat(20), { maxLength: 2 }), tracks: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }) }), { minLength: 1, maxLength: 8 }),
    modules: fc.array(fc.record({ track: fc.nat(2), develops: fc.array(fc.nat(20), { maxLength: 2 }), pre: fc.array(fc.nat(20), { maxLength: 2 }) }), { maxLength: 8 }),
  })
  .map(({ trackCount, competencies, modules }): WorkbookSpec => {
    const compId = (i: number) => `C${i % competencies.length}`;
    const modId = (i: number) => `M${i % Math.max(1, modules.length)}`;
    const tracks: Record<string, TrackSpec> = {};
    for (let t = 0; t < trackCount; t++)
      tracks[`T${t}`] = { levels: ['L1'], matrix: Object.fromEntries(competencies.flatMap((c, i) => (c.tracks[t] ? [[compId(i), 1]] : []))) };
    return {
      tracks,
      competencies: Object.fromEntries(competencies.map((c, i) => [compId(i), { dependsOn: [...new Set(c.deps.map(compId))].join(',') }])),
      modules: Object.fromEntries(
        modules.map((m, i) => [
          modId(i),
          { track: m.track % (trackCount + 1) === 0 ? 'Shared' : `T${(m.track % (trackCount + 1)) - 1}`, develops: [...new Set(m.develops.map(compId))].join(','), pre: [...new Set(m.pre.map(modId))].join(',') },
        ]),
      ),
    };
  });

describe('orderTrackPath and validation agree on loops', () => {
  it('refuses a path only when validation reports the loop it points at, and orders every track when validation reports none', () => {
    fc.assert(
      fc.property(arbitraryTangledWorkbook, (spec) => {
        const { workbook, findings } = validateWorkbook(snapshotOf(spec), { today: '2026-01-01' });
        const reported = new Set(findings.map((f) => f.code));
        const loopsReported = CYCLE_FINDING_CODES.some((c) => reported.has(c));
        for (const track of workbook.tracks) {
          const result = orderTrackPath(workbook, track.id);
          if (result.ok) continue;
          if (result.error.code !== 'path-cycle') throw new Error(result.error.message);
          expect(reported).toContain(result.error.findingCode);
        }
        if (!loopsReported) for (const track of workbook.tracks) expect(orderTrackPath(workbook, track.id).ok).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
