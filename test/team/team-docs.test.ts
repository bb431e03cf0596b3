/** docs/team.md says what the code does: the legend the Team tabs print, the comparison the command prints, its pictures. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWorkbook } from '../../shared';
import { compareLevels, TEAM_DEFINITIONS } from '../../shared/team';
import { formatComparison } from '../../sync-server/cli/commands/compare-levels';
import { ROOT } from '../cli/run-rungs';
import { acmeSnapshot } from './fixtures';

const doc = readFileSync(path.join(ROOT, 'docs', 'team.md'), 'utf8');

describe('docs/team.md', () => {
  it('prints the legend of the Team tabs word for word', () => {
    for (const text of Object.values(TEAM_DEFINITIONS)) expect(doc).toContain(`| ${text} |`);
  });

  it("shows the comparison as rungs compare-levels prints it", async () => {
    const result = compareLevels(parseWorkbook(await acmeSnapshot()).workbook, 'CS', 'CS2', 'CS3');
    if (!result.ok) throw new Error(result.error.message);
    const printed = formatComparison(result.comparison).split('\n').slice(0, 6).join('\n');
    expect(doc).toContain(`\`\`\`\n${printed}\n...\n\`\`\``);
  });

  it('shows the pictures the People panel test takes', () => {
    for (const picture of ['people-panel.png', 'people-compare.png']) {
      expect(doc).toContain(`](${picture})`);
      expect(existsSync(path.join(ROOT, 'docs', picture))).toBe(true);
    }
  });
});
