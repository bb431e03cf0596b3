import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { createToken } from '../../sync-server/services/tokens';
import { startServer } from '../server/spawn-server';
import { describeEachEngine } from '../storage/engines';
import { COMPLETIONS_HEADER, lines, publishedMini } from './helpers';

// The route over a real socket: the body arrives as a chunked stream, as `curl --data-binary @file` or a proxy sends it.
describeEachEngine('learner-record upload to the server process (F7)', (h) => {
  it('a chunked CSV upload is imported; the answer counts the rows', async () => {
    const { store, ctx } = await publishedMini(h);
    const { token } = await createToken(ctx, { role: 'integrator', label: 'LMS sync', workbookId: 'mini', actor: 'cli' });
    await store.close();
    const c = h.config();
    if (c.engine !== 'sqlite') throw new Error('sqlite only');
    const server = await startServer({ RUNGS_DATA_DIR: c.dataDir, DATABASE_URL: '' });
    try {
      // S-1 is a module; S-0 and S-2 .. S-1999 are not.
      const rows = Array.from({ length: 2000 }, (_, i) => `EMP-${1 + (i % 3)},S-${i},completed,2026-03-01,,`);
      const csv = lines(COMPLETIONS_HEADER, 'EMP-1,S-1,completed,2026-03-01,2026-03-02,90', 'EMP-2,M-201,enrolled,,,');
      const body = Readable.toWeb(Readable.from([csv.slice(0, 40), csv.slice(40)]));
      const res = await fetch(`${server.base}/v1/workbooks/mini/records/completions`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: body as ReadableStream, duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ kind: 'completions', rows: 2, inserted: 2, totalFindings: 0 });
      const refused = await fetch(`${server.base}/v1/workbooks/mini/records/completions`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: lines(COMPLETIONS_HEADER, ...rows),
      });
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ rows: 2000, totalFindings: 1999, error: { code: 'has-errors' } });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
}, ['sqlite']);
