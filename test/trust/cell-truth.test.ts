/**
 * Cell truth, against a real server process over HTTP: for generated workbooks with defects planted in every
 * track, each track's draft and refused publish name exactly the cells (sheet, cell, code, message) that local
 * validation (what `rungs validate` runs) names for the same data: none elsewhere, none missing on the track's rows.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Finding } from '../../shared/findings';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { todayIso, validateSnapshot } from '../../shared/validate/index';
import { startSyncServer, type RunningServer } from '../addon/server-harness';
import { generateWorkbook } from '../support/generate-workbook';
import { cellKey, ownCell, plantTrackDefect, trackIdsOf, TRACK_DEFECTS, type TrackDefect } from './track-defects';

let sync: RunningServer;
beforeAll(async () => {
  sync = await startSyncServer();
}, 60_000);
afterAll(() => sync?.stop());

const full = (f: Finding) => `${cellKey(f)} ${f.severity} ${f.message}`;

interface Planted { trackId: string; defect: TrackDefect; sheet: string; cell: string }

function plantAll(snapshot: WorkbookSnapshot, plan: readonly (readonly [TrackDefect, number])[][]): Planted[] {
  const planted: Planted[] = [];
  trackIdsOf(snapshot).forEach((trackId, i) => {
    for (const [defect, pick] of plan[i % plan.length]) {
      const where = plantTrackDefect(snapshot, trackId, defect, pick);
      if (where) planted.push({ trackId, defect, ...where });
    }
  });
  return planted;
}

let round = 0;

it('every finding of every track\'s draft and refused publish is the local finding at that cell, and none of the track\'s is missing', async () => {
  const defects = fc.array(fc.tuple(fc.constantFrom(...TRACK_DEFECTS), fc.nat(50)), { minLength: 1, maxLength: 3 });
  await fc.assert(fc.asyncProperty(
    fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 10_000 }), fc.array(defects, { minLength: 1, maxLength: 4 }),
    async (tracks, levelsPerTrack, seed, plan) => {
      const snapshot = generateWorkbook({ tracks, levelsPerTrack, seed });
      snapshot.spreadsheetId = `cell-truth-${++round}`;
      const planted = plantAll(snapshot, plan);
      expect(planted.length).toBeGreaterThan(0);
      const local = validateSnapshot(snapshot, { today: todayIso() });
      const localByKey = new Map(local.map((f) => [full(f), f]));
      expect((await sync.api('POST', '/v1/workbooks', { spreadsheetId: snapshot.spreadsheetId, name: 'Generated' })).status).toBe(200);

      for (const trackId of trackIdsOf(snapshot)) {
        const base = `/v1/workbooks/${snapshot.spreadsheetId}/tracks/${encodeURIComponent(trackId)}`;
        const saved = await sync.api('POST', `${base}/drafts`, snapshot);
        expect(saved.status).toBe(201);
        const draft = saved.json as { findings: Finding[]; totalFindings: number; errors: number };
        expect(draft.totalFindings).toBe(draft.findings.length);

        // Each one is the local finding at that cell, word for word.
        for (const f of draft.findings) expect(localByKey.has(full(f)), `server: ${full(f)}`).toBe(true);
        // Each local finding on the track's own rows is there.
        const server = new Set(draft.findings.map(full));
        for (const f of local.filter((x) => ownCell(snapshot, trackId, x))) expect(server.has(full(f)), `missing on ${trackId}: ${full(f)}`).toBe(true);
        // What was planted in this track is reported at the planted cell.
        for (const p of planted.filter((x) => x.trackId === trackId)) {
          expect(draft.findings.some((f) => f.sheet === p.sheet && f.cell === p.cell), `${p.defect} at ${p.sheet}!${p.cell}`).toBe(true);
        }

        if (draft.errors > 0) {
          const refused = await sync.api('POST', `${base}/publish`, {});
          expect(refused.status).toBe(422);
          const findings = (refused.json as { error: { findings: Finding[] } }).error.findings;
          expect(findings.map(full).sort()).toEqual(draft.findings.map(full).sort());
        }
      }
    },
  ), { numRuns: 8 });
}, 240_000);
