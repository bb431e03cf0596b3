import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { competenciesTask, levelsTask } from '../../shared/ai/competencies';
import { matrixTasks } from '../../shared/ai/matrix';
import { parseWorkbook } from '../../shared/parse/workbook';
import { indexWorkbook } from '../../shared/workbook-index';
import { miniWorkbook } from '../shared/mini-workbook';
import { describeEachEngine } from '../storage/engines';
import { E2_ROW, FIVE_COMPETENCIES } from './fixtures';
import { aiApp, testSettings } from './harness';
import { startOpenAiStandIn, type OpenAiStandIn } from './openai-standin';

function mini() {
  const { workbook } = parseWorkbook(miniWorkbook());
  const index = indexWorkbook(workbook);
  return { workbook, index, track: (id: string) => index.trackById.get(id)! };
}
const userText = (t: { messages: { role: string; content: string }[] }) => t.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');

describe('prompts (pure)', () => {
  it('competencies: the track type, name, description and the shared foundation, so nothing is duplicated', () => {
    const { workbook, track } = mini();
    const ic = userText(competenciesTask(workbook, track('ENG')));
    expect(ic).toContain('Track type: Individual Contributor');
    expect(ic).toContain('Track: Engineering (id ENG)');
    expect(ic).toContain('Builds the product');
    expect(ic).toMatch(/Shared foundation[^\n]*\n- F1: Written communication/);
    expect(ic).toContain('- E1: Coding');
    const mgr = userText(competenciesTask(workbook, track('MGR')));
    expect(mgr).toContain('Track type: Manager');
    expect(mgr).toContain('leading people');
  });

  it('levels: the track type and the levels it already has, in order', () => {
    const { index, track } = mini();
    const text = userText(levelsTask(index, track('ENG')));
    expect(text).toContain('Track type: Individual Contributor');
    expect(text).toMatch(/- L1: Engineer I\n- L2: Engineer II\n- L3: Senior Engineer/);
  });

  it('matrix: one task per row with a blank cell, the level codes in order and what the row holds', () => {
    const { index, track } = mini();
    const tasks = matrixTasks(index, track('ENG'));
    expect(tasks).toHaveLength(1); // only E2 has a blank (L1)
    const text = userText(tasks[0]);
    expect(text).toContain('Competency: E2: System design');
    expect(text).toContain('Level codes, in order from first to most senior: L1, L2, L3');
    expect(text).toMatch(/- L1 \(Engineer I\): \(blank\)\n- L2 \(Engineer II\): Designs a component\n- L3 \(Senior Engineer\): Designs a system/);
    expect(text).toContain('build on the one below');
  });

  it('competency proposals that repeat an existing id or name are dropped', () => {
    const { workbook, track } = mini();
    const items = competenciesTask(workbook, track('ENG')).use((spec) => spec.toItems(spec.schema.parse({
      competencies: [...FIVE_COMPETENCIES.competencies, { id: 'E1', name: 'Other', description: null, dependsOn: [] }, { id: 'ENG-20', name: 'coding', description: null, dependsOn: [] }],
    })));
    expect(items.map((i) => i.id)).toEqual(FIVE_COMPETENCIES.competencies.map((c) => `competency:${c.id}`));
  });
});

let standin: OpenAiStandIn;
beforeEach(async () => { standin = await startOpenAiStandIn(); });
afterEach(async () => { await standin.close(); });

describeEachEngine('what is sent to the model', (h) => {
  it('the matrix schema asks for exactly the level codes, in order; a row missing one is invalid', async () => {
    const { post } = await aiApp(h, testSettings({ baseUrl: standin.baseUrl }));
    standin.script({ kind: 'json', value: { expectations: { L1: 'a', L2: 'b' } } }, { kind: 'json', value: E2_ROW });
    const res = await post('ENG/ai/matrix', { snapshot: miniWorkbook() });
    expect(res.status).toBe(200);
    expect(standin.requests).toHaveLength(2); // the first answer lacked L3: asked once more
    const schema = standin.requests[0].body.response_format?.json_schema?.schema as { properties: { expectations: { properties: Record<string, unknown>; required: string[] } } };
    expect(Object.keys(schema.properties.expectations.properties)).toEqual(['L1', 'L2', 'L3']);
    expect(schema.properties.expectations.required).toEqual(['L1', 'L2', 'L3']);
    expect(standin.requests[0].body.model).toBe('standin-model');
    const p = await res.json();
    expect(p.items).toEqual([{
      kind: 'cell', id: 'cell:Matrix ENG!E2/L1', sheet: 'Matrix ENG', rowHeader: 'Competency ID', rowKey: 'E2', column: 'L1',
      cell: 'C4', value: 'Explains the design of a component', basedOn: '',
    }]);
  });

  it('selected cells are regenerated with their current text as basedOn', async () => {
    const { post } = await aiApp(h, testSettings({ baseUrl: standin.baseUrl }));
    standin.script({ kind: 'json', value: E2_ROW });
    const res = await post('ENG/ai/matrix', { snapshot: miniWorkbook(), cells: ['D4'] });
    const p = await res.json();
    expect(p.items).toEqual([expect.objectContaining({ cell: 'D4', column: 'L2', value: 'Designs a component', basedOn: 'Designs a component' })]);
  });

  it('rubric: descriptors keyed by each score of the scale', async () => {
    const { post } = await aiApp(h, testSettings({ baseUrl: standin.baseUrl }));
    standin.script({ kind: 'json', value: { descriptors: { 1: 'w', 2: 'x', 3: 'y', 4: 'z' } } });
    const res = await post('ENG/ai/rubric', { snapshot: miniWorkbook(), dimension: 'Design judgement', scores: [2, 4] });
    expect(res.status).toBe(200);
    const text = standin.requests[0].body.messages.map((m) => m.content).join('\n');
    expect(text).toContain('Rubric dimension: Design judgement');
    expect(text).toContain('Assesses competency: E2: System design');
    expect(text).toContain('Scores, lowest first: 1 Beginning, 2 Developing, 3 Proficient, 4 Exemplary');
    const p = await res.json();
    expect(p.items.map((i: { cell: string; value: string; basedOn: string }) => [i.cell, i.value, i.basedOn])).toEqual([['E3', 'x', 'Some trade-offs'], ['G3', 'z', 'Anticipates change']]);
  });

  it('an unknown track or dimension is refused before any model call', async () => {
    const { post } = await aiApp(h, testSettings({ baseUrl: standin.baseUrl }));
    expect((await post('NOPE/ai/levels', { snapshot: miniWorkbook() })).status).toBe(404);
    const res = await post('ENG/ai/rubric', { snapshot: miniWorkbook(), dimension: 'Nope' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('unknown-dimension');
    expect(standin.requests).toHaveLength(0);
  });
}, ['sqlite']);
