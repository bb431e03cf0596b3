import { todayIso } from '../../shared/validate/index';
import type { Store } from '../storage/store';

/** Points where a test can step into a publish; production passes none. */
export interface PublishHooks {
  /** Runs inside the publish transaction right after the new version row is written. */
  afterVersionInsert?(): void | Promise<void>;
}

export interface ServiceContext {
  store: Store;
  /** The clock: timestamps and the "today" review-by dates are validated against. */
  now(): Date;
  hooks?: PublishHooks;
}

export function serviceContext(store: Store, options: Partial<Omit<ServiceContext, 'store'>> = {}): ServiceContext {
  return { store, now: options.now ?? (() => new Date()), hooks: options.hooks };
}

export const timestamp = (ctx: ServiceContext): string => ctx.now().toISOString();
export const today = (ctx: ServiceContext): string => todayIso(ctx.now());
