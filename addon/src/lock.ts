/**
 * The document lock around anything that writes, so two Rungs actions (two editors, or a menu click during a
 * sidebar call) never interleave their writes. getDocumentLock() is null outside a document: then there is no
 * one to race with and the work runs unlocked.
 */
const LOCK_WAIT_MS = 30_000;

/** Another execution held the document lock for longer than we wait. */
export class LockBusyError extends Error {
  constructor() {
    super('Rungs: another Rungs action is changing this workbook. Try again in a moment.');
    this.name = 'LockBusyError';
  }
}

export function withDocumentLock<T>(work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock) return work();
  // Already held by this execution (an action calling another): the outer call releases it.
  if (lock.hasLock()) return work();
  try {
    lock.waitLock(LOCK_WAIT_MS);
  } catch {
    throw new LockBusyError();
  }
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
