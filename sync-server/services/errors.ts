import { listFindings, type Finding } from '../../shared/findings';

/** Why a service refused, with the HTTP status a route answers with. */
export const ERROR_STATUS = {
  'bad-request': 400,
  'unknown-workbook': 404,
  'unknown-track': 404,
  'unknown-draft': 404,
  'unknown-version': 404,
  'unknown-token': 404,
  'invalid-token-request': 400,
  'workbook-mismatch': 422,
  'has-errors': 422,
  'idempotency-key-reused': 422,
  'stale-version': 409,
  'already-active': 409,
  unauthorized: 401,
  forbidden: 403,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export class ServiceError extends Error {
  override name = 'ServiceError';
  readonly status: ErrorStatus;
  /** For `has-errors`: the findings, as many as an answer lists (the message says when some are left out). */
  readonly findings?: Finding[];

  constructor(
    readonly code: ErrorCode,
    message: string,
    findings?: readonly Finding[],
    /** How many findings there are when `findings` is already a listed part of them. */
    total?: number,
  ) {
    const listed = findings && listFindings(findings);
    const all = Math.max(total ?? 0, listed?.total ?? 0);
    const cut = listed && listed.findings.length < all;
    super(cut ? `${message} ${listed.findings.length} of the ${all} findings are listed, errors first.` : message);
    this.status = ERROR_STATUS[code];
    this.findings = listed?.findings;
  }
}

export function isServiceError(err: unknown, code?: ErrorCode): err is ServiceError {
  return err instanceof ServiceError && (code === undefined || err.code === code);
}
