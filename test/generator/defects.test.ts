import { describe, expect, it } from 'vitest';
import { validateSnapshot } from '../../shared/validate/index';
import { DEFECT_KINDS, injectDefect } from '../support/defects';
import { generateWorkbook } from '../support/generate-workbook';
import { MEDIUM, SMALL, TODAY } from './workbooks';

describe.each([
  ['small', SMALL],
  ['medium', MEDIUM],
])('defects planted in the %s generated workbook', (_, options) => {
  const base = generateWorkbook(options);
  const before = JSON.stringify(base);

  it('starts from a workbook without findings', () => {
    expect(validateSnapshot(base, { today: TODAY })).toEqual([]);
  });

  it.each(DEFECT_KINDS)('%s gives its finding at the planted cell', (kind) => {
    const { snapshot, expect: want } = injectDefect(base, kind);
    expect(JSON.stringify(base)).toBe(before);
    const found = validateSnapshot(snapshot, { today: TODAY }).map(({ sheet, cell, code, severity }) => ({ sheet, cell, code, severity }));
    expect(found).toContainEqual(want);
  });
});
