import { describe, expect, it } from 'vitest';
import { authorize, can, visibleTracks, type Principal } from '../../sync-server/services/access';
import { listAudit } from '../../sync-server/services/audit';
import { ServiceError } from '../../sync-server/services/errors';
import { authenticate, createToken, hasAdminToken, hashToken, listTokens, revokeToken } from '../../sync-server/services/tokens';
import { describeEachEngine } from '../storage/engines';
import { contextFor } from './fixtures';

describeEachEngine('API tokens', (h) => {
  it('stores only the hash, authenticates the token, and stops after revocation; every change is audited', async () => {
    const store = await h.open();
    const ctx = contextFor(store);
    expect(await hasAdminToken(ctx)).toBe(false);
    const { token, info } = await createToken(ctx, { role: 'admin', label: 'first admin', actor: 'cli' });
    expect(token).toMatch(/^rungs_[A-Za-z0-9_-]{43}$/);
    expect(await hasAdminToken(ctx)).toBe(true);

    const stored = await store.db.selectFrom('api_tokens').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token.slice(6));

    expect(await authenticate(ctx, token)).toEqual({ tokenId: info.tokenId, role: 'admin', label: 'first admin', tracks: null, workbookId: null, email: null });
    expect(await authenticate(ctx, token + 'x')).toBeNull();
    expect(await authenticate(ctx, 'Bearer nonsense')).toBeNull();

    const owner = await createToken(ctx, { role: 'owner', label: 'Ana', tracks: ['ENG', 'ENG'], actor: 'first admin' });
    expect(owner.info.tracks).toEqual(['ENG']);
    const revoked = await revokeToken(ctx, owner.info.tokenId, 'first admin');
    expect(revoked.revokedAt).not.toBeNull();
    expect(await authenticate(ctx, owner.token)).toBeNull();
    expect((await listTokens(ctx)).map((t) => [t.label, t.revokedAt === null])).toEqual([['first admin', true], ['Ana', false]]);

    expect((await listAudit(store.db)).map((a) => [a.action, a.actor])).toEqual([['token.revoke', 'first admin'], ['token.create', 'first admin'], ['token.create', 'cli']]);
    await expect(revokeToken(ctx, 'nope', 'x')).rejects.toMatchObject({ code: 'unknown-token', status: 404 });
  });

  it('insists that owner and manager tokens name their tracks', async () => {
    const ctx = contextFor(await h.open());
    await expect(createToken(ctx, { role: 'owner', label: 'x', actor: 'a' })).rejects.toBeInstanceOf(ServiceError);
    await expect(createToken(ctx, { role: 'manager', label: 'x', tracks: [], actor: 'a' })).rejects.toBeInstanceOf(ServiceError);
  });
});

describe('access policy', () => {
  const p = (role: Principal['role'], tracks: string[] | null = null): Principal => ({ tokenId: 't', role, label: role, tracks, workbookId: null, email: null });

  it('lets an admin do everything', () => {
    expect(can(p('admin'), 'tokens.manage')).toBe(true);
    expect(can(p('admin'), 'track.publish', 'ANY')).toBe(true);
  });

  it('keeps a track owner to their own tracks, everywhere', () => {
    const ana = p('owner', ['ENG']);
    for (const action of ['draft.write', 'track.publish', 'track.rollback', 'reports.read', 'learners.read'] as const) {
      expect(can(ana, action, 'ENG')).toBe(true);
      expect(can(ana, action, 'MGR')).toBe(false);
    }
    expect(can(ana, 'tokens.manage')).toBe(false);
    expect(() => authorize(ana, 'track.publish', 'MGR')).toThrow(expect.objectContaining({ code: 'forbidden', status: 403, message: expect.stringContaining('limited to ENG') }));
    expect(visibleTracks(ana, 'versions.read', [{ trackId: 'ENG' }, { trackId: 'MGR' }])).toEqual([{ trackId: 'ENG' }]);
  });

  it('lets a manager read the reports of the tracks given, and nothing else', () => {
    const ben = p('manager', ['MGR']);
    expect(can(ben, 'reports.read', 'MGR')).toBe(true);
    expect(can(ben, 'reports.read', 'ENG')).toBe(false);
    expect(can(ben, 'draft.read', 'MGR')).toBe(false);
    expect(can(ben, 'track.publish', 'MGR')).toBe(false);
  });

  it('lets an integrator import and export, not publish', () => {
    const bot = p('integrator');
    expect(can(bot, 'records.import', 'ENG')).toBe(true);
    expect(can(bot, 'framework.export', 'ENG')).toBe(true);
    expect(can(bot, 'track.publish', 'ENG')).toBe(false);
    expect(() => authorize(bot, 'track.publish', 'ENG')).toThrow('A integrator token may not do track.publish.');
  });
});
