import { z } from 'zod';
import { FindingSchema, parseWorkbook, type WorkbookSnapshot } from '../../../shared';
import { TrackDiffSchema, TrackStatusSchema } from '../../../shared/track-diff';
import { formatFindings } from '../format-findings';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';
import { loadForCommand } from '../load-for-command';
import { remoteClient, trackPath, type RemoteClient } from '../remote/client';
import { formatDiff, isEmptyDiff } from '../remote/format-diff';
import { connectionOf, misuse, onePositional, parseServerArgs, talkToServer } from '../remote/run-remote';

const USAGE = {
  publish: 'Usage: rungs publish <folder of tab CSVs | snapshot.json> --track ID [--track ID ...] [--workbook ID] [--note TEXT] [--server URL] [--token TOKEN] [--json]',
  draft: 'Usage: rungs draft <folder of tab CSVs | snapshot.json> --track ID [--track ID ...] [--workbook ID] [--server URL] [--token TOKEN] [--json]',
};
type Mode = keyof typeof USAGE;

const ArgsSchema = z.object({
  track: z.array(z.string()).default([])
    .transform((list) => list.flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(z.string()).min(1, 'Which track? Pass --track <id> (repeat it, or separate ids with commas, for several).')),
  workbook: z.string().trim().min(1, '--workbook needs the spreadsheet id').max(200, '--workbook is longer than 200 characters').optional(),
  note: z.string().max(2000, '--note is longer than 2,000 characters').optional(),
  json: z.boolean(),
});

const SavedDraftSchema = z.object({ draftId: z.number().int(), errors: z.number().int(), warnings: z.number().int(), findings: z.array(FindingSchema) });
const DraftDiffSchema = z.object({ activeVersion: z.number().int(), stale: z.boolean(), diff: TrackDiffSchema });
const PublishedSchema = z.object({ version: z.number().int(), publishedAt: z.string(), statuses: z.array(TrackStatusSchema) });

interface Drafted {
  trackId: string;
  draft: z.infer<typeof SavedDraftSchema>;
  diff: z.infer<typeof DraftDiffSchema>;
}

async function saveAndDiff(client: RemoteClient, spreadsheetId: string, trackId: string, snapshot: WorkbookSnapshot): Promise<Drafted> {
  const path = trackPath(spreadsheetId, trackId);
  const draft = await client.post(`${path}/drafts`, SavedDraftSchema, { json: snapshot });
  const diff = await client.get(`${path}/diff`, DraftDiffSchema, { query: { draftId: String(draft.draftId) } });
  return { trackId, draft, diff };
}

function describeDraft(d: Drafted, name: string | undefined, io: CliIO): void {
  const { errors, warnings } = d.draft;
  const findings = errors + warnings === 0 ? 'no findings' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  io.out(`${d.trackId}${name ? ` ${name}` : ''}: draft ${d.draft.draftId} saved (${findings}).`);
  if (d.draft.findings.length > 0) io.out(formatFindings(d.draft.findings, new Set(d.draft.findings.map((f) => f.sheet)).size).replace(/^/gm, '  '));
  io.out(formatDiff(d.diff.diff, d.diff.activeVersion).join('\n'));
}

/** `rungs draft` saves each track's draft and shows what publishing it would change; `rungs publish` then publishes. */
async function runMode(mode: Mode, args: string[], io: CliIO): Promise<number> {
  const usage = USAGE[mode];
  const parsed = parseServerArgs(args, { track: { type: 'string', multiple: true }, workbook: { type: 'string' }, json: { type: 'boolean', default: false }, ...(mode === 'publish' ? { note: { type: 'string' } } : {}) });
  if (typeof parsed === 'string') return misuse(mode, parsed, usage, io);
  const path = onePositional(parsed.positionals, 'Which workbook? Pass a folder of tab CSVs or a snapshot .json file.');
  if (typeof path === 'string') return misuse(mode, path, usage, io);
  const options = ArgsSchema.safeParse(parsed.values);
  if (!options.success) return misuse(mode, options.error.issues.map((i) => i.message).join('; '), usage, io);
  const connection = connectionOf(parsed.values);
  if (typeof connection === 'string') return misuse(mode, connection, usage, io);
  const loaded = await loadForCommand(mode, path.value, io);
  if (!loaded) return EXIT_UNUSABLE;
  const spreadsheetId = options.data.workbook ?? loaded.spreadsheetId;
  const snapshot: WorkbookSnapshot = { ...loaded, spreadsheetId };
  const names = new Map(parseWorkbook(snapshot).workbook.tracks.map((t) => [t.id, t.name]));
  const unknown = options.data.track.filter((t) => !names.has(t));
  if (unknown.length > 0) return misuse(mode, `The Tracks tab of ${path.value} has no track ${unknown.join(', ')}. It has: ${[...names.keys()].join(', ') || 'none'}.`, usage, io);
  const client = remoteClient(connection);

  return talkToServer(mode, io, async () => {
    // Every draft first: nothing is published unless every track asked for can be.
    const drafted: Drafted[] = [];
    for (const trackId of options.data.track) drafted.push(await saveAndDiff(client, spreadsheetId, trackId, snapshot));
    if (!options.data.json) for (const d of drafted) describeDraft(d, names.get(d.trackId), io);
    const blocked = drafted.filter((d) => d.draft.errors > 0);
    if (mode === 'draft' || blocked.length > 0) {
      if (options.data.json) io.out(JSON.stringify(drafted, null, 2));
      if (blocked.length > 0) io.err(`rungs ${mode}: nothing published: ${blocked.map((d) => d.trackId).join(', ')} ${blocked.length === 1 ? 'has' : 'have'} errors. Fix them in the workbook and run this again.`);
      return blocked.length > 0 ? EXIT_FINDINGS : EXIT_OK;
    }
    const published: (z.infer<typeof PublishedSchema> & { trackId: string })[] = [];
    for (const d of drafted) {
      if (d.diff.activeVersion > 0 && isEmptyDiff(d.diff.diff)) {
        if (!options.data.json) io.out(`${d.trackId}: nothing to publish, version ${d.diff.activeVersion} is already this content.`);
        continue;
      }
      const result = await client.post(`${trackPath(spreadsheetId, d.trackId)}/publish`, PublishedSchema, {
        json: { draftId: d.draft.draftId, ...(options.data.note ? { note: options.data.note } : {}) },
        headers: { 'idempotency-key': `rungs-cli-publish-${spreadsheetId}-${d.trackId}-${d.draft.draftId}` },
      });
      published.push({ trackId: d.trackId, ...result });
      if (!options.data.json) io.out(`${d.trackId}: published as version ${result.version}; the track is Active.`);
    }
    if (options.data.json) io.out(JSON.stringify({ drafts: drafted, published }, null, 2));
    return EXIT_OK;
  });
}

export const run = (args: string[], io: CliIO) => runMode('publish', args, io);
export const runDraft = (args: string[], io: CliIO) => runMode('draft', args, io);
