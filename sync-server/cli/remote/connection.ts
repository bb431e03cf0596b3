import { z } from 'zod';

/** Where the commands that act on a running server send their requests, and as whom. */
export interface Connection {
  /** The server's base URL without a trailing slash, e.g. http://127.0.0.1:8787. */
  server: string;
  token: string;
}

/** The parseArgs options every server command takes. */
export const CONNECTION_OPTIONS = { server: { type: 'string' }, token: { type: 'string' } } as const;

/** The usage lines every server command prints for those options. */
export const CONNECTION_USAGE = [
  '  --server URL     the running server (default: $RUNGS_SERVER), e.g. http://127.0.0.1:8787',
  '  --token TOKEN    an API token from "rungs token create" (default: $RUNGS_TOKEN)',
];

const ServerSchema = z
  .string()
  .trim()
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'the server must be an http:// or https:// URL, e.g. http://127.0.0.1:8787')
  .transform((s) => s.replace(/\/+$/, ''));

/** True when the command line or the environment names a server (what switches `import --records` to the server). */
export function wantsServer(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return (flag ?? env.RUNGS_SERVER ?? '').trim() !== '';
}

/** The connection from --server/--token, else RUNGS_SERVER/RUNGS_TOKEN; a string says what is missing or wrong. */
export function readConnection(flags: { server?: string; token?: string }, env: NodeJS.ProcessEnv = process.env): Connection | string {
  const serverText = (flags.server ?? env.RUNGS_SERVER ?? '').trim();
  if (serverText === '') return 'Which server? Pass --server http://127.0.0.1:8787 (where "npm start" listens) or set RUNGS_SERVER.';
  const server = ServerSchema.safeParse(serverText);
  if (!server.success) return `--server "${serverText}": ${server.error.issues[0].message}.`;
  const token = (flags.token ?? env.RUNGS_TOKEN ?? '').trim();
  if (token === '') return 'No API token: pass --token or set RUNGS_TOKEN. Create one on the server\'s machine with: rungs token create --role admin --label "<who>"';
  return { server: server.data, token };
}
