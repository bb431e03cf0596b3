/**
 * What an employee inherits and has left to learn is answered from this server's published versions only, whatever
 * a snapshot's Status column claims: POST /v1/inheritance and /v1/paths/employee (kept for existing clients, now
 * behind a token) and GET W/employees/{id}/path, on both stores, over HTTP.
 */
import { expect, it } from 'vitest';
import { miniWorkbook, setCell } from '../shared/mini-workbook';
import { describeEachEngine } from '../storage/engines';
import { miniServers } from './http-server';

const W = '/v1/workbooks/mini';
const { connectedMini } = miniServers();

/** The snapshot a client might send: both tracks claimed Active in the Status column, a matrix cell edited since. */
const claimed = () => setCell(setCell(miniWorkbook(), 'Tracks', 'E2', 'Active'), 'Matrix ENG', 'C2', 'Edited, never published');

describeEachEngine('answers from the published state only', (h) => {
  it("a track claimed Active in a snapshot's Status column but never published here gives nothing", async () => {
    const { call, admin } = await connectedMini(h);
    const byEmployee = await call('POST', '/v1/inheritance', admin, { snapshot: claimed(), employeeId: 'EMP-1' });
    expect(byEmployee.status).toBe(404);
    expect(byEmployee.body.error.code).toBe('position-unknown');
    expect((await call('POST', '/v1/inheritance', admin, { snapshot: claimed(), positionId: 'POS-1' })).status).toBe(404);
    const path = await call('POST', '/v1/paths/employee', admin, { snapshot: claimed(), employeeId: 'EMP-1' });
    expect([path.status, path.body.error.code]).toEqual([404, 'position-unknown']);
    // Without a token the published framework is not answered at all.
    expect((await call('POST', '/v1/inheritance', null, { snapshot: claimed(), employeeId: 'EMP-1' })).status).toBe(401);
    expect((await call('POST', '/v1/paths/employee', null, { snapshot: claimed(), employeeId: 'EMP-1' })).status).toBe(401);
  });

  it('once published, the answer is the published content even when the snapshot differs or says Draft', async () => {
    const { call, admin, token } = await connectedMini(h);
    await call('POST', `${W}/tracks/ENG/drafts`, admin, miniWorkbook());
    expect((await call('POST', `${W}/tracks/ENG/publish`, admin, {})).status).toBe(200);
    const draftSaid = setCell(claimed(), 'Tracks', 'E2', 'Draft');

    const inherited = await call('POST', '/v1/inheritance', admin, { snapshot: draftSaid, employeeId: 'EMP-1' });
    expect(inherited.status).toBe(200);
    expect(inherited.body.track).toEqual({ id: 'ENG', name: 'Engineering' });
    expect(inherited.body.expectations.find((e: { competencyId: string }) => e.competencyId === 'F1').expectation).toBe('Writes clear updates');

    const steps = await call('POST', '/v1/paths/employee', admin, { snapshot: draftSaid, employeeId: 'EMP-1', completedModuleIds: ['S-1'] });
    expect(steps.status).toBe(200);
    expect(steps.body).toMatchObject({ trackId: 'ENG', currentLevel: { code: 'L1' }, nextLevel: { code: 'L2' } });
    expect(steps.body.steps.map((s: { moduleId: string }) => s.moduleId)).toEqual(['E-101', 'E-102']);

    // The same, under the workbook, for the employees stored on the server.
    await call('PUT', `${W}/employees`, admin, { values: miniWorkbook().sheets.find((s) => s.name === 'Employees')!.values });
    const stored = await call('GET', `${W}/employees/EMP-1/path?completed=S-1`, admin);
    expect(stored.body).toEqual(steps.body);

    // A track owner reaches only the people of their tracks: the others answer as unknown ids do.
    const ben = await token('owner', 'Ben', ['MGR']);
    expect((await call('POST', '/v1/inheritance', ben, { snapshot: draftSaid, employeeId: 'EMP-1' })).status).toBe(404);
    expect((await call('GET', `${W}/employees/EMP-1/path`, ben)).status).toBe(404);
    // A token bound to another workbook may not ask about this one through a snapshot either.
    const other = await token('owner', 'Other', ['ENG'], 'elsewhere');
    expect((await call('POST', '/v1/inheritance', other, { snapshot: draftSaid, employeeId: 'EMP-1' })).status).toBe(403);
    // A workbook this server does not know.
    expect((await call('POST', '/v1/inheritance', admin, { snapshot: { ...draftSaid, spreadsheetId: 'elsewhere' }, employeeId: 'EMP-1' })).status).toBe(404);
  });
});
