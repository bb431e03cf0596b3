/**
 * Per-track reports (F8) at product scale: 50 Active tracks (the generated workbook's Draft tracks are made Active
 * so that every track gets a report), 100,000 employees, 5,000,000 learner records in --full (500,000 in quick)
 * generated deterministically in batches of 10,000 (never all at once, as the server streams them from storage).
 * Timed: the accumulator's batches, finish(), and rendering all 51 tabs; record generation is timed apart and not
 * counted. Then the tabs are written, twice (first write, then a refresh), through the real googleapis client to
 * the Sheets v4 stand-in: calls, bytes per request.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createPlacementIndex, placeEmployee } from '../../shared/inheritance';
import type { Workbook } from '../../shared/model';
import { parseWorkbook } from '../../shared/parse/workbook';
import { createPathIndex, orderTrackPath } from '../../shared/paths';
import type { AssessmentRecord, CompletionRecord, EvaluatorRole } from '../../shared/records';
import { createReportAccumulator, renderOverview, renderTrackReport } from '../../shared/reports';
import { createSheetsConnector } from '../../sync-server/sheets/connector';
import { RateLimiter } from '../../sync-server/sheets/rate-limiter';
import { MAX_REQUEST_BYTES } from '../../sync-server/sheets/report-plan';
import { DEFAULT_RETRY } from '../../sync-server/sheets/retry';
import { startSheetsStandIn } from '../../test/sheets-standin';
import { generateWorkbook, mulberry32 } from '../../test/support/generate-workbook';
import { mb, ms, type BenchOptions, type BenchRow, type BenchSuite } from '../lib';

const EMPLOYEES = 100_000;
const BATCH = 10_000;
const TARGET_MS = 10_000;
const TODAY = '2026-11-23';

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

interface Learner {
  id: string;
  trackId: string;
  path: string[];
  dimensions: { name: string; competencyId: string }[];
  managerId: string;
}

function learners(wb: Workbook): Learner[] {
  const pathIndex = createPathIndex(wb);
  const paths = new Map(wb.tracks.map((t) => {
    const r = orderTrackPath(wb, t.id, pathIndex);
    return [t.id, r.ok ? r.path.steps.map((s) => s.moduleId) : []];
  }));
  const rubrics = new Map(wb.rubrics.map((r) => [r.trackId, r.dimensions.map((d) => ({ name: d.name, competencyId: d.competencyId }))]));
  const placement = createPlacementIndex(wb);
  const out: Learner[] = [];
  wb.employees.forEach((e, i) => {
    const placed = placeEmployee(placement, e.id);
    if (!placed.ok) return;
    const trackId = placed.placement.track.id;
    out.push({ id: e.id, trackId, path: paths.get(trackId)!, dimensions: rubrics.get(trackId) ?? [], managerId: `MGR-${Math.floor(i / 8)}` });
  });
  return out;
}

/**
 * Records as an LMS and a review tool would export them: each learner is some way along their path (the last module
 * in progress or failed), and each rubric dimension is scored by their manager, often a peer, sometimes a trained
 * evaluator (one in 20 of them lenient by a point) and sometimes themselves.
 */
function* recordBatches(people: Learner[], total: number): Generator<{ completions: CompletionRecord[]; assessments: AssessmentRecord[] }> {
  const rng = mulberry32(7);
  let completions: CompletionRecord[] = [];
  let assessments: AssessmentRecord[] = [];
  let made = 0;
  const score = (ability: number, bias: number) => Math.max(1, Math.min(4, Math.round(ability + bias + (rng() - 0.5) * 1.5)));
  for (let round = 0; made < total; round++) {
    for (let p = 0; p < people.length && made < total; p++) {
      const l = people[p];
      const reached = Math.min(l.path.length, Math.floor(rng() * 77), total - made);
      for (let m = 0; m < reached; m++) {
        const last = m === reached - 1;
        const status = last ? (rng() < 0.2 ? 'failed' : 'in_progress') : 'completed';
        completions.push({ employeeId: l.id, moduleId: l.path[m], status, startedAt: '2026-02-01', completedAt: status === 'completed' ? '2026-03-01' : null, score: null });
      }
      made += reached;
      const ability = 1.5 + rng() * 2.3;
      const date = `2026-0${4 + (round % 5)}-1${p % 10}`;
      for (const d of l.dimensions) {
        const add = (evaluatorId: string, evaluatorRole: EvaluatorRole, bias: number) => {
          if (made >= total) return;
          assessments.push({ employeeId: l.id, trackId: l.trackId, competencyId: d.competencyId, dimension: d.name, evaluatorId, evaluatorRole, score: score(ability, bias), assessedAt: date });
          made++;
        };
        add(l.managerId, 'manager', 0);
        if (rng() < 0.7) add(people[(p + 1 + Math.floor(rng() * 50)) % people.length].id, 'peer', 0);
        if (rng() < 0.4) {
          const ev = Math.floor(rng() * 400);
          add(`EV-${ev}`, 'evaluator', ev % 20 === 0 ? 1 : 0);
        }
        if (rng() < 0.25) add(l.id, 'self', 0.5);
      }
      if (completions.length + assessments.length >= BATCH) {
        yield { completions, assessments };
        completions = [];
        assessments = [];
      }
    }
  }
  if (completions.length + assessments.length > 0) yield { completions, assessments };
}

