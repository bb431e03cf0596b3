/** The server's draft diff as lines a person reads: "Competencies: added COMM-2 Stakeholder updates". */
import { DIFF_SECTIONS, type Change, type DiffSection, type SharedItemChange } from '../../shared/track-diff';
import type { DiffAnswer } from './server-answers';

export const MAX_DIFF_LINES = 200;

const LABELS: Record<DiffSection, string> = {
  track: 'Track',
  competencies: 'Competencies',
  levels: 'Levels',
  cells: 'Matrix',
  positions: 'Positions',
  modules: 'Modules',
  rubricRows: 'Rubric',
};

/** The field that names an item, shown after its id when it is added or removed. */
const NAME_FIELDS: Partial<Record<DiffSection, string>> = {
  track: 'Track Name',
  competencies: 'Competency Name',
  levels: 'Level Name',
  positions: 'Position Title',
  modules: 'Module Title',
};

function line(section: DiffSection, c: Change): string {
  const head = `${LABELS[section]}: ${c.change} ${c.id}`;
  if (c.change === 'changed') return `${head} (${c.fields.join(', ')})`;
  const field = NAME_FIELDS[section];
  const record = c.after ?? c.before;
  const name = field && record ? record[field] : null;
  return name !== null && name !== undefined && name !== '' ? `${head} ${String(name)}` : head;
}

/** A Shared item the draft changes that other tracks use: they get the change once they are published too. */
function sharedLine(c: SharedItemChange): string {
  const head = `Shared ${c.kind} ${c.id}: ${c.change}${c.change === 'changed' ? ` (${c.fields.join(', ')})` : ''}`;
  return `${head}; also used by ${c.usedBy.join(', ')}, which keep${c.usedBy.length === 1 ? 's' : ''} ${c.usedBy.length === 1 ? 'its' : 'their'} published version until published again`;
}

export function diffLines(diff: DiffAnswer['diff'], shared: readonly SharedItemChange[] = []): { lines: string[]; more: number } {
  // The sections below list every change; these lines say which other tracks a Shared change reaches.
  const all: string[] = shared.filter((c) => c.usedBy.length > 0).map(sharedLine);
  for (const section of DIFF_SECTIONS) for (const c of diff[section]) all.push(line(section, c));
  return { lines: all.slice(0, MAX_DIFF_LINES), more: Math.max(0, all.length - MAX_DIFF_LINES) };
}
