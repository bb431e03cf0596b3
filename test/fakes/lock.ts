/** LockService: one lock per scope. A test can make a lock busy (held by "another execution") to see timeouts. */
import type { CallLog } from './calls';
import { GasException } from './calls';
import type { Faked } from './types';

export class FakeLock implements Faked<GoogleAppsScript.Lock.Lock, 'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'> {
  held = false;
  /** Held by another execution: tryLock gives false and waitLock throws, as after a real timeout. */
  busy = false;
  /** How many times this execution acquired it (tests check writes happened under the lock). */
  acquisitions = 0;

  constructor(
    private readonly log: CallLog,
    readonly scope: 'Document' | 'Script' | 'User',
  ) {}

  tryLock(_timeoutInMillis: number): boolean {
    this.log.hit('Lock.tryLock');
    if (this.busy) return false;
    if (!this.held) this.acquisitions++;
    this.held = true;
    return true;
  }

  waitLock(_timeoutInMillis: number): void {
    this.log.hit('Lock.waitLock');
    if (this.busy) throw new GasException('Lock timeout: another process was holding the lock for too long.');
    if (!this.held) this.acquisitions++;
    this.held = true;
  }

  releaseLock(): void {
    this.log.hit('Lock.releaseLock');
    this.held = false;
  }

  hasLock(): boolean {
    this.log.hit('Lock.hasLock');
    return this.held;
  }
}

export class FakeLockService implements Faked<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'> {
  readonly documentLock: FakeLock;
  readonly scriptLock: FakeLock;
  readonly userLock: FakeLock;
  /** false models a script run outside a document: getDocumentLock() gives null, as the real one does. */
  inDocument = true;

  constructor(private readonly log: CallLog) {
    this.documentLock = new FakeLock(log, 'Document');
    this.scriptLock = new FakeLock(log, 'Script');
    this.userLock = new FakeLock(log, 'User');
  }

  getDocumentLock(): FakeLock {
    this.log.hit('LockService.getDocumentLock');
    return (this.inDocument ? this.documentLock : null) as FakeLock;
  }

  getScriptLock(): FakeLock {
    this.log.hit('LockService.getScriptLock');
    return this.scriptLock;
  }

  getUserLock(): FakeLock {
    this.log.hit('LockService.getUserLock');
    return this.userLock;
  }
}
