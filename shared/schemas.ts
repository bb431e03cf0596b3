import { z } from 'zod';
import { splitList } from './cells';
import { GATE_KINDS, SCOPES, TRACK_STATUSES, TRACK_TYPES, type GateKind } from './contract';
import type { Gate } from './model';

/**
 * Cell schemas: each takes the trimmed text of one cell and gives a typed value, or an issue whose
 * params.code is the finding's stable code. Every tab's row schema is built from these.
 */

type Ctx = z.core.$RefinementCtx<string>;

function fail(ctx: Ctx, code: string, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message, params: { code } });
  return z.NEVER;
}

export const ID_FORBIDDEN = /[,;\n]/;

/**
 * Fast readers: the value a cell schema gives a plainly good cell, or UNSURE when the cell is not plainly good (then
 * the schema reads it and says what is wrong). They follow the schemas' rules, are proven equal to them by a
 * property test (test/shared/fast-cells-property.test.ts), and exist because a zod run per cell was most of the
 * parse of a large workbook. A rule added to a schema belongs in its fast reader too.
 */
export const UNSURE: unique symbol = Symbol('unsure');
export type FastReader = (s: string) => unknown;
const fastReaders = new WeakMap<z.ZodType, FastReader>();

function withFastReader<S extends z.ZodType>(schema: S, read: FastReader): S {
  fastReaders.set(schema, read);
  return schema;
}

/** The fast reader of a cell schema made here, or undefined (then every cell goes through the schema). */
export function fastReaderOf(schema: z.ZodType): FastReader | undefined {
  return fastReaders.get(schema);
}

const readId: FastReader = (s) => (s !== '' && !ID_FORBIDDEN.test(s) ? s : UNSURE);
const readRequiredText: FastReader = (s) => (s !== '' ? s : UNSURE);

/** A required id: not blank, no list separators. */
export const idCell = (label: string) =>
  withFastReader(z.string().transform((s, ctx) => {
    if (s === '') return fail(ctx, 'missing-value', `${label} is empty. Every row needs one.`);
    if (ID_FORBIDDEN.test(s)) return fail(ctx, 'bad-id', `${label} "${s}" contains a comma or semicolon; ids are separated by commas in lists, so they cannot contain one.`);
    return s;
  }), readId);

export const requiredText = (label: string) =>
  withFastReader(z.string().transform((s, ctx) => (s === '' ? fail(ctx, 'missing-value', `${label} is empty.`) : s)), readRequiredText);

export const optionalText = withFastReader(z.string(), (s) => s);

