/**
 * Cell schemas of learner-record CSVs, in the style of shared/schemas.ts: each takes a cell's trimmed text and
 * gives a typed value or an issue whose params.code is the finding's code.
 */
import { z } from 'zod';
import { COMPLETION_STATUSES, EVALUATOR_ROLES, type CompletionStatus, type EvaluatorRole } from '../records';

type Ctx = z.core.$RefinementCtx<string>;

function fail(ctx: Ctx, code: string, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message, params: { code } });
  return z.NEVER;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^((\d{4})-(\d{2})-(\d{2}))[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b/;
/**
 * A date with its month spelled out, as LMS reports print them: "Monday, 4 March 2024, 2:05 PM" (Moodle), "4 Mar
 * 2024", "March 4, 2024 14:05". The month's name makes it unambiguous.
 */
const DAY_MONTH_YEAR = /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})/i;
const MONTH_DAY_YEAR = /^(?:[a-z]+,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/i;
const CLOCK = /^(?:,?\s*(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?\s*$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthOf(name: string): number {
  const n = name.toLowerCase();
  const i = MONTHS.indexOf(n.slice(0, 3));
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i];
  return i >= 0 && (n.length === 3 || (n === 'sept' && i === 8) || full === n) ? i + 1 : 0;
}

/** A spelled-out date as ISO (a day, or a UTC timestamp when it has a time), or undefined. */
function spelledDate(text: string): string | undefined {
  const dmy = DAY_MONTH_YEAR.exec(text);
  const mdy = dmy ? null : MONTH_DAY_YEAR.exec(text);
  const m = dmy ?? mdy;
  if (!m) return undefined;
  const [day, month, year] = dmy ? [m[1], monthOf(m[2]), m[3]] : [m[2], monthOf(m[1]), m[3]];
  const clock = CLOCK.exec(text.slice(m[0].length));
  if (month === 0 || !clock) return undefined;
  const ymd = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isRealDay(year, String(month), day)) return undefined;
  if (clock[1] === undefined) return ymd;
  let hour = Number(clock[1]);
  const half = clock[4]?.toLowerCase();
  if (half && (hour < 1 || hour > 12)) return undefined;
  if (half === 'am' && hour === 12) hour = 0;
  if (half === 'pm' && hour !== 12) hour += 12;
  const [min, sec] = [Number(clock[2]), Number(clock[3] ?? 0)];
  if (hour > 23 || min > 59 || sec > 59) return undefined;
  return `${ymd}T${String(hour).padStart(2, '0')}:${clock[2]}:${String(sec).padStart(2, '0')}.000Z`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether y-m-d is a day of the Gregorian calendar (the check isoDate makes with a Date, without allocating one). */
function isRealDay(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

export type DateReading = { ok: true; value: string } | { ok: false; code: 'bad-date' | 'ambiguous-date'; reason: string };

/**
 * A record date: `YYYY-MM-DD` stays as it is; a date and time (ISO-8601 `2026-03-01T14:05:00Z`, `+02:00`, or the
 * LMS form `2026-03-01 14:05:00`, read as UTC when it names no zone) becomes an ISO UTC timestamp; so does a date whose
 * month is spelled out (`Monday, 4 March 2024, 2:05 PM`, `Mar 4, 2024`), read as UTC too. Day/month forms
 * like `03/04/2026` are refused: whether that is March 4 or 3 April cannot be known from the file.
 */
export function readRecordDate(text: string): DateReading {
  const day = DAY.exec(text);
  if (day && isRealDay(day[1], day[2], day[3])) return { ok: true, value: text };
  const m = DATE_TIME.exec(text);
  if (m && isRealDay(m[2], m[3], m[4])) {
    const [h, min, s] = [Number(m[5]), Number(m[6]), Number(m[7] ?? 0)];
    if (h < 24 && min < 60 && s < 60) {
      const time = `${m[5]}:${m[6]}:${m[7] ?? '00'}.${(m[8] ?? '.000').slice(1, 4).padEnd(3, '0')}`;
      const zone = (m[9] ?? 'Z').toUpperCase();
      // Already UTC: the text is the ISO form (building it is ~10x cheaper than a Date round trip, at 5M rows).
      if (zone === 'Z' || /^[+-]00:?(00)?$/.test(zone)) return { ok: true, value: `${m[1]}T${time}Z` };
      const offset = zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
      const ms = Date.parse(`${m[1]}T${time}${offset}`);
      if (Number.isFinite(ms)) return { ok: true, value: new Date(ms).toISOString() };
    }
  }
  const spelled = spelledDate(text);
  if (spelled !== undefined) return { ok: true, value: spelled };
  const slashed = SLASHED.exec(text);
  if (slashed) {
    const [a, b] = [Number(slashed[1]), Number(slashed[2])];
    if (a <= 12 && b <= 12 && a !== b) {
      return { ok: false, code: 'ambiguous-date', reason: `is ambiguous: it could be month ${a} day ${b} or day ${a} month ${b}. Write it as YYYY-MM-DD.` };
    }
  }
  return { ok: false, code: 'bad-date', reason: 'is not a date. Write it as YYYY-MM-DD or an ISO-8601 date and time (2026-03-01T14:05:00Z).' };
}

export const recordDateCell = (label: string, required: boolean) =>
  z.string().transform((s, ctx): string | null => {
    if (s === '') return required ? fail(ctx, 'missing-value', `${label} is empty.`) : null;
    const d = readRecordDate(s);
    return d.ok ? d.value : fail(ctx, d.code, `${label} "${s}" ${d.reason}`);
  });

/** Completion statuses as LMS exports spell them; SCORM's "passed" counts as completed (pass/fail is the score's job). */
const STATUS_WORDS: Record<string, CompletionStatus> = {
  enrolled: 'enrolled', enroled: 'enrolled', registered: 'enrolled', assigned: 'enrolled', 'not started': 'enrolled', 'not attempted': 'enrolled',
  // A "Completed" column of Yes / No (Moodle's report builder): not completed is enrolled, nothing more is known.
  'not completed': 'enrolled', 'not complete': 'enrolled', no: 'enrolled', yes: 'completed',
  'in progress': 'in_progress', started: 'in_progress', incomplete: 'in_progress', attempted: 'in_progress', browsed: 'in_progress',
  completed: 'completed', complete: 'completed', passed: 'completed', pass: 'completed', finished: 'completed',
  failed: 'failed', fail: 'failed', 'not passed': 'failed',
};

const EVALUATOR_WORDS: Record<string, EvaluatorRole> = {
  self: 'self', 'self assessment': 'self', 'self review': 'self', 'self evaluation': 'self',
  peer: 'peer', colleague: 'peer', coworker: 'peer', 'co worker': 'peer', teammate: 'peer',
  manager: 'manager', 'line manager': 'manager', 'direct manager': 'manager', supervisor: 'manager',
  evaluator: 'evaluator', assessor: 'evaluator', 'external evaluator': 'evaluator', external: 'evaluator', expert: 'evaluator', instructor: 'evaluator',
};

const wordKey = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, ' ').trim();

/** The canonical word a cell's text (or its synonym) names, or undefined. */
function synonymOf<T extends string>(words: Record<string, T>, s: string): T | undefined {
  return Object.hasOwn(words, s) ? words[s] : Object.hasOwn(words, wordKey(s)) ? words[wordKey(s)] : undefined;
}

function synonymCell<T extends string>(label: string, words: Record<string, T>, canonical: readonly T[]) {
  return z.string().transform((s, ctx): T => {
    if (s === '') return fail(ctx, 'missing-value', `${label} is empty. Use one of: ${canonical.join(', ')}.`);
    const hit = synonymOf(words, s);
    return hit ?? fail(ctx, 'bad-enum', `${label} "${s}" is not one of: ${canonical.join(', ')} (or a common synonym such as passed, in progress, supervisor).`);
  });
}

export const statusCell = (label: string) => synonymCell(label, STATUS_WORDS, COMPLETION_STATUSES);
export const evaluatorRoleCell = (label: string) => synonymCell(label, EVALUATOR_WORDS, EVALUATOR_ROLES);

/**
 * Fast readers: the value the cell schema of the same name gives for a good cell, or UNSURE when the cell is not
 * plainly good (then the row goes through zod, which says why). They use the same rules as the schemas above and
 * exist because a zod object per row is most of an import's time at millions of rows.
 */
export const UNSURE: unique symbol = Symbol('unsure');
export type FastReader = (s: string) => unknown;

/** Good dates already read: exports repeat the same days and times a lot, and reading a timestamp costs ~1 µs. */
const READ_DATES = new Map<string, string>();
const READ_DATES_MAX = 50_000;

export const fastRecordDate = (required: boolean): FastReader => (s) => {
  if (s === '') return required ? UNSURE : null;
  const known = READ_DATES.get(s);
  if (known !== undefined) return known;
  const d = readRecordDate(s);
  if (!d.ok) return UNSURE;
  if (READ_DATES.size >= READ_DATES_MAX) READ_DATES.clear();
  READ_DATES.set(s, d.value);
  return d.value;
};
export const fastStatus: FastReader = (s) => synonymOf(STATUS_WORDS, s) ?? UNSURE;
export const fastEvaluatorRole: FastReader = (s) => synonymOf(EVALUATOR_WORDS, s) ?? UNSURE;
export const fastPercentScore: FastReader = (s) => {
  if (s === '') return null;
  const n = readNumber(s);
  return n !== null && n >= 0 && n <= 100 ? n : UNSURE;
};
export const fastRubricScore: FastReader = (s) => (s === '' ? UNSURE : readNumber(s) ?? UNSURE);

/** A number as exports write it: "85", "85.5", "85 %"; a decimal comma is refused rather than guessed. */
function readNumber(s: string): number | null {
  const t = s.endsWith('%') ? s.slice(0, -1).trim() : s;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

/** A completion's score: a percent 0..100, blank when the module has no scored quiz. */
export const percentScoreCell = (label: string) =>
  z.string().transform((s, ctx): number | null => {
    if (s === '') return null;
    const n = readNumber(s);
    if (n === null) return fail(ctx, 'bad-number', `${label} "${s}" is not a number${s.includes(',') ? ' (write decimals with a dot: 85.5)' : ''}.`);
    if (n < 0 || n > 100) return fail(ctx, 'bad-score', `${label} ${s} is outside 0..100 (a percent).`);
    return n;
  });

/** An assessment's score: a number on the rubric's scale (the scale is checked against the published rubric). */
export const rubricScoreCell = (label: string) =>
  z.string().transform((s, ctx): number => {
    if (s === '') return fail(ctx, 'missing-value', `${label} is empty.`);
    const n = readNumber(s);
    return n ?? fail(ctx, 'bad-number', `${label} "${s}" is not a number${s.includes(',') ? ' (write decimals with a dot: 2.5)' : ''}.`);
  });
