import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { reportTabName } from '../../../shared/contract';
import { ReportTabSchema } from '../../../shared/reports/layout-schema';
import { OVERVIEW_TAB_NAME } from '../../../shared/reports/render-overview';
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from '../io';
import { remoteClient, workbookPath, type RemoteClient } from '../remote/client';
import { formatReportTab } from '../remote/format-report';
import { connectionOf, misuse, parseServerArgs, talkToServer } from '../remote/run-remote';

const USAGE = [
  'Usage: rungs reports refresh --workbook ID [--timeout SECONDS] [--server URL] [--token TOKEN] [--json]',
  '       rungs reports show --workbook ID [--track ID] [--server URL] [--token TOKEN] [--json]',
].join('\n');

const ArgsSchema = z.object({
  action: z.enum(['refresh', 'show'], 'say "refresh" or "show"'),
  workbook: z.string({ error: '--workbook is required: the spreadsheet id the reports are of (the one "rungs connect" printed)' }).trim().min(1, '--workbook needs the spreadsheet id'),
  track: z.string().trim().min(1, '--track needs a track id, e.g. --track CS').optional(),
  timeout: z.coerce.number('--timeout must be a number of seconds').positive('--timeout must be more than 0 seconds').max(3600, '--timeout is at most 3600 seconds').default(120),
  json: z.boolean(),
});
type Args = z.infer<typeof ArgsSchema>;

const RefreshAnswerSchema = z.object({ jobId: z.string(), requestedAt: z.string(), coalesced: z.boolean() });
const StateSchema = z.object({
  running: z.boolean(), lastStartedAt: z.string().nullable(), lastFinishedAt: z.string().nullable(),
  lastOutcome: z.enum(['pushed', 'computed', 'failed']).nullable(), lastError: z.string().nullable(),
  summary: z.record(z.string(), z.number()).nullable(),
});
const ReportsSchema = z.object({ state: StateSchema, tabs: z.array(ReportTabSchema) });
type State = z.infer<typeof StateSchema>;

const POLL_MS = 250;

/** Finished after `requestedAt`: a run that started once the request was made has ended. */
const finishedSince = (s: State, requestedAt: string) =>
  !s.running && s.lastStartedAt !== null && s.lastStartedAt >= requestedAt && s.lastFinishedAt !== null && s.lastFinishedAt >= s.lastStartedAt;

function outcomeLine(s: State): string {
  const n = (key: string) => (s.summary?.[key] ?? 0).toLocaleString('en-US');
  const read = `${n('tabs')} tabs (${n('tracks')} Active tracks, ${n('teamTabs')} Team tabs) from ${n('completions')} completions and ${n('assessments')} assessments`;
  if (s.lastOutcome === 'pushed') return `Reports refreshed and written to the spreadsheet: ${read}.`;
  return `Reports refreshed: ${read}. They are kept on the server (Google Sheets is not configured or not reachable), where the add-on picks them up; read them with "rungs reports show".`;
}

async function refresh(client: RemoteClient, o: Args, io: CliIO): Promise<number> {
  const base = workbookPath(o.workbook);
  const asked = await client.post(`${base}/reports/refresh`, RefreshAnswerSchema);
  const deadline = Date.now() + o.timeout * 1000;
  for (;;) {
    const { state } = await client.get(`${base}/reports`, ReportsSchema);
    if (finishedSince(state, asked.requestedAt)) {
      if (o.json) io.out(JSON.stringify(state, null, 2));
      if (state.lastOutcome === 'failed') {
        io.err(`rungs reports: the refresh failed: ${state.lastError ?? 'no reason given'}. The server retries it; its log has the details.`);
        return EXIT_FINDINGS;
      }
      if (!o.json) io.out(outcomeLine(state));
      return EXIT_OK;
    }
    if (Date.now() > deadline) {
      io.err(`rungs reports: the refresh (job ${asked.jobId}) has not finished after ${o.timeout} s; it goes on on the server. Check later with "rungs reports show --workbook ${o.workbook}".`);
      return EXIT_FINDINGS;
    }
    await sleep(POLL_MS);
  }
}

async function show(client: RemoteClient, o: Args, io: CliIO): Promise<number> {
  const { tabs } = await client.get(`${workbookPath(o.workbook)}/reports`, ReportsSchema);
  if (tabs.length === 0) {
    io.err(`rungs reports: no reports yet for ${o.workbook}. Publish a track, import learner records, then run "rungs reports refresh --workbook ${o.workbook}".`);
    return EXIT_FINDINGS;
  }
  const title = o.track ? reportTabName(o.track) : OVERVIEW_TAB_NAME;
  const tab = tabs.find((t) => t.title === title);
  if (!tab) {
    const tracks = tabs.map((t) => t.title).filter((t) => t !== OVERVIEW_TAB_NAME).map((t) => t.replace(/^Report /, ''));
    io.err(`rungs reports: no report ${o.track ? `for track ${o.track}` : 'overview'} that this token may read. Reports cover Active (published) tracks${tracks.length ? `: ${tracks.join(', ')}` : ''}.`);
    return EXIT_FINDINGS;
  }
  io.out(o.json ? JSON.stringify(tab, null, 2) : `${tab.title}\n${'='.repeat(tab.title.length)}\n\n${formatReportTab(tab)}`);
  return EXIT_OK;
}

/** `rungs reports refresh|show`: the report tabs of a connected workbook, from the running server. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseServerArgs(args, { workbook: { type: 'string' }, track: { type: 'string' }, timeout: { type: 'string' }, json: { type: 'boolean', default: false } });
  if (typeof parsed === 'string') return misuse('reports', parsed, USAGE, io);
  if (parsed.positionals.length !== 1) return misuse('reports', parsed.positionals.length === 0 ? 'say "refresh" or "show".' : `Expected one action, got ${parsed.positionals.join(' ')}`, USAGE, io);
  const options = ArgsSchema.safeParse({ action: parsed.positionals[0], ...parsed.values });
  if (!options.success) return misuse('reports', options.error.issues.map((i) => i.message).join('; '), USAGE, io);
  const o = options.data;
  if (o.action === 'refresh' && o.track) return misuse('reports', '--track applies to "show": a refresh renders every track of the workbook.', USAGE, io);
  if (o.action === 'show' && parsed.values.timeout !== undefined) return misuse('reports', '--timeout applies to "refresh".', USAGE, io);
  const connection = connectionOf(parsed.values);
  if (typeof connection === 'string') return misuse('reports', connection, USAGE, io);
  const client = remoteClient(connection);
  return talkToServer('reports', io, () => (o.action === 'refresh' ? refresh(client, o, io) : show(client, o, io)));
}
