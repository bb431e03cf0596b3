import { COMPETENCIES_TAB, LEVELS_TAB } from '../contract';
import type { Workbook } from '../model';
import type { WorkbookIndex } from '../workbook-index';
import { competenciesPrompt, levelsPrompt } from './prompts';
import type { ProposalItem } from './proposal';
import { CompetenciesOutputSchema, LevelsOutputSchema } from './schemas';
import { competencyBrief, firstDuplicate, levelBrief, task, trackBrief, type GenerationTask } from './task';
import type { Track } from '../model';

const h = (tab: typeof COMPETENCIES_TAB | typeof LEVELS_TAB, key: string) => tab.columns.find((c) => c.key === key)!.header;

/** Role-specific competencies for a track; proposals that repeat an existing id or name are dropped. */
export function competenciesTask(wb: Workbook, track: Track, count = 5): GenerationTask {
  const shared = wb.competencies.filter((c) => c.scope === 'Shared').map(competencyBrief);
  const existing = wb.competencies.filter((c) => c.scope !== 'Shared').map(competencyBrief);
  const taken = new Set(wb.competencies.flatMap((c) => [c.id.toLowerCase(), c.name.trim().toLowerCase()]));
  return task({
    messages: competenciesPrompt({ track: trackBrief(track), shared, existing, count }),
    schemaName: 'competencies',
    schema: CompetenciesOutputSchema,
    check: (v) => {
      const dup = firstDuplicate(v.competencies.map((c) => c.id)) ?? firstDuplicate(v.competencies.map((c) => c.name));
      return dup ? `duplicate competency ${dup}` : null;
    },
    toItems: (v) => v.competencies
      .filter((c) => !taken.has(c.id.toLowerCase()) && !taken.has(c.name.trim().toLowerCase()))
      .map((c): ProposalItem => ({
        kind: 'row', id: `competency:${c.id}`, sheet: COMPETENCIES_TAB.name, basedOn: '',
        match: { [h(COMPETENCIES_TAB, 'id')]: c.id },
        values: {
          [h(COMPETENCIES_TAB, 'id')]: c.id,
          [h(COMPETENCIES_TAB, 'name')]: c.name.trim(),
          [h(COMPETENCIES_TAB, 'scope')]: 'Role',
          [h(COMPETENCIES_TAB, 'dependsOn')]: c.dependsOn.join(', '),
          [h(COMPETENCIES_TAB, 'description')]: c.description ?? '',
        },
      })),
  });
}

/** Job levels for a track, in order; codes the track already has are not proposed again. */
export function levelsTask(index: WorkbookIndex, track: Track): GenerationTask {
  const existing = index.levelsByTrack.get(track.id) ?? [];
  const taken = new Set(existing.map((l) => l.code.toLowerCase()));
  return task({
    messages: levelsPrompt({ track: trackBrief(track), existing: existing.map(levelBrief) }),
    schemaName: 'levels',
    schema: LevelsOutputSchema,
    check: (v) => {
      const dup = firstDuplicate(v.levels.map((l) => l.code));
      return dup ? `duplicate level code ${dup}` : null;
    },
    toItems: (v) => v.levels.flatMap((l, i): ProposalItem[] => (taken.has(l.code.toLowerCase()) ? [] : [{
      kind: 'row', id: `level:${l.code}`, sheet: LEVELS_TAB.name, basedOn: '',
      match: { [h(LEVELS_TAB, 'trackId')]: track.id, [h(LEVELS_TAB, 'code')]: l.code },
      values: {
        [h(LEVELS_TAB, 'trackId')]: track.id,
        [h(LEVELS_TAB, 'code')]: l.code,
        [h(LEVELS_TAB, 'name')]: l.name.trim(),
        [h(LEVELS_TAB, 'order')]: String(i + 1),
        [h(LEVELS_TAB, 'description')]: l.description ?? '',
      },
    }])),
  });
}
