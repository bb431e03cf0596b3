import { cellOf } from '../at';
import { matrixTabName, OVERVIEW_TRACK_WORD, reportTabName, rubricTabName, SHARED_TRACK } from '../contract';
import { error, warning } from '../findings';
import type { RuleContext } from './rules';

/** Track ids that would collide with a meaning Rungs gives the word, and why. */
const RESERVED_TRACK_IDS = new Map<string, string>([
  [SHARED_TRACK.toLowerCase(), `in the Modules tab "${SHARED_TRACK}" marks the shared foundation modules every track uses.`],
  [OVERVIEW_TRACK_WORD.toLowerCase(), `its report tab would be "${reportTabName(OVERVIEW_TRACK_WORD)}", the tab that compares every track.`],
]);

/** Governance and structure of each track: owner, review date, levels in order, its matrix and rubric tabs. */
export function checkTracks(ctx: RuleContext): void {
  const { wb, index, today, findings } = ctx;
  const hasOwnerColumn = (wb.tabs.tracks?.cols.ownerEmail ?? -1) >= 0;
  for (const t of wb.tracks) {
    if (t.id === '' || index.trackById.get(t.id) !== t) continue;
    const label = t.name || t.id;
    const reserved = RESERVED_TRACK_IDS.get(t.id.toLowerCase());
    if (reserved !== undefined)
      findings.push(error(t.at.sheet, cellOf(t.at, 'id'), 'reserved-track-id', `"${t.id}" cannot be a track id: ${reserved} Choose another id.`));
    if (hasOwnerColumn && t.ownerEmail === '')
      findings.push(error(t.at.sheet, cellOf(t.at, 'ownerEmail'), 'track-no-owner', `Track "${label}" has no owner. Every track needs one person accountable for its content, its rubric and its learners' progress: write their email here.`));
    if (t.reviewBy !== null && t.reviewBy < today)
      findings.push(warning(t.at.sheet, cellOf(t.at, 'reviewBy'), 'review-overdue', `Track "${label}" was due for review on ${t.reviewBy}. Review its competencies with the track's managers and high performers, then set the next review date.`));
    const levels = index.levelsByTrack.get(t.id) ?? [];
    if (levels.length === 0)
      findings.push(error(t.at.sheet, cellOf(t.at, 'id'), 'track-no-levels', `Track "${label}" has no job levels. Add its levels to the Levels tab (Track ID ${t.id}, Order 1, 2, 3 ...).`));
    if (!index.matrixByTrack.has(t.id))
      findings.push(error(t.at.sheet, cellOf(t.at, 'id'), 'matrix-missing', `Track "${label}" has no "${matrixTabName(t.id)}" tab, so no competency is expected at any of its levels. Use Rungs > Build matrix tabs to create it.`));
    if (!index.rubricByTrack.has(t.id))
      findings.push(warning(t.at.sheet, cellOf(t.at, 'id'), 'rubric-missing', `Track "${label}" has no "${rubricTabName(t.id)}" tab, so its learners cannot be assessed against role-specific criteria yet.`));
  }
  checkLevelOrders(ctx);
}

/** Orders within a track run 1, 2, 3 ... without gaps or repeats. */
function checkLevelOrders(ctx: RuleContext): void {
  for (const [trackId, levels] of ctx.index.levelsByTrack) {
    const seen = new Map<number, string>();
    let expected = 1;
    for (const l of levels) {
      if (l.order === null) continue;
      const cell = cellOf(l.at, 'order');
      const other = seen.get(l.order);
      if (other !== undefined) {
        ctx.findings.push(error(l.at.sheet, cell, 'level-order', `Levels "${other}" and "${l.code}" of track ${trackId} both have Order ${l.order}. Give each level its own place: 1, 2, 3 ...`));
        continue;
      }
      seen.set(l.order, l.code);
      if (l.order !== expected)
        ctx.findings.push(error(l.at.sheet, cell, 'level-order', `Track ${trackId} has no level with Order ${expected}, so "${l.code}" (Order ${l.order}) leaves a gap. Number the levels 1, 2, 3 ... without gaps.`));
      expected = l.order + 1;
    }
  }
}
