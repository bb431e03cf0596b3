import { afterEach, beforeEach, expect, it } from 'vitest';
import { aiRunsToday } from '../../sync-server/ai/limits';
import { appendAudit } from '../../sync-server/services/audit';
import { miniWorkbook, setCell } from '../shared/mini-workbook';
import { describeEachEngine } from '../storage/engines';
import { E2_ROW } from './fixtures';
import { aiApp, testSettings } from './harness';
import { startOpenAiStandIn, type OpenAiStandIn } from './openai-standin';

let standin: OpenAiStandIn;
beforeEach(async () => { standin = await startOpenAiStandIn(); });
afterEach(async () => { await standin.close(); });

describeEachEngine('matrix rows and the daily count', (h) => {
  it('one model call per competency row with blank cells; only blank cells are proposed', async () => {
    const { post, aiAudit } = await aiApp(h, testSettings({ baseUrl: standin.baseUrl }));
    const snapshot = setCell(setCell(miniWorkbook(), 'Matrix ENG', 'D2', ''), 'Matrix ENG', 'E2', '');
    standin.script(
      { kind: 'json', value: { expectations: { L1: 'w1', L2: 'w2', L3: 'w3' } }, usage: { prompt: 10, completion: 5 } },
      { kind: 'json', value: E2_ROW, usage: { prompt: 10, completion: 5 } },
    );
    const res = await post('ENG/ai/matrix', { snapshot });
    expect(res.status).toBe(200);
    const p = await res.json();
    expect(p.items.map((i: { cell: string; value: string }) => `${i.cell}=${i.value}`)).toEqual(['D2=w2', 'E2=w3', 'C4=Explains the design of a component']);
    expect(standin.requests.map((r) => r.body.messages[1].content.match(/Competency: (\w+)/)?.[1])).toEqual(['F1', 'E2']);
    expect((await aiAudit())[0].details).toMatchObject({ operation: 'matrix', calls: 2, tokens: 30, outcome: 'ok', items: 3 });
  });

  it('a matrix with no blank cells proposes nothing and calls no model', async () => {
    const { post } = await aiApp(h, testSettings({ baseUrl: standin.baseUrl }));
    const res = await post('MGR/ai/matrix', { snapshot: miniWorkbook() });
    expect(res.status).toBe(200);
    expect((await res.json()).items).toEqual([]);
    expect(standin.requests).toHaveLength(0);
  });

  it('the daily count starts at 00:00 UTC and is per workbook', async () => {
    const { services } = await aiApp(h, testSettings({ baseUrl: standin.baseUrl }));
    const db = services.store.db;
    await appendAudit(db, { at: '2026-11-22T23:59:59.000Z', actor: 'a', action: 'ai.run', workbookId: 'mini' });
    await appendAudit(db, { at: '2026-11-23T00:00:00.000Z', actor: 'a', action: 'ai.run', workbookId: 'mini' });
    await appendAudit(db, { at: '2026-11-23T08:00:00.000Z', actor: 'a', action: 'ai.run', workbookId: 'other' });
    await appendAudit(db, { at: '2026-11-23T08:00:00.000Z', actor: 'a', action: 'draft.save', workbookId: 'mini' });
    expect(await aiRunsToday(db, 'mini', new Date('2026-11-23T12:00:00Z'))).toBe(1);
  });
}, ['sqlite']);
