import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import type { ServiceContext } from '../../sync-server/services/context';
import { saveDraft } from '../../sync-server/services/drafts';
import { isServiceError } from '../../sync-server/services/errors';
import type { Outcome } from '../../sync-server/services/idempotency';
import { publishTrack } from '../../sync-server/services/publish';
import { listVersions } from '../../sync-server/services/versions';
import { miniWorkbook, setCell } from '../shared/mini-workbook';
import { describeEachEngine } from '../storage/engines';
import { connected, contextFor } from './fixtures';

/** Holds the transaction open after the version insert, so the other publisher surely runs into it. */
const slow = { afterVersionInsert: () => sleep(150) };

async function twoDrafts(ctx: ServiceContext, round: number) {
  const a = await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: setCell(miniWorkbook(), 'Levels', 'C2', `A${round}`), actor: 'a@acme.test' });
  const b = await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: setCell(miniWorkbook(), 'Levels', 'C2', `B${round}`), actor: 'b@acme.test' });
  return [a.draftId, b.draftId] as const;
}

function settle(results: PromiseSettledResult<Outcome>[]) {
  const won = results.filter((r): r is PromiseFulfilledResult<Outcome> => r.status === 'fulfilled').map((r) => r.value.result.version);
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (isServiceError(r.reason) ? `${r.reason.status} ${r.reason.code}` : String(r.reason)));
  return { won, lost };
}

describeEachEngine('concurrent publishes in one instance', (h) => {
  it('end with one new version and one 409', async () => {
    const { ctx } = await connected(h, slow);
    const [a, b] = await twoDrafts(ctx, 0);
    const results = await Promise.allSettled([a, b].map((draftId) => publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', draftId, actor: 'x@acme.test' })));
    expect(settle(results)).toEqual({ won: [1], lost: ['409 stale-version'] });
    expect((await listVersions(ctx, 'mini', 'ENG')).versions).toHaveLength(1);
  });
});

describeEachEngine('concurrent publishes from two instances on one PostgreSQL', (h) => {
  it('end with exactly one new version and one 409, round after round', async () => {
    const { ctx } = await connected(h);
    const one = contextFor(await h.open(), slow);
    const two = contextFor(await h.open(), slow);
    for (let round = 1; round <= 4; round++) {
      const [a, b] = await twoDrafts(ctx, round);
      const results = await Promise.allSettled([
        publishTrack(one, { spreadsheetId: 'mini', trackId: 'ENG', draftId: a, actor: 'a@acme.test' }),
        publishTrack(two, { spreadsheetId: 'mini', trackId: 'ENG', draftId: b, actor: 'b@acme.test' }),
      ]);
      expect(settle(results)).toEqual({ won: [round], lost: ['409 stale-version'] });
    }
    const { activeVersion, versions } = await listVersions(ctx, 'mini', 'ENG');
    expect(activeVersion).toBe(4);
    expect(versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);
  });

  it('without the row lock still lose no update: the compare-and-set and the version key refuse the second', async () => {
    const { ctx } = await connected(h);
    const unlocked = async () => {
      const store = await h.open();
      return contextFor({ ...store, dialect: { ...store.dialect, lockRows: (q) => q } }, slow);
    };
    const [one, two] = [await unlocked(), await unlocked()];
    const [a, b] = await twoDrafts(ctx, 0);
    const results = await Promise.allSettled([
      publishTrack(one, { spreadsheetId: 'mini', trackId: 'ENG', draftId: a, actor: 'a@acme.test' }),
      publishTrack(two, { spreadsheetId: 'mini', trackId: 'ENG', draftId: b, actor: 'b@acme.test' }),
    ]);
    expect(settle(results)).toEqual({ won: [1], lost: ['409 stale-version'] });
  });

  it('give both callers the same answer for one idempotency key, with one version', async () => {
    const { ctx } = await connected(h);
    const one = contextFor(await h.open(), slow);
    const two = contextFor(await h.open(), slow);
    await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: miniWorkbook(), actor: 'a@acme.test' });
    const input = { spreadsheetId: 'mini', trackId: 'ENG', actor: 'a@acme.test', idempotencyKey: 'retry-me' };
    const [x, y] = await Promise.all([publishTrack(one, input), publishTrack(two, input)]);
    expect(x.result).toEqual(y.result);
    expect([x.replayed, y.replayed].sort()).toEqual([false, true]);
    expect((await listVersions(ctx, 'mini', 'ENG')).versions).toHaveLength(1);
  });
}, ['postgres']);
