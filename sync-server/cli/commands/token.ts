import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../../config';
import { ROLES } from '../../services/access';
import { serviceContext } from '../../services/context';
import { ServiceError } from '../../services/errors';
import { createToken, hasAdminToken, listTokens } from '../../services/tokens';
import { openStore } from '../../storage/store';
import { EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';

const USAGE = [
  'Usage: rungs token create --role admin|owner|manager|integrator --label <text> [--tracks ID,ID]',
  '       rungs token list [--json]',
].join('\n');

const CreateArgsSchema = z.object({
  role: z.enum(ROLES, { error: `--role must be one of: ${ROLES.join(', ')}` }),
  label: z.string().trim().min(1, '--label is required: say whose token it is, e.g. "Ana (HR admin)"'),
  tracks: z.array(z.string()).nullable(),
});

/** Creates and lists API tokens straight in the store the server uses (same environment: DATABASE_URL / RUNGS_DATA_DIR). */
export async function run(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { role: { type: 'string' }, label: { type: 'string' }, tracks: { type: 'string' }, json: { type: 'boolean', default: false } } });
  } catch (e) {
    io.err(`rungs token: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  const [action] = parsed.positionals;
  if (action !== 'create' && action !== 'list') {
    io.err(`rungs token: say "create" or "list".\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  const options = CreateArgsSchema.safeParse({
    role: parsed.values.role,
    label: parsed.values.label ?? '',
    tracks: parsed.values.tracks ? parsed.values.tracks.split(',').map((t) => t.trim()).filter(Boolean) : null,
  });
  if (action === 'create' && !options.success) {
    io.err(`rungs token: ${options.error.issues.map((i) => i.message).join('; ')}\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  const store = await openStore(loadConfig().storage);
  try {
    const ctx = serviceContext(store);
    if (action === 'list') {
      const tokens = await listTokens(ctx);
      io.out(parsed.values.json ? JSON.stringify(tokens, null, 2) : tokens.map((t) => `${t.tokenId}  ${t.role.padEnd(10)}  ${t.revokedAt ? 'revoked' : 'active '}  ${t.label}${t.tracks ? `  tracks: ${t.tracks.join(', ')}` : ''}`).join('\n') || 'No tokens yet. Create the first admin token with: rungs token create --role admin --label "<who>"');
      return EXIT_OK;
    }
    const input = options.data!;
    const first = !(await hasAdminToken(ctx));
    const { token, info } = await createToken(ctx, { role: input.role, label: input.label, tracks: input.tracks, actor: first ? 'cli (first admin)' : 'cli' });
    io.err(`Created ${info.role} token "${info.label}" (${info.tokenId}). It is shown once; only its hash is stored:`);
    io.out(token);
    return EXIT_OK;
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    io.err(`rungs token: ${e.message}\n${USAGE}`);
    return EXIT_UNUSABLE;
  } finally {
    await store.close();
  }
}
