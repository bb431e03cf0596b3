import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseWorkbook } from '../../../shared';
import { analyzeTracks, type TrackAnalysis, type TrackOverlap } from '../../../shared/analysis';
import { EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';
import { loadForCommand } from '../load-for-command';

const USAGE = 'Usage: rungs analyze <snapshot.json | folder of tab CSVs> [--json]';

/** Above this many tracks the full matrix no longer fits a terminal: list the closest pairs instead. */
const MATRIX_MAX_TRACKS = 12;
const CLOSEST_PAIRS = 20;

const AnalyzeArgsSchema = z.object({ workbook: z.string().min(1), json: z.boolean() });
type AnalyzeArgs = z.infer<typeof AnalyzeArgsSchema>;

function readArgs(args: string[]): AnalyzeArgs | string {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean', default: false } } });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (parsed.positionals.length !== 1) {
    return parsed.positionals.length === 0 ? 'Which workbook? Pass a snapshot .json file or a folder of tab CSVs.' : `Expected one workbook, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`;
  }
  const checked = AnalyzeArgsSchema.safeParse({ workbook: parsed.positionals[0], json: parsed.values.json });
  return checked.success ? checked.data : checked.error.issues.map((i) => i.message).join('; ');
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

/** Rows of cells, each column padded to its widest cell; the first column left-aligned, the others right-aligned. */
function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

function overlapCell(o: TrackOverlap | undefined, threshold: number): string {
  if (!o) return '-';
  return `${pct(o.share)} (${o.common})${o.share > threshold ? '*' : ' '}`;
}

function overlapSection(analysis: TrackAnalysis): string[] {
  const { tracks, overlaps, overlapThreshold } = analysis;
  const title = `Overlap between tracks: share of competencies in common (count in common); * = more than ${pct(overlapThreshold)}`;
  if (tracks.length < 2) return [title, '  Fewer than two tracks have a matrix: nothing to compare.'];
  if (tracks.length <= MATRIX_MAX_TRACKS) {
    const byPair = new Map(overlaps.flatMap((o) => [[`${o.a}\u0000${o.b}`, o], [`${o.b}\u0000${o.a}`, o]] as const));
    const rows = [
      ['', ...tracks.map((t) => `${t.id} `)],
      ...tracks.map((row) => [row.id, ...tracks.map((col) => (col.id === row.id ? '- ' : overlapCell(byPair.get(`${row.id}\u0000${col.id}`), overlapThreshold)))]),
    ];
    return [title, ...table(rows).map((l) => `  ${l}`)];
  }
  const closest = [...overlaps].sort((x, y) => y.share - x.share || y.common - x.common).slice(0, CLOSEST_PAIRS);
  const rows = [['pair', 'share', 'in common'], ...closest.map((o) => [`${o.a} / ${o.b}`, pct(o.share) + (o.share > overlapThreshold ? '*' : ' '), String(o.common)])];
  return [`${title}`, `  ${tracks.length} tracks make ${overlaps.length} pairs; the ${closest.length} closest (--json gives all):`, ...table(rows).map((l) => `  ${l}`)];
}

function foundationSection(analysis: TrackAnalysis): string[] {
  const { foundationCandidates: list, foundationShare, tracks } = analysis;
  const title = `Shared foundation candidates: competencies required by at least ${pct(foundationShare)} of the ${tracks.length} tracks (${list.length})`;
  if (list.length === 0) return [title, '  None.'];
  const rows = list.map((c) => [`${c.competencyId}`, c.name, `${c.trackCount} of ${tracks.length} tracks`, c.scope === 'Role' ? 'Scope Role: consider Shared' : (c.scope ?? ''), c.trackIds.join(', ')]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return [title, ...rows.map((r) => `  ${r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()}`)];
}

function overSegmentationSection(analysis: TrackAnalysis): string[] {
  const title = `Over-segmentation: tracks sharing more than ${pct(analysis.overlapThreshold)} of their competencies (${analysis.overSegmented.length})`;
  if (analysis.overSegmented.length === 0) return [title, '  None.'];
  return [title, ...analysis.overSegmented.map((o) => `  - ${o.message}`)];
}

export function formatAnalysis(analysis: TrackAnalysis): string {
  const header = `Tracks compared: ${analysis.tracks.length} (${analysis.tracks.map((t) => `${t.id} requires ${t.required}`).join(', ') || 'none has a matrix'})`;
  return [header, '', ...overlapSection(analysis), '', ...foundationSection(analysis), '', ...overSegmentationSection(analysis)].join('\n');
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const options = readArgs(args);
  if (typeof options === 'string') {
    io.err(`rungs analyze: ${options}\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  const snapshot = await loadForCommand('analyze', options.workbook, io);
  if (!snapshot) return EXIT_UNUSABLE;
  const analysis = analyzeTracks(parseWorkbook(snapshot).workbook);
  io.out(options.json ? JSON.stringify(analysis, null, 2) : formatAnalysis(analysis));
  return EXIT_OK;
}
