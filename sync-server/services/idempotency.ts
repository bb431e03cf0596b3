import type { VersionRow } from '../storage/schema';
import type { ServiceContext } from './context';
import { isServiceError, ServiceError } from './errors';
import { findByIdempotencyKey, publishResult, type PublishResult } from './versions';

export interface Outcome {
  result: PublishResult;
  /** True when the idempotency key had already produced this version: nothing was written this time. */
  replayed: boolean;
}

/**
 * The earlier answer for this key; undefined when the key is new. `matches` says whether the key's version answers
 * this request. Over HTTP the key is already scoped to the token, workbook and route (idempotency-keys.ts), so that
 * the version row also answers a retry after a crash or after the HTTP answer was forgotten.
 */
export async function replay(ctx: ServiceContext, key: string | undefined, matches: (r: VersionRow) => boolean): Promise<Outcome | undefined> {
  if (!key) return undefined;
  const row = await findByIdempotencyKey(ctx, key);
  if (!row) return undefined;
  if (!matches(row))
    throw new ServiceError('idempotency-key-reused', `This Idempotency-Key was already used for another request (version ${row.version} of track ${row.track_id}). Use a new key for a new request.`);
  return { result: await publishResult(ctx, row), replayed: true };
}

/**
 * Runs a version write; when it loses a race (stale version, duplicate key) to a request with the same key, the
 * winner's answer is the answer. Without a key, a duplicate version number is a lost race too: stale-version.
 */
export async function writeOnce(ctx: ServiceContext, key: string | undefined, matches: (r: VersionRow) => boolean, write: () => Promise<VersionRow>, stale: () => ServiceError): Promise<Outcome> {
  try {
    return { result: await publishResult(ctx, await write()), replayed: false };
  } catch (err) {
    const lostRace = isServiceError(err, 'stale-version') || ctx.store.dialect.isUniqueViolation(err);
    if (!lostRace) throw err;
    const earlier = await replay(ctx, key, matches);
    if (earlier) return earlier;
    throw isServiceError(err) ? err : stale();
  }
}
