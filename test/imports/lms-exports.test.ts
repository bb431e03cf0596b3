/**
 * Learner-record files as LMS and HRIS report tools write them (headers and values modelled on their exports):
 * Cornerstone's custom reports prefix each header with its section and print dates with the month spelled out,
 * SCORM Cloud names its status column "Completion", Moodle's report builder writes "Time completed" and
 * "Monday, 4 March 2024, 2:05 PM", a Workday worker report says "Primary Work Email".
 */
import { expect, it } from 'vitest';
import { readRecordDate } from '../../shared/imports/values';
import { forEachCompletion } from '../../sync-server/services/records-read';
import { describeEachEngine } from '../storage/engines';
import { importCsv, lines, publishedMini, storedState } from './helpers';

it('dates with the month spelled out are read (as UTC when they have a time); impossible ones are not', () => {
  expect(['Monday, 4 March 2024, 2:05 PM', '04 March 2024, 02:05 PM', 'Mar 4, 2024 14:05', 'March 4, 2024', 'Thursday, 1 January 2026, 12:00 AM'].map((t) => readRecordDate(t)))
    .toEqual([
      { ok: true, value: '2024-03-04T14:05:00.000Z' }, { ok: true, value: '2024-03-04T14:05:00.000Z' }, { ok: true, value: '2024-03-04T14:05:00.000Z' },
      { ok: true, value: '2024-03-04' }, { ok: true, value: '2026-01-01T00:00:00.000Z' },
    ]);
  expect(['31 February 2024', '4 Foo 2024', '4 March 2024, 13:05 PM', 'June 2024'].map((t) => readRecordDate(t).ok)).toEqual([false, false, false, false]);
  expect(readRecordDate('03/04/2026')).toMatchObject({ ok: false, code: 'ambiguous-date' });
});

describeEachEngine('learner records from LMS and HRIS report exports', (h) => {
  async function completions(ctx: Parameters<typeof forEachCompletion>[0]) {
    const out: unknown[] = [];
    await forEachCompletion(ctx, 'mini', (b) => void out.push(...b));
    return out;
  }

  it('a Cornerstone transcript report: "Section - Field" headers, dates with month names', async () => {
    const { ctx } = await publishedMini(h);
    const file = lines(
      '"User - User ID","User - User Full Name","Training - Training Title","Training - Training Object ID","Transcript - Transcript Status","Training - Training Start Date","Transcript - Transcript Completed Date","Transcript - Transcript Score"',
      'EMP-1,Dana Li,Writing that gets read,S-1,Completed,"Mar 1, 2026","Mar 2, 2026 9:30 AM",90',
      'EMP-2,Eli Park,Coaching conversations,M-201,In Progress,"Mar 3, 2026",,',
    );
    const r = await importCsv(ctx, 'completions', file);
    expect(r.findings.map((f) => [f.cell, f.code])).toEqual([['B1', 'column-ignored'], ['C1', 'column-ignored']]);
    expect(r).toMatchObject({ imported: true, inserted: 2 });
    expect(await completions(ctx)).toEqual([
      { employeeId: 'EMP-1', moduleId: 'S-1', status: 'completed', startedAt: '2026-03-01', completedAt: '2026-03-02T09:30:00.000Z', score: 90 },
      { employeeId: 'EMP-2', moduleId: 'M-201', status: 'in_progress', startedAt: '2026-03-03', completedAt: null, score: null },
    ]);
  });

  it('a SCORM Cloud registration report and a Moodle report builder export (with a mapping for its Yes/No column)', async () => {
    const { ctx } = await publishedMini(h);
    const scorm = lines(
      'Registration Id,Course Id,Learner Id,Learner First Name,Completion,Success,Score,First Access Date,Completed Date',
      'r-1,S-1,EMP-1,Dana,COMPLETED,PASSED,88,2026-03-01T08:00:00Z,2026-03-02T17:45:00Z',
      'r-2,E-101,EMP-1,Dana,INCOMPLETE,UNKNOWN,,2026-03-03T08:00:00Z,',
    );
    const s = await importCsv(ctx, 'completions', scorm);
    expect(s).toMatchObject({ imported: true, inserted: 2 });
    expect(s.findings.map((f) => f.cell)).toEqual(['A1', 'D1', 'F1']);
    const moodle = lines(
      'Full name,Username,Course short name,Completed,Time enrolled,Time completed,Final grade',
      '"Eli Park",EMP-2,M-201,Yes,"Monday, 2 March 2026, 9:00 AM","Friday, 6 March 2026, 4:15 PM",75.00',
      '"Fay Ng",EMP-3,S-1,No,"Monday, 2 March 2026, 9:00 AM",,',
    );
    // "Completed" (Yes/No) and "Time completed" could both be the completion date: Rungs asks rather than guesses.
    const refused = await importCsv(ctx, 'completions', moodle);
    expect(refused.findings.filter((f) => f.severity === 'error').map((f) => [f.cell, f.code])).toEqual([['F1', 'duplicate-header'], ['H1', 'missing-header']]);
    const m = await importCsv(ctx, 'completions', moodle, { mapping: { status: 'Completed', completed_at: 'Time completed' } });
    expect(m).toMatchObject({ imported: true, inserted: 2 });
    expect((await completions(ctx)).filter((c) => (c as { employeeId: string }).employeeId !== 'EMP-1')).toEqual([
      { employeeId: 'EMP-2', moduleId: 'M-201', status: 'completed', startedAt: '2026-03-02T09:00:00.000Z', completedAt: '2026-03-06T16:15:00.000Z', score: 75 },
      { employeeId: 'EMP-3', moduleId: 'S-1', status: 'enrolled', startedAt: '2026-03-02T09:00:00.000Z', completedAt: null, score: null },
    ]);
  });

  it('a Workday worker report: "Worker" (the name), "Primary Work Email", "Supervisor Work Email"', async () => {
    const { store, ctx } = await publishedMini(h);
    const file = lines(
      'Employee ID,Worker,Primary Work Email,Position ID,Supervisor Work Email,Hire Date',
      'EMP-1,Dana Li,Dana@Acme.test,POS-1,ben@acme.test,2021-04-01',
      'EMP-4,Gus Ode,gus@acme.test,POS-2,dana@acme.test,2026-01-05',
    );
    const r = await importCsv(ctx, 'employees', file);
    expect(r).toMatchObject({ imported: true, inserted: 1 });
    expect(r.findings.map((f) => [f.cell, f.code])).toEqual([['F1', 'column-ignored']]);
    const gus = (await storedState(store)).employees.find((e) => e.employee_id === 'EMP-4');
    expect(gus).toMatchObject({ name: 'Gus Ode', email: 'gus@acme.test', manager_email: 'dana@acme.test' });
  });
}, ['sqlite']);
