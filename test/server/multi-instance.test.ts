import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect, test } from 'vitest';
import { miniWorkbook } from '../shared/mini-workbook';
import { ROOT, rungs } from '../cli/run-rungs';
import { startServer, type Server } from './spawn-server';
import { PG_URL } from '../storage/engines';

/** A DATABASE_URL whose connections use a fresh schema (pg passes `options` on to the server). */
async function freshSchemaUrl(): Promise<{ url: string; tables: () => Promise<string[]>; drop: () => Promise<void> }> {
  const schema = `multi_${randomBytes(6).toString('hex')}`;
  const sqlOn = async (text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      return (await client.query<{ table_name: string }>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  await sqlOn(`create schema ${schema}`);
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    tables: async () => (await sqlOn('select table_name from information_schema.tables where table_schema = $1', [schema])).map((r) => r.table_name),
    drop: async () => void (await sqlOn(`drop schema if exists ${schema} cascade`)),
  };
}

test('two server processes on one PostgreSQL: concurrent publishes of one track give one new version and one 409', async () => {
  const db = await freshSchemaUrl();
  const env = { DATABASE_URL: db.url };
  const servers: Server[] = [];
  try {
    const made = await rungs(['token', 'create', '--role', 'admin', '--label', 'Admin'], ROOT, env);
    expect(made.code).toBe(0);
    const token = made.stdout.trim();
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));
    const call = (s: Server, method: string, path: string, payload?: unknown) =>
      fetch(`${s.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
    const [a, b] = servers;
    const T = '/v1/workbooks/mini/tracks/ENG';
    expect((await call(a, 'POST', '/v1/workbooks', { spreadsheetId: 'mini', name: 'Mini Co' })).status).toBe(200);
    expect((await call(a, 'POST', `${T}/drafts`, miniWorkbook())).status).toBe(201);
    expect((await call(b, 'POST', `${T}/publish`, {})).status).toBe(200);

    // Two admins, each with a draft based on version 1, publish at once through different instances.
    for (let round = 0; round < 5; round++) {
      const [da, dbr] = [await call(a, 'POST', `${T}/drafts`, miniWorkbook()), await call(b, 'POST', `${T}/drafts`, miniWorkbook())];
      const ids = [(await da.json()).draftId as number, (await dbr.json()).draftId as number];
      const answers = await Promise.all([call(a, 'POST', `${T}/publish`, { draftId: ids[0] }), call(b, 'POST', `${T}/publish`, { draftId: ids[1] })]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const won = await answers.find((r) => r.status === 200)!.json();
      expect(won.version).toBe(round + 2);
      expect((await answers.find((r) => r.status === 409)!.json()).error.code).toBe('stale-version');
    }

    // Both instances used the fresh schema.
    expect(await db.tables()).toEqual(expect.arrayContaining(['versions', 'jobs', 'audit_log']));
    const lists = await Promise.all(servers.map(async (s) => (await call(s, 'GET', `${T}/versions`)).json()));
    expect(lists[0]).toEqual(lists[1]);
    expect(lists[0].activeVersion).toBe(6);
    expect(lists[0].versions.map((v: { version: number }) => v.version)).toEqual([6, 5, 4, 3, 2, 1]);

    for (const s of servers) s.child.kill('SIGTERM');
    expect(await Promise.all(servers.map((s) => s.exited))).toEqual([0, 0]);
  } finally {
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await db.drop();
  }
}, 60_000);
