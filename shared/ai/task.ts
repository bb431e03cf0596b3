import type { z } from 'zod';
import type { ChatMessage, LevelBrief, NamedItem, TrackBrief } from './prompts';
import type { ProposalItem } from './proposal';
import type { Competency, Level, Track } from '../model';

/** One model call: the messages, the schema its answer must match, and how an answer becomes proposal items. */
export interface TaskSpec<T> {
  messages: ChatMessage[];
  schemaName: string;
  schema: z.ZodType<T>;
  /** Checks a JSON schema cannot express; a message makes the answer invalid (retried once). */
  check?: (value: T) => string | null;
  toItems: (value: T) => ProposalItem[];
}

/** A TaskSpec with its answer type hidden, so tasks of different shapes share one list. */
export interface GenerationTask {
  messages: ChatMessage[];
  schemaName: string;
  use<R>(visit: <T>(spec: TaskSpec<T>) => R): R;
}

export function task<T>(spec: TaskSpec<T>): GenerationTask {
  return { messages: spec.messages, schemaName: spec.schemaName, use: (visit) => visit(spec) };
}

/** Why a generation cannot be asked for with this workbook (unknown track, no matrix tab, ...). */
export class GenerationInputError extends Error {
  override name = 'GenerationInputError';
  constructor(readonly code: string, readonly status: 404 | 422, message: string) {
    super(message);
  }
}

export const trackBrief = (t: Track): TrackBrief => ({ id: t.id, name: t.name, type: t.type, description: t.description });
export const competencyBrief = (c: Competency): NamedItem => ({ id: c.id, name: c.name, description: c.description });
export const levelBrief = (l: Level): LevelBrief => ({ code: l.code, name: l.name, description: l.description });

/** The first duplicate among values (compared case-insensitively), or null. */
export function firstDuplicate(values: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const v of values) {
    const k = v.trim().toLowerCase();
    if (seen.has(k)) return v;
    seen.add(k);
  }
  return null;
}
