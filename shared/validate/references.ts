import { cellOf } from '../at';
import { a1 } from '../cells';
import { error, warning } from '../findings';
import { isShared } from '../sequencing';
import type { RuleContext } from './rules';

const quoteList = (ids: string[]) => ids.map((id) => `"${id}"`).join(', ');

/** Every id that points somewhere must point at something that exists. */
export function checkReferences(ctx: RuleContext): void {
  const { wb, index, findings } = ctx;
  const { trackById, competencyById, moduleById, positionById, levelsByTrack } = index;

  for (const l of wb.levels)
    if (l.trackId !== '' && !trackById.has(l.trackId))
      findings.push(error(l.at.sheet, cellOf(l.at, 'trackId'), 'unknown-track', `Level "${l.code}" belongs to track "${l.trackId}", which is not in the Tracks tab.`));

  for (const c of wb.competencies) {
    const unknown = c.dependsOn.filter((d) => !competencyById.has(d));
    if (unknown.length > 0)
      findings.push(error(c.at.sheet, cellOf(c.at, 'dependsOn'), 'unknown-competency', `"${c.name || c.id}" depends on ${quoteList(unknown)}, which ${unknown.length > 1 ? 'are' : 'is'} not in the Competencies tab.`));
  }

  for (const p of wb.positions) {
    if (p.trackId === '') continue;
    if (!trackById.has(p.trackId)) {
      findings.push(error(p.at.sheet, cellOf(p.at, 'trackId'), 'unknown-track', `Position "${p.title || p.id}" is linked to track "${p.trackId}", which is not in the Tracks tab.`));
      continue;
    }
    const levels = levelsByTrack.get(p.trackId) ?? [];
    if (p.levelCode !== '' && !levels.some((l) => l.code === p.levelCode))
      findings.push(error(p.at.sheet, cellOf(p.at, 'levelCode'), 'unknown-level', `Position "${p.title || p.id}" is linked to level "${p.levelCode}", but track ${p.trackId} has ${levels.length ? `only the levels ${levels.map((l) => l.code).join(', ')}` : 'no levels yet'}.`));
  }

  for (const m of wb.modules) {
    if (m.trackId !== '' && !isShared(m) && !trackById.has(m.trackId))
      findings.push(error(m.at.sheet, cellOf(m.at, 'trackId'), 'unknown-track', `Module "${m.title || m.id}" belongs to track "${m.trackId}", which is not in the Tracks tab. Use a track id, or Shared for the shared foundation.`));
    const unknownComps = m.develops.filter((c) => !competencyById.has(c));
    if (unknownComps.length > 0)
      findings.push(error(m.at.sheet, cellOf(m.at, 'develops'), 'unknown-competency', `Module "${m.title || m.id}" develops ${quoteList(unknownComps)}, which ${unknownComps.length > 1 ? 'are' : 'is'} not in the Competencies tab.`));
    const unknownMods = m.prerequisites.filter((p) => !moduleById.has(p));
    if (unknownMods.length > 0)
      findings.push(error(m.at.sheet, cellOf(m.at, 'prerequisites'), 'unknown-module', `Module "${m.title || m.id}" lists ${quoteList(unknownMods)} as ${unknownMods.length > 1 ? 'prerequisites' : 'a prerequisite'}, but there is no such module in the Modules tab.`));
  }

  for (const e of wb.employees)
    if (e.positionId !== '' && !positionById.has(e.positionId))
      findings.push(error(e.at.sheet, cellOf(e.at, 'positionId'), 'unknown-position', `${e.name || e.id} holds position "${e.positionId}", which is not in the Positions tab.`));

  for (const m of wb.matrices) {
    if (!trackById.has(m.trackId))
      findings.push(warning(m.sheet, 'A1', 'orphan-tab', `This tab is named after track "${m.trackId}", which is not in the Tracks tab, so Rungs ignores it. Rename the tab or add the track.`));
    for (const r of m.rows)
      if (!competencyById.has(r.competencyId))
        findings.push(error(m.sheet, a1(r.row, m.idCol), 'unknown-competency', `"${r.competencyId}" is not in the Competencies tab. Add it there first, or correct the id.`));
  }

  for (const r of wb.rubrics) {
    if (!trackById.has(r.trackId))
      findings.push(warning(r.sheet, 'A1', 'orphan-tab', `This tab is named after track "${r.trackId}", which is not in the Tracks tab, so Rungs ignores it. Rename the tab or add the track.`));
    if (r.competencyCol < 0) continue;
    for (const d of r.dimensions)
      if (d.competencyId !== '' && !competencyById.has(d.competencyId))
        findings.push(error(r.sheet, a1(d.row, r.competencyCol), 'unknown-competency', `Dimension "${d.name}" is tied to "${d.competencyId}", which is not in the Competencies tab.`));
  }
}