/** Case-insensitive choice among fixed values; gives the canonical spelling. */
export function choiceCell<const T extends readonly string[]>(label: string, values: T, blank?: T[number]) {
  const byKey = new Map(values.map((v) => [v.toLowerCase(), v]));
  const choose = (s: string) => byKey.get(s.replace(/\s+/g, ' ').toLowerCase());
  /** Cells repeat a few spellings ("Active", "active"): each is looked up once. */
  const spelled = new Map<string, T[number]>(values.map((v) => [v, v]));
  const schema = z.string().transform((s, ctx): T[number] => {
    if (s === '') {
      if (blank !== undefined) return blank;
      return fail(ctx, 'missing-value', `${label} is empty. Choose one of: ${values.join(', ')}.`);
    }
    const hit = choose(s);
    if (hit === undefined) return fail(ctx, 'bad-enum', `${label} "${s}" is not one of: ${values.join(', ')}.`);
    return hit;
  });
  return withFastReader(schema, (s) => {
    if (s === '') return blank ?? UNSURE;
    const known = spelled.get(s);
    if (known !== undefined) return known;
    const hit = choose(s);
    if (hit === undefined) return UNSURE;
    if (spelled.size < 64) spelled.set(s, hit);
    return hit;
  });
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

export const emailCell = (label: string, required: boolean) =>
  withFastReader(z.string().transform((s, ctx) => {
    if (s === '') return required ? fail(ctx, 'missing-value', `${label} is empty.`) : '';
    if (!EMAIL.test(s)) return fail(ctx, 'bad-email', `${label} "${s}" is not an email address (like name@company.com).`);
    return s.toLowerCase();
  }), (s) => (s === '' ? (required ? UNSURE : '') : EMAIL.test(s) ? s.toLowerCase() : UNSURE));

/** ISO date "YYYY-MM-DD"; a full ISO timestamp (a Date cell sent by the add-on) keeps its date part. */
export function isoDate(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export const optionalDateCell = (label: string) =>
  withFastReader(z.string().transform((s, ctx): string | null => {
    if (s === '') return null;
    const d = isoDate(s);
    return d ?? fail(ctx, 'bad-date', `${label} "${s}" is not a date. Write it as YYYY-MM-DD, e.g. 2027-03-31.`);
  }), (s) => (s === '' ? null : isoDate(s) ?? UNSURE));

export const wholeNumberCell = (label: string, min: number) =>
  withFastReader(z.string().transform((s, ctx): number => {
    if (s === '') return fail(ctx, 'missing-value', `${label} is empty. Write a whole number from ${min}.`);
    const n = Number(s);
    if (!Number.isInteger(n) || n < min) return fail(ctx, 'bad-number', `${label} "${s}" is not a whole number from ${min} up.`);
    return n;
  }), (s) => {
    const n = Number(s);
    return s !== '' && Number.isInteger(n) && n >= min ? n : UNSURE;
  });

export const optionalNumberCell = (label: string, min: number) =>
  withFastReader(z.string().transform((s, ctx): number | null => {
    if (s === '') return null;
    const n = Number(s.replace(/,/g, ''));
    if (!Number.isFinite(n) || n < min) return fail(ctx, 'bad-number', `${label} "${s}" is not a number from ${min} up.`);
    return n;
  }), (s) => {
    if (s === '') return null;
    const n = Number(s.replace(/,/g, ''));
    return Number.isFinite(n) && n >= min ? n : UNSURE;
  });

/** A comma-separated list of ids. */
export const idListCell = withFastReader(z.string().transform((s) => splitList(s)), splitList);

/** Percent as people and Sheets write it: "70%", 70, or 0.7 (a percent-formatted cell's value). */
export function parsePercent(s: string): number | null {
  const t = s.trim();
  const pct = t.endsWith('%');
  const n = Number(pct ? t.slice(0, -1).trim() : t);
  if (t === '' || !Number.isFinite(n) || n < 0) return null;
  const value = pct ? n : n <= 1 ? n * 100 : n;
  if (value > 100) return null;
  return Math.round(value * 1e6) / 1e6;
}

const GATE = new RegExp(`^(${GATE_KINDS.join('|')})\\s*(?:>=|≥)\\s*([0-9.]+\\s*%?)$`, 'i');

function readGate(s: string): Gate | null | typeof UNSURE {
  if (s === '') return null;
  const m = GATE.exec(s.replace(/\s+/g, ' '));
  const pct = m ? parsePercent(m[2]) : null;
  if (!m || pct === null) return UNSURE;
  return { kind: m[1].toLowerCase() as GateKind, minPercent: pct, text: s };
}

export const gateCell = withFastReader(z.string().transform((s, ctx): Gate | null => {
  const gate = readGate(s);
  if (gate === UNSURE)
    return fail(ctx, 'bad-gate', `Gate "${s}" is not understood. Write "assessment >= 70%" (the track's rubric assessment) or "quiz >= 80%" (this module's own score), or leave it blank.`);
  return gate;
}), readGate);

export const trackFields = {
  id: idCell('Track ID'),
  name: requiredText('Track Name'),
  type: choiceCell('Track Type', TRACK_TYPES),
  ownerEmail: emailCell('Owner Email', false),
  status: choiceCell('Status', TRACK_STATUSES, 'Draft'),
  reviewBy: optionalDateCell('Review By'),
  description: optionalText,
};

export const levelFields = {
  trackId: idCell('Track ID'),
  code: idCell('Level Code'),
  name: requiredText('Level Name'),
  order: wholeNumberCell('Order', 1),
  description: optionalText,
};

export const competencyFields = {
  id: idCell('Competency ID'),
  name: requiredText('Competency Name'),
  scope: choiceCell('Scope', SCOPES),
  dependsOn: idListCell,
  description: optionalText,
};

export const positionFields = {
  id: idCell('Position ID'),
  title: requiredText('Position Title'),
  trackId: idCell('Track ID'),
  levelCode: idCell('Level Code'),
};

export const moduleFields = {
  id: idCell('Module ID'),
  title: requiredText('Module Title'),
  trackId: idCell('Track ID'),
  develops: idListCell,
  prerequisites: idListCell,
  gate: gateCell,
  durationHours: optionalNumberCell('Duration Hours', 0),
};

export const employeeFields = {
  id: idCell('Employee ID'),
  name: requiredText('Employee Name'),
  email: emailCell('Email', false),
  positionId: idCell('Position ID'),
  managerEmail: emailCell('Manager Email', false),
};

/** Row schemas of the fixed tabs: the typed shape of one row, inferred from the cell schemas. */
export const TrackRowSchema = z.object(trackFields);
export const LevelRowSchema = z.object(levelFields);
export const CompetencyRowSchema = z.object(competencyFields);
export const PositionRowSchema = z.object(positionFields);
export const ModuleRowSchema = z.object(moduleFields);
export const EmployeeRowSchema = z.object(employeeFields);
