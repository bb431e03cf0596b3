import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../../config';
import { ROLES } from '../../services/access';
import { serviceContext } from '../../services/context';
import { ServiceError } from '../../services/errors';
import { bindToken, createToken, hasAdminToken, listTokens, scopeProblem, type TokenInfo } from '../../services/tokens';
import { openStore } from '../../storage/store';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';

const USAGE = [
  'Usage: rungs token create --role admin|owner|manager|integrator --label <text> [--workbook ID] [--tracks ID,ID] [--email EMAIL]',
  '       rungs token bind <tokenId> --workbook ID [--email EMAIL]',
  '       rungs token list [--json]',
].join('\n');

const CreateArgsSchema = z.object({
  role: z.enum(ROLES, { error: `--role must be one of: ${ROLES.join(', ')}` }),
  label: z.string().trim().min(1, '--label is required: say whose token it is, e.g. "Ana (HR admin)"'),
  tracks: z.array(z.string()).nullable(),
  workbookId: z.string().trim().min(1).nullable(),
  email: z.string().trim().min(1).nullable(),
});

/** `--tracks`, `--workbook` and `--email` as the service names them. */
const FLAG_OF: [RegExp, string][] = [[/name the tracks/, ' (--tracks ID,ID)'], [/bound to one workbook/, ' (--workbook <spreadsheetId>)'], [/manager's email/, ' (--email <address>)']];
const withFlag = (message: string) => message + (FLAG_OF.find(([re]) => re.test(message))?.[1] ?? '');

const describe = (t: TokenInfo) =>
  `${t.tokenId}  ${t.role.padEnd(10)}  ${t.revokedAt ? 'revoked' : 'active '}  ${t.label}` +
  `  workbook: ${t.workbookId ?? (t.role === 'admin' ? 'every' : 'not bound yet (bound on first use)')}` +
  (t.tracks ? `  tracks: ${t.tracks.join(', ')}` : '') + (t.email ? `  email: ${t.email}` : '');

/** Creates, binds and lists API tokens straight in the store the server uses (same environment: DATABASE_URL / RUNGS_DATA_DIR). */
export async function run(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: { role: { type: 'string' }, label: { type: 'string' }, tracks: { type: 'string' }, workbook: { type: 'string' }, email: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (e) {
    io.err(`rungs token: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  const [action, tokenId] = parsed.positionals;
  const misuse = (message: string) => {
    io.err(`rungs token: ${message}\n${USAGE}`);
    return EXIT_UNUSABLE;
  };
  if (action !== 'create' && action !== 'list' && action !== 'bind') return misuse('say "create", "bind" or "list".');
  const v = parsed.values;
  const options = CreateArgsSchema.safeParse({
    role: v.role, label: v.label ?? '', workbookId: v.workbook ?? null, email: v.email ?? null,
    tracks: v.tracks ? v.tracks.split(',').map((t) => t.trim()).filter(Boolean) : null,
  });
  if (action === 'create') {
    if (!options.success) return misuse(options.error.issues.map((i) => i.message).join('; '));
    const problem = scopeProblem(options.data.role, options.data);
    if (problem) return misuse(withFlag(problem));
  }
  if (action === 'bind' && (!tokenId || !v.workbook)) return misuse('bind needs the token id (from "rungs token list") and --workbook.');

  const store = await openStore(loadConfig().storage);
  try {
    const ctx = serviceContext(store);
    if (action === 'list') {
      const tokens = await listTokens(ctx);
      io.out(v.json ? JSON.stringify(tokens, null, 2) : tokens.map(describe).join('\n') || 'No tokens yet. Create the first admin token with: rungs token create --role admin --label "<who>"');
      return EXIT_OK;
    }
    if (action === 'bind') {
      const info = await bindToken(ctx, { tokenId: tokenId!, workbookId: v.workbook!, email: v.email, actor: 'cli' });
      io.err(`Bound ${info.role} token "${info.label}" (${info.tokenId}) to workbook ${info.workbookId}.`);
      return EXIT_OK;
    }
    const input = options.data!;
    const first = !(await hasAdminToken(ctx));
    const { token, info } = await createToken(ctx, { ...input, actor: first ? 'cli (first admin)' : 'cli' });
    io.err(`Created ${info.role} token "${info.label}" (${info.tokenId})${info.workbookId ? ` for workbook ${info.workbookId}` : ''}. It is shown once; only its hash is stored:`);
    io.out(token);
    return EXIT_OK;
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    // A token the store cannot bind (revoked, bound elsewhere) is a refusal, not a misuse of the command.
    if (action === 'bind') {
      io.err(`rungs token: ${e.message}`);
      return EXIT_FINDINGS;
    }
    io.err(`rungs token: ${e.message}\n${USAGE}`);
    return EXIT_UNUSABLE;
  } finally {
    await store.close();
  }
}
