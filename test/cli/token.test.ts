import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import { serviceContext } from '../../sync-server/services/context';
import { openStore } from '../../sync-server/storage/store';
import { rungs, ROOT, tempDir } from './run-rungs';

describe('rungs token: the first admin token comes from the CLI', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('token'));
    env = { RUNGS_DATA_DIR: dir, DATABASE_URL: '' };
  });
  afterAll(() => cleanup());

  it('creates an admin token that the server then accepts, and lists it without its text', async () => {
    const created = await rungs(['token', 'create', '--role', 'admin', '--label', 'Ana (HR admin)'], ROOT, env);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^rungs_[A-Za-z0-9_-]{40,}$/);
    expect(created.stderr).toContain('shown once');

    const store = await openStore({ engine: 'sqlite', dataDir: dir });
    try {
      const app = createApp({ services: serviceContext(store) });
      const connect = (auth?: string) =>
        app.request('/v1/workbooks', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
          body: JSON.stringify({ spreadsheetId: 'sheet-1', name: 'Acme' }),
        });
      expect((await connect(`Bearer ${token}`)).status).toBe(200);
      expect((await connect('Bearer rungs_not-a-real-token')).status).toBe(401);
    } finally {
      await store.close();
    }

    const listed = await rungs(['token', 'list', '--json'], ROOT, env);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ role: 'admin', label: 'Ana (HR admin)', revokedAt: null })]);
    expect(listed.stdout).not.toContain(token);
  });

  it('refuses bad usage (exit 2), an owner token without tracks or workbook among it', async () => {
    const badRole = await rungs(['token', 'create', '--role', 'boss', '--label', 'x'], ROOT, env);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of');
    expect((await rungs(['token', 'create', '--role', 'admin'], ROOT, env)).code).toBe(2);
    const owner = await rungs(['token', 'create', '--role', 'owner', '--label', 'Ben'], ROOT, env);
    expect(owner.code).toBe(2);
    expect(owner.stderr).toContain('An owner token must name the tracks it may reach. (--tracks ID,ID)');
    const unbound = await rungs(['token', 'create', '--role', 'owner', '--label', 'Ben', '--tracks', 'ENG'], ROOT, env);
    expect(unbound.code).toBe(2);
    expect(unbound.stderr).toContain('An owner token must be bound to one workbook: name its spreadsheet id. (--workbook <spreadsheetId>)');
  });
});
