import { ServiceError } from './errors';

export const ROLES = ['admin', 'owner', 'manager', 'integrator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: what an API token resolves to. */
export interface Principal {
  tokenId: string;
  role: Role;
  label: string;
  /** Track ids the token is limited to; null = every track (of its workbook). */
  tracks: readonly string[] | null;
  /**
   * The one workbook the token may reach. null = an admin token for every workbook; a non-admin token is null only
   * when it was made before tokens were bound, until its first use on a workbook binds it (see tokens.ts).
   */
  workbookId: string | null;
  /** A manager token's email (lower case): whose team it stands for. null for the other roles. */
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

/** What each non-admin role may do; admins may do everything. Owners read the audit entries of their tracks only. */
const GRANTS: Record<Exclude<Role, 'admin'>, ReadonlySet<Action>> = {
  owner: new Set<Action>(['workbook.read', 'draft.write', 'draft.read', 'track.publish', 'track.rollback', 'versions.read', 'reports.read', 'learners.read', 'learners.write', 'ai.run', 'audit.read']),
  manager: new Set<Action>(['workbook.read', 'reports.read']),
  integrator: new Set<Action>(['workbook.read', 'versions.read', 'records.import', 'framework.import', 'framework.export']),
};

/** Each action in the words a person reads in a refusal: "An owner token cannot <words>". */
const ACTION_WORDS: Record<Action, string> = {
  'workbook.connect': 'connect a workbook to the server',
  'workbook.read': 'read a workbook',
  'draft.write': 'save drafts',
  'draft.read': 'read drafts',
  'track.publish': 'publish a track',
  'track.rollback': 'roll a track back to an earlier version',
  'versions.read': "read a track's versions",
  'reports.read': 'read or refresh reports',
  'learners.read': "read what employees' levels expect",
  'learners.write': "replace a workbook's employees",
  'records.import': 'import learner records',
  'framework.import': 'import frameworks',
  'framework.export': 'export tracks',
  'ai.run': 'ask the AI for proposals',
  'tokens.manage': 'create, list or revoke API tokens',
  'audit.read': 'read the audit log',
};

/** Roles whose tokens must name their tracks. */
export const SCOPED_ROLES: ReadonlySet<Role> = new Set<Role>(['owner']);
/** Roles whose tokens are bound to one workbook (admin tokens may be bound or global). */
export const BOUND_ROLES: ReadonlySet<Role> = new Set<Role>(['owner', 'manager', 'integrator']);

const roleMay = (role: Role, action: Action) => role === 'admin' || GRANTS[role].has(action);

/** The roles that may take an action, for the API reference and for refusals. */
export const rolesFor = (action: Action): Role[] => ROLES.filter((r) => roleMay(r, action));

const article = (role: Role) => (/^[aeiou]/.test(role) ? 'An' : 'A');
const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** Whether the token may reach this track (tokens for every track reach all of them). */
export const reachesTrack = (p: Principal, trackId: string) => p.tracks === null || p.tracks.includes(trackId);

/** Whether the token may reach this workbook: its own one, or any for a global admin token. */
export const reachesWorkbook = (p: Principal, workbookId: string) => (p.workbookId === null ? p.role === 'admin' : p.workbookId === workbookId);

/** A token made before tokens were bound to a workbook, not used on one since: its first use binds it. */
export const awaitsBinding = (p: Principal) => p.workbookId === null && BOUND_ROLES.has(p.role);

/** Why the principal may not take the action (on that track), in plain words; null when it may. */
export function refusal(p: Principal, action: Action, trackId?: string): string | null {
  if (!roleMay(p.role, action)) {
    const may = rolesFor(action).map((r) => (r === 'owner' ? 'track owner' : r));
    return `${article(p.role)} ${p.role} token cannot ${ACTION_WORDS[action]}; only ${list(may)} tokens can. Ask an admin to do it, or for a token that may.`;
  }
  if (trackId !== undefined && TRACK_ACTIONS.has(action) && !reachesTrack(p, trackId)) return trackRefusal(p, trackId);
  return null;
}

export const trackRefusal = (p: Principal, trackId: string) =>
  `This token is limited to track${p.tracks?.length === 1 ? '' : 's'} ${p.tracks?.join(', ') || '(none)'}; it cannot reach track ${trackId}. Ask an admin for a token that includes ${trackId}.`;

export const everyTrackRefusal = (p: Principal, action: Action) =>
  `This token is limited to track${p.tracks?.length === 1 ? '' : 's'} ${p.tracks?.join(', ') || '(none)'}; only a token for every track may ${ACTION_WORDS[action]}. Ask an admin to do it.`;

export const workbookRefusal = (p: Principal, workbookId: string) =>
  p.workbookId === null
    ? `This ${p.role} token is not bound to a workbook yet, so it cannot reach workbook ${workbookId}. Ask an admin to bind it (rungs token bind) or for a new token.`
    : `This token is for workbook ${p.workbookId}; it cannot reach workbook ${workbookId}. Use a token made for that workbook.`;

export function can(p: Principal, action: Action, trackId?: string): boolean {
  return refusal(p, action, trackId) === null;
}

/** Throws forbidden (403), in plain words, unless the principal may take the action (on that track). */
export function authorize(p: Principal, action: Action, trackId?: string): void {
  const why = refusal(p, action, trackId);
  if (why !== null) throw new ServiceError('forbidden', why);
}

/** Throws forbidden (403) unless the token may reach the workbook. Decided from the token alone: the answer is the same whether the workbook exists or not. */
export function authorizeWorkbook(p: Principal, workbookId: string): void {
  if (!reachesWorkbook(p, workbookId)) throw new ServiceError('forbidden', workbookRefusal(p, workbookId));
}

/** Throws forbidden (403) unless the token reaches this track. */
export function authorizeTrack(p: Principal, trackId: string): void {
  if (!reachesTrack(p, trackId)) throw new ServiceError('forbidden', trackRefusal(p, trackId));
}

/** The tracks of a list the principal may see with this action. */
export function visibleTracks<T extends { trackId: string }>(p: Principal, action: Action, items: readonly T[]): T[] {
  return items.filter((i) => can(p, action, i.trackId));
}
