import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseWorkbook } from '../../../shared';
import { orderTrackPath, pathToLevel, type PathStep, type TrackPath } from '../../../shared/paths';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';
import { loadForCommand } from '../load-for-command';

const USAGE = 'Usage: rungs path <snapshot.json | folder of tab CSVs> --track <id> [--level <code>] [--json]';

const PathArgsSchema = z.object({
  workbook: z.string().min(1),
  track: z.string({ error: 'Which track? Pass --track <id>.' }).trim().min(1, 'Which track? Pass --track <id>.'),
  level: z.string().trim().min(1, '--level needs a level code, e.g. --level CS2').optional(),
  json: z.boolean(),
});
type PathArgs = z.infer<typeof PathArgsSchema>;

function readArgs(args: string[]): PathArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { track: { type: 'string' }, level: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (parsed.positionals.length !== 1) {
    return parsed.positionals.length === 0 ? 'Which workbook? Pass a snapshot .json file or a folder of tab CSVs.' : `Expected one workbook, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`;
  }
  const checked = PathArgsSchema.safeParse({ workbook: parsed.positionals[0], ...parsed.values });
  return checked.success ? checked.data : checked.error.issues.map((i) => i.message).join('; ');
}

function stepLine(step: PathStep, numberWidth: number): string[] {
  const facts = [step.durationHours !== null ? `${step.durationHours} h` : null, step.gate ? `gate: ${step.gate.text}` : null].filter((f) => f !== null);
  const head = `${String(step.position).padStart(numberWidth)}. ${step.moduleId}  ${step.title}${facts.length > 0 ? `  [${facts.join(', ')}]` : ''}`;
  const indent = ' '.repeat(numberWidth + 2);
  return [head, ...step.reasons.map((r) => `${indent}- ${r}`)];
}

/** A numbered list under stage headings; a heading repeats only if a stage comes back (a shared module after role ones). */
export function formatPath(path: TrackPath): string {
  const count = `${path.steps.length} module${path.steps.length === 1 ? '' : 's'}`;
  const hours = path.totalHours > 0 ? `, ${path.totalHours} h` : '';
  const target = path.targetLevel ? ` to level ${path.targetLevel.code}` : '';
  const lines = [`Learning path of track ${path.trackId} (${path.trackName})${target}: ${count}${hours}`];
  if (path.steps.length === 0) lines.push('', 'No modules: nothing in the Modules tab develops what this track requires.');
  const numberWidth = String(path.steps.length).length;
  let stage: string | null = null;
  for (const step of path.steps) {
    if (step.stage !== stage) {
      stage = step.stage;
      lines.push('', stage === 'Foundation' ? 'Foundation (shared modules)' : `Role branch (${path.trackId})`);
    }
    lines.push(...stepLine(step, numberWidth));
  }
  return lines.join('\n');
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const options = readArgs(args);
  if (typeof options === 'string') {
    io.err(`rungs path: ${options}\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  const snapshot = await loadForCommand('path', options.workbook, io);
  if (!snapshot) return EXIT_UNUSABLE;
  const { workbook, findings } = parseWorkbook(snapshot);
  const problems = findings.filter((f) => f.severity === 'error').length;
  if (problems > 0)
    io.err(`rungs path: note: the workbook has ${problems} structural problem${problems === 1 ? '' : 's'} (run "rungs validate"); the path uses what could be read.`);
  const result = options.level === undefined ? orderTrackPath(workbook, options.track) : pathToLevel(workbook, options.track, options.level);
  if (!result.ok) {
    if (options.json) io.out(JSON.stringify({ error: result.error }, null, 2));
    io.err(`rungs path: ${result.error.message}`);
    return EXIT_FINDINGS;
  }
  io.out(options.json ? JSON.stringify(result.path, null, 2) : formatPath(result.path));
  return EXIT_OK;
}
