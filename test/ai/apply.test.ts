import { describe, expect, it } from 'vitest';
import { applyProposal } from '../../shared/ai/apply';
import { competenciesTask } from '../../shared/ai/competencies';
import { matrixTasks } from '../../shared/ai/matrix';
import type { CellItem, ProposalItem } from '../../shared/ai/proposal';
import { parseWorkbook } from '../../shared/parse/workbook';
import { indexWorkbook } from '../../shared/workbook-index';
import { addRow, miniWorkbook, setCell } from '../shared/mini-workbook';
import { E2_ROW, FIVE_COMPETENCIES } from './fixtures';

function proposals() {
  const { workbook } = parseWorkbook(miniWorkbook());
  const index = indexWorkbook(workbook);
  const eng = index.trackById.get('ENG')!;
  const competencies = competenciesTask(workbook, eng).use((s) => s.toItems(s.schema.parse(FIVE_COMPETENCIES)));
  const cell = (ref: string) => matrixTasks(index, eng, [ref])[0].use((s) => s.toItems(s.schema.parse(E2_ROW)))[0] as CellItem;
  return { competencies, cell };
}

describe('applyProposal: only accepted items, only where still blank or unchanged', () => {
  it('accepting two of five competencies writes exactly those two rows after the last one', () => {
    const { competencies } = proposals();
    const accepted = [competencies[1], competencies[3]];
    const { writes, conflicts } = applyProposal(miniWorkbook(), accepted);
    expect(conflicts).toEqual([]);
    expect(writes).toEqual([
      { sheet: 'Competencies', cell: 'A7', value: 'ENG-11' }, { sheet: 'Competencies', cell: 'B7', value: 'Testing' }, { sheet: 'Competencies', cell: 'C7', value: 'Role' },
      { sheet: 'Competencies', cell: 'A8', value: 'ENG-13' }, { sheet: 'Competencies', cell: 'B8', value: 'Observability' }, { sheet: 'Competencies', cell: 'C8', value: 'Role' },
    ]);
  });

  it('a competency someone added in between (same id) is a conflict, not a second row', () => {
    const { competencies } = proposals();
    const now = addRow(miniWorkbook(), 'Competencies', ['ENG-11', 'Testing by hand', 'Role', '', '']);
    const { writes, conflicts } = applyProposal(now, [competencies[1]]);
    expect(writes).toEqual([]);
    expect(conflicts).toEqual([expect.objectContaining({ itemId: 'competency:ENG-11', reason: 'exists', cell: 'A7', current: 'ENG-11' })]);
  });

  it('a blank matrix cell is filled', () => {
    const { cell } = proposals();
    expect(applyProposal(miniWorkbook(), [cell('C4')])).toEqual({ writes: [{ sheet: 'Matrix ENG', cell: 'C4', value: 'Explains the design of a component' }], conflicts: [] });
  });

  it('a cell still holding the text the proposal was based on is replaced', () => {
    const { cell } = proposals();
    const item: CellItem = { ...cell('D4'), value: 'Designs and documents a component' };
    expect(applyProposal(miniWorkbook(), [item]).writes).toEqual([{ sheet: 'Matrix ENG', cell: 'D4', value: 'Designs and documents a component' }]);
  });

  it('a human edit in between wins and is reported', () => {
    const { cell } = proposals();
    const now = setCell(miniWorkbook(), 'Matrix ENG', 'C4', 'Sketches a component with help');
    const { writes, conflicts } = applyProposal(now, [cell('C4')]);
    expect(writes).toEqual([]);
    expect(conflicts).toEqual([{
      itemId: 'cell:Matrix ENG!E2/L1', sheet: 'Matrix ENG', cell: 'C4', reason: 'edited',
      current: 'Sketches a component with help', proposed: 'Explains the design of a component',
    }]);
  });

  it('cells are found by competency id and level code even after rows move', () => {
    const { cell } = proposals();
    const now = miniWorkbook();
    const matrix = now.sheets.find((s) => s.name === 'Matrix ENG')!;
    matrix.values.splice(1, 0, ['X1', 'Inserted', 'a', 'b', 'c']);
    expect(applyProposal(now, [cell('C4')]).writes).toEqual([{ sheet: 'Matrix ENG', cell: 'C5', value: 'Explains the design of a component' }]);
  });

  it('a removed row or tab is a conflict', () => {
    const { cell } = proposals();
    const now = miniWorkbook();
    now.sheets.find((s) => s.name === 'Matrix ENG')!.values.pop();
    const items: ProposalItem[] = [cell('C4'), { ...cell('C4'), id: 'x', sheet: 'Matrix GONE' }];
    expect(applyProposal(now, items).conflicts.map((c) => c.reason)).toEqual(['missing-row', 'missing-sheet']);
  });
});
