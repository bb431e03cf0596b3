import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseWorkbook } from '../../../shared';
import { compareLevels, type LevelComparison } from '../../../shared/team';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';
import { loadForCommand } from '../load-for-command';

const USAGE = 'Usage: rungs compare-levels <snapshot.json | folder of tab CSVs> --track <id> <from level> <to level> [--json]';

const ArgsSchema = z.object({
  workbook: z.string().min(1),
  from: z.string().trim().min(1, 'Name the first level, e.g. IC2.'),
  to: z.string().trim().min(1, 'Name the second level, e.g. IC3.'),
  track: z.string({ error: 'Which track? Pass --track <id>.' }).trim().min(1, 'Which track? Pass --track <id>.'),
  json: z.boolean(),
});
type Args = z.infer<typeof ArgsSchema>;

function readArgs(args: string[]): Args | string {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { track: { type: 'string' }, json: { type: 'boolean', default: false } } });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  const [workbook, from, to, ...rest] = parsed.positionals;
  if (workbook === undefined) return 'Which workbook? Pass a snapshot .json file or a folder of tab CSVs.';
  if (to === undefined) return 'Name the two levels to compare after the workbook, e.g. IC2 IC3.';
  if (rest.length > 0) return `Expected a workbook and two levels, got ${parsed.positionals.length} arguments: ${parsed.positionals.join(' ')}`;
  const checked = ArgsSchema.safeParse({ workbook, from, to, ...parsed.values });
  return checked.success ? checked.data : checked.error.issues.map((i) => i.message).join('; ');
}

const CHANGE_WORDS = { added: 'added', raised: 'raised', unchanged: 'unchanged', dropped: 'dropped' } as const;

/** One block per competency: its change, then the expectation at each level that has one. */
export function formatComparison(c: LevelComparison): string {
  const level = (l: LevelComparison['from']) => `${l.code}${l.name ? ` (${l.name})` : ''}`;
  const { added, raised, unchanged, dropped } = c.counts;
  const lines = [
    `Track ${c.track.id} (${c.track.name}): ${level(c.from)} compared with ${level(c.to)}`,
    `${added} added, ${raised} raised, ${unchanged} unchanged, ${dropped} dropped`,
  ];
  if (c.rows.length === 0) lines.push('', 'Neither level expects any competency yet (the matrix cells are blank).');
  const width = Math.max(0, ...c.rows.map((r) => r.competencyId.length));
  for (const r of c.rows) {
    lines.push('', `${r.competencyId.padEnd(width)}  ${r.competencyName}: ${CHANGE_WORDS[r.change]}`);
    if (r.from !== null && r.change !== 'unchanged') lines.push(`${' '.repeat(width + 2)}${c.from.code}: ${r.from}`);
    if (r.to !== null) lines.push(`${' '.repeat(width + 2)}${r.change === 'unchanged' ? 'both' : c.to.code}: ${r.to}`);
  }
  return lines.join('\n');
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const options = readArgs(args);
  if (typeof options === 'string') {
    io.err(`rungs compare-levels: ${options}\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  const snapshot = await loadForCommand('compare-levels', options.workbook, io);
  if (!snapshot) return EXIT_UNUSABLE;
  const result = compareLevels(parseWorkbook(snapshot).workbook, options.track, options.from, options.to);
  if (!result.ok) {
    if (options.json) io.out(JSON.stringify({ error: result.error }, null, 2));
    io.err(`rungs compare-levels: ${result.error.message}`);
    return EXIT_FINDINGS;
  }
  io.out(options.json ? JSON.stringify(result.comparison, null, 2) : formatComparison(result.comparison));
  return EXIT_OK;
}
