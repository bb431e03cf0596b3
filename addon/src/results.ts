/** Building SidebarResult values, and turning the few expected exceptions (a busy lock, bad input) into them. */
import type { z } from 'zod';
import { LockBusyError } from './lock';
import type { SidebarError, SidebarErrorCode, SidebarResult } from './sidebar-api';

export const ok = <T>(value: T): SidebarResult<T> => ({ ok: true, value });

export function fail<T = never>(code: SidebarErrorCode, message: string): SidebarResult<T> {
  return { ok: false, error: { code, message } };
}

/** Thrown inside an action to stop it with an error value (caught by `answer`). */
export class SidebarFailure extends Error {
  constructor(readonly error: SidebarError) {
    super(error.message);
    this.name = 'SidebarFailure';
  }
}

/** Runs an action: expected failures become error values; anything else is a bug and stays thrown. */
export function answer<T>(work: () => T): SidebarResult<T> {
  try {
    return ok(work());
  } catch (e) {
    if (e instanceof SidebarFailure) return { ok: false, error: e.error };
    if (e instanceof LockBusyError) return fail('busy', e.message);
    throw e;
  }
}

/** Parses what the sidebar sent; a mismatch is 'bad-input' naming the first problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the request';
  throw new SidebarFailure({ code: 'bad-input', message: `The sidebar sent something unusable (${where}: ${issue?.message ?? 'invalid'}). Reload the sidebar and try again.` });
}
