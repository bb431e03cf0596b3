import { ServiceError } from './errors';

export const ROLES = ['admin', 'owner', 'manager', 'integrator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: what an API token resolves to. */
export interface Principal {
  tokenId: string;
  role: Role;
  label: string;
  /** Track ids the token is limited to; null = every track. */
  tracks: readonly string[] | null;
  /** The workbook the token is bound to; null = a token for every workbook (a global admin token). */
  workbookId: string | null;
  /** A manager token's email (whose team it may read); null otherwise. */
  email: string | null;
}

export type Action =
  | 'workbook.connect' | 'workbook.read'
  | 'draft.write' | 'draft.read' | 'track.publish' | 'track.rollback' | 'versions.read'
  | 'reports.read' | 'learners.read' | 'learners.write'
  | 'records.import' | 'framework.import' | 'framework.export' | 'ai.run'
  | 'tokens.manage' | 'audit.read';

/** Actions about one track's data: a token limited to some tracks may take them only on those tracks. */
const TRACK_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'draft.write', 'draft.read', 'track.publish', 'track.rollback', 'versions.read',
  'reports.read', 'learners.read', 'learners.write', 'records.import', 'framework.export', 'ai.run',
]);

const GRANTS: Record<Exclude<Role, 'admin'>, ReadonlySet<Action>> = {
  owner: new Set<Action>(['workbook.read', 'draft.write', 'draft.read', 'track.publish', 'track.rollback', 'versions.read', 'reports.read', 'learners.read', 'learners.write', 'ai.run']),
  manager: new Set<Action>(['workbook.read', 'reports.read']),
  integrator: new Set<Action>(['workbook.read', 'versions.read', 'records.import', 'framework.import', 'framework.export']),
};

/** Roles whose tokens must name their tracks. */
export const SCOPED_ROLES: ReadonlySet<Role> = new Set<Role>(['owner', 'manager']);

export function can(p: Principal, action: Action, trackId?: string): boolean {
  if (p.role !== 'admin' && !GRANTS[p.role].has(action)) return false;
  if (trackId !== undefined && TRACK_ACTIONS.has(action) && p.tracks !== null) return p.tracks.includes(trackId);
  return true;
}

/** Throws forbidden (403) unless the principal may take the action (on that track). */
export function authorize(p: Principal, action: Action, trackId?: string): void {
  if (can(p, action, trackId)) return;
  throw new ServiceError('forbidden', trackId !== undefined && TRACK_ACTIONS.has(action) && (p.role === 'admin' || GRANTS[p.role].has(action))
    ? `This token is limited to ${p.tracks?.join(', ') || 'no tracks'}; it cannot reach track ${trackId}.`
    : `A ${p.role} token may not do ${action}.`);
}

/** The tracks of a list the principal may see with this action. */
export function visibleTracks<T extends { trackId: string }>(p: Principal, action: Action, items: readonly T[]): T[] {
  return items.filter((i) => can(p, action, i.trackId));
}
