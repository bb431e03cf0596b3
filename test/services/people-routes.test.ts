import { expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import { createToken } from '../../sync-server/services/tokens';
import { miniWorkbook, sheetOf } from '../shared/mini-workbook';
import { describeEachEngine, type EngineHandle } from '../storage/engines';
import { contextFor } from './fixtures';

/** The mini workbook's Employees tab plus a manager in the MGR track. */
function employeesTab() {
  const values = structuredClone(sheetOf(miniWorkbook(), 'Employees').values);
  values.push(['EMP-2', 'Eli Park', 'eli@acme.test', 'POS-2', '']);
  return values;
}

async function setup(h: EngineHandle) {
  const services = contextFor(await h.open());
  const app = createApp({ services });
  const admin = (await createToken(services, { role: 'admin', label: 'Admin', actor: 'cli' })).token;
  const ana = (await createToken(services, { role: 'owner', label: 'Ana', tracks: ['ENG'], workbookId: 'mini', actor: 'Admin' })).token;
  const call = (method: string, path: string, token: string, payload?: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  await call('POST', '/v1/workbooks', admin, { spreadsheetId: 'mini', name: 'Mini Co' });
  const publish = async (trackId: string) => {
    expect((await call('POST', `/v1/workbooks/mini/tracks/${trackId}/drafts`, admin, miniWorkbook())).status).toBe(201);
    expect((await call('POST', `/v1/workbooks/mini/tracks/${trackId}/publish`, admin, {})).status).toBe(200);
  };
  return { call, admin, ana, publish, services };
}

const W = '/v1/workbooks/mini';

describeEachEngine('inheritance over the published versions (F4)', (h) => {
  it('employees inherit through position -> level only once their track is published', async () => {
    const { call, admin, publish } = await setup(h);
    const put = await call('PUT', `${W}/employees`, admin, { values: employeesTab() });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ count: 2, findings: [], totalFindings: 0 });

    // ENG is only a draft so far: nothing is inherited from it.
    const before = await call('GET', `${W}/employees/EMP-1/expectations`, admin);
    expect(before.status).toBe(404);
    expect((await before.json()).error.code).toBe('position-unknown');

    await publish('ENG');
    const now = await call('GET', `${W}/employees/EMP-1/expectations`, admin);
    expect(now.status).toBe(200);
    const body = await now.json();
    expect(body).toMatchObject({ employee: { id: 'EMP-1', name: 'Dana Li' }, position: { id: 'POS-1' }, track: { id: 'ENG' }, level: { code: 'L1', order: 1 } });
    expect(body.expectations).toEqual([
      { competencyId: 'F1', competencyName: 'Written communication', expectation: 'Writes clear updates' },
      { competencyId: 'E1', competencyName: 'Coding', expectation: 'Ships small changes' },
    ]);
    expect(body.next.level.code).toBe('L2');
    expect(body.next.added).toEqual([{ competencyId: 'E2', competencyName: 'System design', expectation: 'Designs a component' }]);
    expect(body.next.changed).toContainEqual({ competencyId: 'F1', competencyName: 'Written communication', from: 'Writes clear updates', to: 'Writes design docs' });

    const position = await call('GET', `${W}/positions/POS-1/expectations`, admin);
    expect(position.status).toBe(200);
    expect(await position.json()).toMatchObject({ employee: null, position: { id: 'POS-1', title: 'Backend Engineer' }, level: { code: 'L1' } });
    expect((await call('GET', `${W}/employees/NOBODY/expectations`, admin)).status).toBe(404);
  });

  it('a track owner sees only the people of their tracks and cannot replace the employees', async () => {
    const { call, admin, ana, publish } = await setup(h);
    await call('PUT', `${W}/employees`, admin, { values: employeesTab() });
    await publish('ENG');
    await publish('MGR');
    expect((await call('GET', `${W}/employees/EMP-1/expectations`, ana)).status).toBe(200);
    // An employee of another track is unknown to the owner: the same answer as for an id that does not exist.
    const other = await call('GET', `${W}/employees/EMP-2/expectations`, ana);
    expect(other.status).toBe(404);
    expect((await other.json()).error).toEqual({ code: 'employee-unknown', message: 'No employee EMP-2 on the tracks this token reaches.' });
    const nobody = await call('GET', `${W}/employees/NOBODY/expectations`, ana);
    expect([nobody.status, (await nobody.json()).error.code]).toEqual([404, 'employee-unknown']);
    expect((await call('PUT', `${W}/employees`, ana, { values: employeesTab() })).status).toBe(403);
  });

  it('an Employees tab with errors is refused with its findings and the stored employees stay', async () => {
    const { call, admin, publish, services } = await setup(h);
    await call('PUT', `${W}/employees`, admin, { values: employeesTab() });
    await publish('ENG');
    const bad = employeesTab();
    bad.push(['EMP-1', 'Dana again', 'not-an-email', 'POS-1', '']);
    const res = await call('PUT', `${W}/employees`, admin, { values: bad });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('has-errors');
    expect(error.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ sheet: 'Employees', cell: 'C4', code: 'bad-email' }),
      expect.objectContaining({ sheet: 'Employees', cell: 'A4', code: 'duplicate-id' }),
    ]));
    const stored = await services.store.db.selectFrom('employees').select(['employee_id', 'name']).execute();
    expect(stored.map((r) => r.name).sort()).toEqual(['Dana Li', 'Eli Park']);
    expect((await call('GET', `${W}/employees/EMP-1/expectations`, admin)).status).toBe(200);
  });
});
