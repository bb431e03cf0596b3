/** The messages sent to the model: pure functions of what the workbook holds, so a test can read them. */

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface TrackBrief {
  id: string;
  name: string;
  /** Individual Contributor or Manager; null when the Tracks tab leaves it blank. */
  type: string | null;
  description: string;
}

export interface NamedItem {
  id: string;
  name: string;
  description: string;
}

export interface LevelBrief {
  code: string;
  name: string;
  description: string;
}

const SYSTEM = 'You help people design competency-based career tracks. Answer only with JSON matching the given schema. ' +
  'Be concrete and observable; no filler, no marketing language.';

function trackLines(t: TrackBrief): string[] {
  return [
    `Track: ${t.name} (id ${t.id})`,
    `Track type: ${t.type ?? 'not set'}`,
    `Track description: ${t.description || '(none)'}`,
  ];
}

const list = (items: readonly NamedItem[]) => (items.length === 0 ? '(none)' : items.map((i) => `- ${i.id}: ${i.name}${i.description ? ` — ${i.description}` : ''}`).join('\n'));
const typeHint = (type: string | null) => (type === 'Manager'
  ? 'This is a Manager track: favour leading people, teams and organisations over individual expertise.'
  : 'This is an Individual Contributor track: favour depth of expertise and scope of impact, not people management.');

export function competenciesPrompt(input: { track: TrackBrief; shared: readonly NamedItem[]; existing: readonly NamedItem[]; count: number }): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: [
      ...trackLines(input.track),
      typeHint(input.track.type),
      '',
      'Shared foundation already in the workbook (do not duplicate these):',
      list(input.shared),
      '',
      'Other competencies already in the workbook (do not duplicate these or reuse their ids):',
      list(input.existing),
      '',
      `Propose ${input.count} role-specific competencies for this track. Ids are short upper-case codes like ENG-07. ` +
      'dependsOn lists ids (existing or proposed) that must be developed first.',
    ].join('\n') },
  ];
}

export function levelsPrompt(input: { track: TrackBrief; existing: readonly LevelBrief[] }): ChatMessage[] {
  const existing = input.existing.length === 0 ? '(none)' : input.existing.map((l) => `- ${l.code}: ${l.name}`).join('\n');
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: [
      ...trackLines(input.track),
      typeHint(input.track.type),
      '',
      'Levels the track already has, in order:',
      existing,
      '',
      'Propose the job levels of this track from the first to the most senior, in order. Codes are short and upper-case ' +
      '(e.g. IC1, M2); each description says what distinguishes the level from the one below.',
    ].join('\n') },
  ];
}

export function matrixRowPrompt(input: {
  track: TrackBrief; levels: readonly LevelBrief[]; competency: NamedItem; current: Readonly<Record<string, string>>;
}): ChatMessage[] {
  const codes = input.levels.map((l) => l.code);
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: [
      ...trackLines(input.track),
      `Competency: ${input.competency.id}: ${input.competency.name}${input.competency.description ? ` — ${input.competency.description}` : ''}`,
      '',
      `Level codes, in order from first to most senior: ${codes.join(', ')}`,
      'Levels and what is written so far for this competency:',
      ...input.levels.map((l) => `- ${l.code} (${l.name}): ${input.current[l.code] || '(blank)'}`),
      '',
      `Write one observable expectation for each level code (${codes.join(', ')}), in that order. ` +
      'Each level must clearly build on the one below it (broader scope, more autonomy, more impact); keep the texts already written as they are.',
    ].join('\n') },
  ];
}

export function rubricPrompt(input: {
  track: TrackBrief; dimension: string; competency: NamedItem | null; scale: readonly { score: number; label: string }[];
}): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: [
      ...trackLines(input.track),
      `Rubric dimension: ${input.dimension}`,
      `Assesses competency: ${input.competency ? `${input.competency.id}: ${input.competency.name}` : '(none)'}`,
      `Scores, lowest first: ${input.scale.map((s) => `${s.score}${s.label ? ` ${s.label}` : ''}`).join(', ')}`,
      '',
      'Write one descriptor per score an evaluator can tell apart from the neighbouring scores, keyed by the score number.',
    ].join('\n') },
  ];
}
