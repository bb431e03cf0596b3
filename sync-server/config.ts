import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { REPORT_THRESHOLDS, type ReportThresholds } from '../shared/reports/thresholds';
import type { RateLimits } from './middleware/authenticate';
import type { StoreConfig } from './storage/store';
import { describeIssues } from './zod-issues';

const MB = 1024 * 1024;
export const DEFAULT_PORT = 8787;
/** Whole workbooks are sent at once: 150,000 matrix cells plus the other tabs fit comfortably. */
export const DEFAULT_BODY_LIMIT_MB = 50;
/** Loopback: `npm start` on a laptop is not reachable from the network unless HOST says so (the container sets 0.0.0.0). */
export const DEFAULT_HOST = '127.0.0.1';
/** How long a starting server waits for PostgreSQL to accept connections before it gives up. */
export const DEFAULT_DATABASE_WAIT_SECONDS = 30;

/**
 * The project's directory (where package.json is), found from this file: `sync-server/` in a clone, `dist/server/`
 * once built. The default store lives there whatever the current directory, so the CLI run from `examples/` and
 * the server started with `npm start` open the same one.
 */
export function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** `<project>/.data`, the embedded store's directory unless RUNGS_DATA_DIR (or the CLI's --data-dir) says otherwise. */
export const DEFAULT_DATA_DIR = join(projectRoot(), '.data');
export const DEFAULT_AI_MODEL = 'gpt-4o-mini';
export const DEFAULT_REPORT_REFRESH_MINUTES = 15;

/** Overrides of the report thresholds (shared/reports/thresholds.ts): numbers >= 0, known keys only. */
const ThresholdsSchema = z.strictObject(
  Object.fromEntries(Object.keys(REPORT_THRESHOLDS).map((k) => [k, z.number().min(0).optional()])) as Record<keyof ReportThresholds, z.ZodOptional<z.ZodNumber>>,
);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  HOST: z.string().min(1).default(DEFAULT_HOST),
  BODY_LIMIT_MB: z.coerce.number().positive().default(DEFAULT_BODY_LIMIT_MB),
  DATABASE_URL: z.string().trim().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .refine((u) => URL.canParse(u), 'must be a URL like postgres://user:password@host:5432/database').optional(),
  RUNGS_DATABASE_WAIT_SECONDS: z.coerce.number().min(0).max(3600).default(DEFAULT_DATABASE_WAIT_SECONDS),
  RUNGS_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  OPENAI_API_KEY: z.string().trim().optional(),
  OPENAI_BASE_URL: z.url('must be a URL').optional(),
  RUNGS_AI_MODEL: z.string().trim().default(DEFAULT_AI_MODEL),
  RUNGS_REPORT_REFRESH_MINUTES: z.coerce.number().min(0).max(24 * 60).default(DEFAULT_REPORT_REFRESH_MINUTES),
  RUNGS_REPORT_THRESHOLDS: z.string().optional().transform((text, ctx) => {
    if (text === undefined) return {};
    try {
      const parsed = ThresholdsSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: `must be a JSON object of report thresholds (${Object.keys(REPORT_THRESHOLDS).join(', ')}): ${describeIssues(parsed.error)}` });
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"calibrationOffset":0.75}' });
    }
    return z.NEVER;
  }),
});

export interface ServerConfig {
  port: number;
  host: string;
  bodyLimitBytes: number;
}

export interface Config extends ServerConfig {
  /** Embedded SQLite in RUNGS_DATA_DIR unless DATABASE_URL names a PostgreSQL server. */
  storage: StoreConfig;
  /** At start, how long an unreachable PostgreSQL is tried again before the server gives up. */
  databaseWaitMs: number;
  ai: {
    /** Absent: AI actions answer that no key is configured; everything else works. */
    apiKey: string | undefined;
    baseUrl: string | undefined;
    model: string;
  };
  /** Every workbook's reports are refreshed this often (and after each import); 0 turns the schedule off. */
  reportRefreshMinutes: number;
  /** Report thresholds that differ from REPORT_THRESHOLDS (RUNGS_REPORT_THRESHOLDS, JSON). */
  reportThresholds: Partial<ReportThresholds>;
  /** Rate limits per token and per client address (docs/security.md). */
  limits: RateLimits;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The whole configuration from the environment; blank variables count as unset; a bad value throws naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = EnvSchema.safeParse(blankAsUnset);
  if (!parsed.success) throw new ConfigError(`Bad environment: ${describeIssues(parsed.error)}`);
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    bodyLimitBytes: Math.round(e.BODY_LIMIT_MB * MB),
    storage: e.DATABASE_URL ? { engine: 'postgres', url: e.DATABASE_URL } : { engine: 'sqlite', dataDir: resolve(e.RUNGS_DATA_DIR) },
    databaseWaitMs: e.RUNGS_DATABASE_WAIT_SECONDS * 1000,
    ai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.RUNGS_AI_MODEL },
    reportRefreshMinutes: e.RUNGS_REPORT_REFRESH_MINUTES,
    reportThresholds: e.RUNGS_REPORT_THRESHOLDS,
    limits: readRateLimits(blankAsUnset),
  };
}

// ---- rate limits (docs/security.md) -------------------------------------------------------------------------

export const DEFAULT_RATE_LIMITS: RateLimits = { perTokenPerMinute: 1200, perAddressPerMinute: 120, trustedProxies: 0 };

const RateLimitEnvSchema = z.object({
  RUNGS_RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(0).default(DEFAULT_RATE_LIMITS.perTokenPerMinute),
  RUNGS_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(DEFAULT_RATE_LIMITS.perAddressPerMinute),
  RUNGS_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(DEFAULT_RATE_LIMITS.trustedProxies),
});

/** Requests a minute per token and per client address (0 = no limit), and the reverse proxies trusted to name the client. */
function readRateLimits(env: Record<string, string | undefined>): RateLimits {
  const parsed = RateLimitEnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Bad environment: ${describeIssues(parsed.error)}`);
  const e = parsed.data;
  return { perTokenPerMinute: e.RUNGS_RATE_LIMIT_PER_TOKEN, perAddressPerMinute: e.RUNGS_RATE_LIMIT_PER_ADDRESS, trustedProxies: e.RUNGS_TRUSTED_PROXIES };
}

/** Server settings from the environment; a bad value throws with the variable named. */
export function readServerConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const { port, host, bodyLimitBytes } = loadConfig(env);
  return { port, host, bodyLimitBytes };
}

/** Every environment variable loadConfig reads (docs/configuration.md lists them all; a test checks it). */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);
