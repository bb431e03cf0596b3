/** `rungs compare-levels` on the example workbook, run as a user runs it. */
import { describe, expect, it } from 'vitest';
import { parseWorkbook } from '../../shared';
import { compareLevels, type LevelComparison } from '../../shared/team';
import { rungs } from '../cli/run-rungs';
import { ACME_DIR, acmeSnapshot } from './fixtures';

describe('rungs compare-levels', () => {
  it('prints each competency of two levels with its change and the expectation of each side', async () => {
    const r = await rungs(['compare-levels', ACME_DIR, '--track', 'ENG-IC', 'IC2', 'IC3']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Track ENG-IC (Software Engineering): IC2 (Engineer) compared with IC3 (Senior Engineer)');
    expect(lines[1]).toBe('1 added, 17 raised, 0 unchanged, 0 dropped');
    const mentorship = lines.findIndex((l) => l.startsWith('ENG-MENT'));
    expect(lines[mentorship]).toBe('ENG-MENT  Technical mentorship: added');
    expect(lines[mentorship + 1]).toMatch(/^ {10}IC3: \S/);
    const code = lines.findIndex((l) => l.startsWith('ENG-CODE'));
    expect(lines.slice(code, code + 3).map((l) => l.trim().slice(0, 5))).toEqual(['ENG-C', 'IC2: ', 'IC3: ']);
  });

  it('answers the same comparison as JSON as the shared function does', async () => {
    const r = await rungs(['compare-levels', ACME_DIR, '--track', 'CS', 'CS4', 'CS1', '--json']);
    expect(r.code).toBe(0);
    const expected = compareLevels(parseWorkbook(await acmeSnapshot()).workbook, 'CS', 'CS4', 'CS1');
    if (!expected.ok) throw new Error(expected.error.message);
    expect(JSON.parse(r.stdout) as LevelComparison).toEqual(expected.comparison);
  });

  it('exits 1 naming the valid codes for an unknown level or track, 2 on bad usage', async () => {
    const level = await rungs(['compare-levels', ACME_DIR, '--track', 'CS', 'CS2', 'CS9']);
    expect(level.code).toBe(1);
    expect(level.stderr.trim()).toBe('rungs compare-levels: Track CS has no level "CS9". Its levels are: CS1, CS2, CS3, CS4, CS5.');
    const track = await rungs(['compare-levels', ACME_DIR, '--track', 'QA', 'L1', 'L2']);
    expect(track.code).toBe(1);
    expect(track.stderr).toContain('There is no track "QA". Tracks: ENG-IC, ENG-MGR, CS.');
    const usage = await rungs(['compare-levels', ACME_DIR, '--track', 'CS', 'CS2']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: rungs compare-levels');
  });
});
