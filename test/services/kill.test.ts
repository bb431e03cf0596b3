import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { listAudit } from '../../sync-server/services/audit';
import { saveDraft } from '../../sync-server/services/drafts';
import { publishTrack } from '../../sync-server/services/publish';
import { activeSnapshot, listVersions } from '../../sync-server/services/versions';
import { miniWorkbook, setCell } from '../shared/mini-workbook';
import { describeEachEngine } from '../storage/engines';
import { connected, contextFor, counts, saveAndPublish } from './fixtures';

const CHILD = fileURLToPath(new URL('./fixtures/publish-and-die.ts', import.meta.url));

function runChild(config: unknown): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describeEachEngine('a server killed in the middle of a publish', (h) => {
  it('leaves the active version unchanged and the store consistent after restart', async () => {
    const { store, ctx } = await connected(h);
    await saveAndPublish(ctx, 'ENG');
    await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: setCell(miniWorkbook(), 'Levels', 'C2', 'Junior'), actor: 'a@acme.test' });
    const before = await counts(store);
    await store.close();

    const died = await runChild(h.config());
    expect({ code: died.code, signal: died.signal }, died.stderr).toEqual({ code: null, signal: 'SIGKILL' });

    const restarted = await h.open();
    const rctx = contextFor(restarted);
    if (h.engine === 'sqlite') {
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(restarted.db);
      expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
    }
    expect(await counts(restarted)).toEqual(before);
    expect((await activeSnapshot(rctx, 'mini', 'ENG'))?.version).toBe(1);
    expect(await listAudit(restarted.db, { action: 'track.publish' })).toHaveLength(1);

    const { result } = await publishTrack(rctx, { spreadsheetId: 'mini', trackId: 'ENG', actor: 'a@acme.test', idempotencyKey: 'killed' });
    expect(result.version).toBe(2);
    expect((await listVersions(rctx, 'mini', 'ENG')).versions.map((v) => v.version)).toEqual([2, 1]);
  });
});
