import { expect, it } from 'vitest';
import { AssessmentRecordSchema, type AssessmentRecord } from '../../shared/records';
import { storedEmployees } from '../../sync-server/services/employees';
import { forEachAssessment } from '../../sync-server/services/records-read';
import { describeEachEngine } from '../storage/engines';
import { ASSESSMENTS_HEADER, importCsv, lines, publishedMini, storedState } from './helpers';

describeEachEngine('assessment and HRIS employee imports (F7)', (h) => {
  it('assessments against the published rubrics: dimension spelled as the rubric has it, read back per track', async () => {
    const { ctx } = await publishedMini(h);
    const file = lines(
      ASSESSMENTS_HEADER,
      'EMP-1,ENG,E1,technical  ACCURACY,EMP-1,self,3,2026-05-01',
      'EMP-1,ENG,E1,Technical accuracy,EMP-3,peer,2.5,2026-05-01',
      'EMP-1,ENG,E1,Technical accuracy,EMP-3,peer,4,2026-06-01T10:00:00Z',
      'EMP-2,MGR,P1,Coaching depth,EMP-9,Line Manager,4,2026-05-02',
    );
    const result = await importCsv(ctx, 'assessments', file);
    expect(result).toMatchObject({ imported: true, rows: 4, inserted: 4 });
    expect((await importCsv(ctx, 'assessments', file))).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    const eng: AssessmentRecord[] = [];
    await forEachAssessment(ctx, 'mini', (b) => void eng.push(...b.map((r) => AssessmentRecordSchema.parse(r))), { trackIds: ['ENG'], batchSize: 2 });
    expect(eng.map((a) => [a.dimension, a.evaluatorId, a.evaluatorRole, a.score, a.assessedAt])).toEqual([
      ['Technical accuracy', 'EMP-1', 'self', 3, '2026-05-01'],
      ['Technical accuracy', 'EMP-3', 'peer', 2.5, '2026-05-01'],
      ['Technical accuracy', 'EMP-3', 'peer', 4, '2026-06-01T10:00:00.000Z'],
    ]);
    const all: AssessmentRecord[] = [];
    expect(await forEachAssessment(ctx, 'mini', (b) => void all.push(...b))).toBe(4);
    expect(all.find((a) => a.trackId === 'MGR')).toMatchObject({ evaluatorRole: 'manager', evaluatorId: 'EMP-9' });
  });

  it('assessments naming an unpublished track, a foreign dimension, the wrong competency or a score off the scale', async () => {
    const { store, ctx } = await publishedMini(h);
    const before = await storedState(store);
    const result = await importCsv(ctx, 'assessments', lines(
      ASSESSMENTS_HEADER,
      'EMP-1,SALES,E1,Technical accuracy,EMP-3,peer,3,2026-05-01',
      'EMP-1,ENG,E1,Coaching depth,EMP-3,peer,3,2026-05-01',
      'EMP-1,ENG,E2,Technical accuracy,EMP-3,peer,3,2026-05-01',
      'EMP-1,ENG,E1,Technical accuracy,EMP-3,peer,5,2026-05-01',
      'EMP-1,ENG,E1,Technical accuracy,EMP-3,coach,3,05/01/2026',
    ));
    expect(result.findings.map((f) => `${f.cell} ${f.code}`)).toEqual([
      'B2 unknown-track', 'D3 unknown-dimension', 'C4 unknown-competency', 'G5 bad-score', 'F6 bad-enum', 'H6 ambiguous-date',
    ]);
    expect(result.findings[1].message).toContain('Technical accuracy, Design judgement');
    expect(result.findings[3].message).toContain('1 to 4');
    expect(await storedState(store)).toEqual(before);
  });

  it('HRIS employees: aliases for the Employees tab columns, upsert by id, absent ones kept unless replace', async () => {
    const { ctx } = await publishedMini(h);
    const hris = lines(
      'Employee Number,Full Name,Work Email,Job Code,Manager Email,Department',
      'EMP-1,Dana Li,DANA@acme.test,POS-1,ben@acme.test,R&D',
      'EMP-4,Gus Ode,gus@acme.test,POS-2,,Sales',
    );
    const first = await importCsv(ctx, 'employees', hris);
    expect(first).toMatchObject({ imported: true, rows: 2, inserted: 1, updated: 0, unchanged: 1, removed: 0 });
    expect(first.findings).toEqual([expect.objectContaining({ cell: 'F1', severity: 'warning', code: 'column-ignored' })]);
    const ids = async () => (await storedEmployees(ctx, 'mini')).map((e) => e.id);
    expect(await ids()).toEqual(['EMP-1', 'EMP-2', 'EMP-3', 'EMP-4']);
    expect((await storedEmployees(ctx, 'mini')).find((e) => e.id === 'EMP-4')).toMatchObject({ name: 'Gus Ode', email: 'gus@acme.test', positionId: 'POS-2' });

    const moved = hris.replace('EMP-4,Gus Ode,gus@acme.test,POS-2', 'EMP-4,Gus Ode,gus@acme.test,POS-1');
    expect(await importCsv(ctx, 'employees', moved, { replace: true })).toMatchObject({ imported: true, inserted: 0, updated: 1, unchanged: 1, removed: 2 });
    expect(await ids()).toEqual(['EMP-1', 'EMP-4']);

    const bad = await importCsv(ctx, 'employees', lines('Employee Number,Full Name,Work Email,Job Code', 'EMP-5,,not-an-email,POS-1', 'EMP-1,Dana,dana@acme.test,POS-1', 'EMP-1,Dana,dana@acme.test,POS-1'), { replace: true });
    expect(bad.findings.map((f) => `${f.cell} ${f.code}`)).toEqual(['B2 missing-value', 'C2 bad-email', 'A4 duplicate-row']);
    expect(await ids()).toEqual(['EMP-1', 'EMP-4']);
  });
});