export const reportsSuite: BenchSuite = {
  name: 'reports',
  async run({ full }: BenchOptions): Promise<BenchRow[]> {
    const RECORDS = full ? 5_000_000 : 500_000;
    const gc = exposeGc();
    const rows: BenchRow[] = [];
    const row = (kase: string, metric: string, value: string, target?: string, ok?: boolean) => rows.push({ suite: 'reports', case: kase, metric, value, target, ok });

    const { workbook } = parseWorkbook(generateWorkbook({ employees: EMPLOYEES }));
    for (const t of workbook.tracks) t.status = 'Active';
    const people = learners(workbook);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;

    let generating = 0;
    let accumulating = 0;
    let completions = 0;
    let assessments = 0;
    let t = performance.now();
    const setupStart = t;
    const acc = createReportAccumulator(workbook, { today: TODAY });
    const setup = performance.now() - setupStart;
    for (const batch of recordBatches(people, RECORDS)) {
      const t1 = performance.now();
      generating += t1 - t;
      acc.addCompletions(batch.completions);
      acc.addAssessments(batch.assessments);
      t = performance.now();
      accumulating += t - t1;
      completions += batch.completions.length;
      assessments += batch.assessments.length;
    }
    gc();
    const heapAccumulated = process.memoryUsage().heapUsed;
    const t2 = performance.now();
    const reports = acc.finish();
    const t3 = performance.now();
    const tabs = [renderOverview(reports), ...reports.tracks.map(renderTrackReport)];
    const t4 = performance.now();
    const total = setup + accumulating + (t3 - t2) + (t4 - t3);

    const scope = `${reports.tracks.length} tracks, ${(completions + assessments).toLocaleString('en-US')} records`;
    row(scope, 'records (completions / assessments)', `${completions.toLocaleString('en-US')} / ${assessments.toLocaleString('en-US')}`);
    row(scope, 'record generation (not counted)', ms(generating));
    row(scope, 'plan (paths, placements of 100,000 employees)', ms(setup));
    row(scope, `accumulate (batches of ${BATCH.toLocaleString('en-US')})`, ms(accumulating));
    row(scope, 'finish (all reports)', ms(t3 - t2));
    row(scope, `render ${tabs.length} tabs (${tabs.reduce((s, tab) => s + tab.rows.length, 0).toLocaleString('en-US')} rows)`, ms(t4 - t3));
    row(scope, 'total', ms(total), `< ${TARGET_MS / 1000} s`, total < TARGET_MS);
    row(scope, 'records / s', `${Math.round((completions + assessments) / (total / 1000)).toLocaleString('en-US')}`);
    row(scope, 'heap held by the accumulator', mb(heapAccumulated - heapBefore));
    const enrolled = reports.tracks.reduce((s, r) => s + r.summary.enrolled, 0);
    const flagged = reports.tracks.reduce((s, r) => s + r.summary.lenientEvaluators + r.summary.harshEvaluators, 0);
    row(scope, 'enrolled / flagged evaluators / ignored', `${enrolled} / ${flagged} / ${Object.values(reports.ignored).reduce((a, b) => a + b, 0)}`);
    // What a refresh sends Google, through the real client to the stand-in: the first write, then a refresh.
    const standIn = await startSheetsStandIn();
    try {
      standIn.auth.acceptToken('ya29.bench');
      const id = standIn.createSpreadsheet({ tabs: [{ name: 'Tracks', values: [['Track ID']] }] });
      const config = {
        credentials: { kind: 'access-token' as const, accessToken: 'ya29.bench' }, rootUrl: standIn.rootUrl, reportEditors: ['hr-admin@acme.example'],
        retry: DEFAULT_RETRY, rateLimit: { requestsPerMinute: 60, burst: 60 }, timeoutMs: 120_000,
      };
      const connector = createSheetsConnector(config, { limiter: new RateLimiter(config.rateLimit) });
      for (const label of ['first write', 'refresh']) {
        const r = await connector.writeReportTabs(id, tabs);
        const allowed = 2 + Math.ceil(r.payloadBytes / MAX_REQUEST_BYTES);
        const kase = `Sheets, ${tabs.length} tabs (${label})`;
        row(kase, 'calls (1 read + batchUpdates), payload', `${r.calls}, ${mb(r.payloadBytes)} in ${r.requests.toLocaleString('en-US')} requests`, `<= ${allowed} (2 + 1 per 2 MB)`, r.calls <= allowed);
        row(kase, 'largest request', mb(r.largestRequestBytes), `<= ${mb(MAX_REQUEST_BYTES)}`, r.largestRequestBytes <= MAX_REQUEST_BYTES);
      }
    } finally {
      await standIn.close();
    }
    return rows;
  },
};
