import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../shared';
import { exportCase, importCase } from '../../shared/formats/case';
import { exchangeSource } from '../../shared/formats/exchange-tabs';
import { exportMoodle, importMoodle } from '../../shared/formats/moodle';

/** Cell text as a sheet keeps it: trimmed, no replacement character (that one means "bad encoding" on import). */
const text = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/\uFFFD/g, '').trim());
const name = text.filter((s) => s !== '');

interface Comp { id: string; name: string; description: string; scope: 'Shared' | 'Role'; parent: number; deps: number[] }

const workbookArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) =>
    fc.record({
      id: fc.stringMatching(/^[A-Za-z0-9._-]{1,8}$/).map((s) => `${s}${i}`),
      name,
      description: text,
      scope: fc.constantFrom('Shared' as const, 'Role' as const),
      parent: fc.integer({ min: -1, max: i - 1 }),
      deps: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { maxLength: i === 0 ? 0 : 3 }),
    }),
  )).map((comps: Comp[]) => comps),
);

function toWorkbook(comps: Comp[]): WorkbookSnapshot {
  const values = [
    ['Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Description', 'Parent ID'],
    ...comps.map((c) => [c.id, c.name, c.scope, c.deps.map((d) => comps[d].id).join(', '), c.description, c.parent < 0 ? '' : comps[c.parent].id]),
  ];
  return { spreadsheetId: 'prop', sheets: [{ name: 'Competencies', values }] };
}

describe('round trips on generated workbooks', () => {
  it('Moodle keeps every competency, name, description and parent; dependencies are a finding', () => {
    fc.assert(
      fc.property(workbookArb, (comps) => {
        const out = exportMoodle(exchangeSource(toWorkbook(comps)));
        const back = importMoodle(out.csv);
        expect(back.ok).toBe(true);
        const byId = new Map(back.competencies.map((c) => [c.id, c]));
        expect(back.competencies).toHaveLength(comps.length);
        for (const c of comps) {
          const b = byId.get(c.id);
          expect(b?.name).toBe(c.name);
          expect(b?.description).toBe(c.description);
          expect(b?.extra['Parent ID']).toBe(c.parent < 0 ? '' : comps[c.parent].id);
        }
        const deps = comps.reduce((k, c) => k + c.deps.length, 0);
        expect(out.findings.some((f) => f.code === 'moodle-dependencies-not-exported')).toBe(deps > 0);
      }),
      { numRuns: 150 },
    );
  });

  it('CASE keeps every competency, name, description, scope, dependency and parent', () => {
    fc.assert(
      fc.property(workbookArb, (comps) => {
        const source = exchangeSource(toWorkbook(comps));
        const back = importCase(JSON.parse(JSON.stringify(exportCase(source, { frameworkId: '8c0d3f6e-2b7a-4c55-9e1d-0f4a6b2c8d91', lastChangeDateTime: '2026-01-01T00:00:00Z' }).json)) as unknown);
        expect(back.ok).toBe(true);
        // Rows come back in tree order (each competency under its parent, siblings in workbook order).
        const byId = (rows: unknown[][]) => [...rows].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
        expect(byId(back.competencies.map((c) => [c.id, c.name, c.description, c.scope, [...(c.dependsOn ?? [])].sort(), c.extra['Parent ID'] ?? ''])))
          .toEqual(byId(comps.map((c) => [c.id, c.name, c.description, c.scope, c.deps.map((d) => comps[d].id).sort(), c.parent < 0 ? '' : comps[c.parent].id])));
        const at = new Map(back.competencies.map((c, i) => [c.id, i]));
        for (const c of comps) if (c.parent >= 0) expect(at.get(comps[c.parent].id) ?? -1).toBeLessThan(at.get(c.id) ?? -1);
      }),
      { numRuns: 150 },
    );
  });
});
