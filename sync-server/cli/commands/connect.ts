import { z } from 'zod';
import { parseWorkbook } from '../../../shared';
import { TrackStatusSchema } from '../../../shared/track-diff';
import { EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';
import { loadForCommand } from '../load-for-command';
import { remoteClient } from '../remote/client';
import { connectionOf, misuse, onePositional, parseServerArgs, talkToServer } from '../remote/run-remote';

const USAGE = 'Usage: rungs connect <folder of tab CSVs | snapshot.json> [--workbook ID] [--name TEXT] [--server URL] [--token TOKEN] [--json]';

const ArgsSchema = z.object({
  workbook: z.string().trim().min(1, '--workbook needs the spreadsheet id').max(200, '--workbook is longer than 200 characters').optional(),
  name: z.string().trim().min(1, '--name needs a name, e.g. --name "Acme Cloud"').max(500, '--name is longer than 500 characters').optional(),
  json: z.boolean(),
});

export const WorkbookAnswerSchema = z.object({
  workbook: z.object({ spreadsheetId: z.string(), name: z.string(), connectedBy: z.string(), connectedAt: z.string() }),
  tracks: z.array(TrackStatusSchema),
});

/** `rungs connect <workbook>`: makes the workbook known to the running server (connecting again renames it). */
export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseServerArgs(args, { workbook: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean', default: false } });
  if (typeof parsed === 'string') return misuse('connect', parsed, USAGE, io);
  const path = onePositional(parsed.positionals, 'Which workbook? Pass a folder of tab CSVs or a snapshot .json file.');
  if (typeof path === 'string') return misuse('connect', path, USAGE, io);
  const options = ArgsSchema.safeParse(parsed.values);
  if (!options.success) return misuse('connect', options.error.issues.map((i) => i.message).join('; '), USAGE, io);
  const connection = connectionOf(parsed.values);
  if (typeof connection === 'string') return misuse('connect', connection, USAGE, io);
  const snapshot = await loadForCommand('connect', path.value, io);
  if (!snapshot) return EXIT_UNUSABLE;
  const spreadsheetId = options.data.workbook ?? snapshot.spreadsheetId;
  const trackIds = parseWorkbook(snapshot).workbook.tracks.map((t) => t.id);
  return talkToServer('connect', io, async () => {
    const answer = await remoteClient(connection).post('/v1/workbooks', WorkbookAnswerSchema, { json: { spreadsheetId, name: options.data.name ?? spreadsheetId } });
    if (options.data.json) {
      io.out(JSON.stringify(answer, null, 2));
      return EXIT_OK;
    }
    const known = new Map(answer.tracks.map((t) => [t.trackId, t]));
    const status = (id: string) => {
      const t = known.get(id);
      return t?.status === 'Active' ? `${id} (Active, version ${t.version})` : `${id} (${t ? 'Draft' : 'not on the server yet'})`;
    };
    io.out(`Connected workbook ${spreadsheetId} ("${answer.workbook.name}") to ${connection.server}.`);
    io.out(trackIds.length > 0 ? `Tracks in ${path.value}: ${trackIds.map(status).join(', ')}.` : `The Tracks tab of ${path.value} lists no track yet.`);
    const folder = /\s/.test(path.value) ? `"${path.value}"` : path.value;
    if (trackIds.length > 0) io.out(`Next: rungs publish ${folder} --track ${trackIds[0]}${options.data.workbook ? ` --workbook ${spreadsheetId}` : ''}`);
    return EXIT_OK;
  });
}
