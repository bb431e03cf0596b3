import type { Config } from '../config';

export const DEFAULT_AI_DAILY_LIMIT = 200;
export const DEFAULT_AI_TIMEOUT_MS = 60_000;
export const DEFAULT_AI_CACHE_MINUTES = 10;

export interface AiSettings {
  /** Absent: every AI route answers 503 ai-not-configured. */
  apiKey: string | undefined;
  baseUrl: string | undefined;
  model: string;
  /** Runs per workbook per UTC day (RUNGS_AI_DAILY_LIMIT). */
  dailyLimit: number;
  /** Per model call (RUNGS_AI_TIMEOUT_MS). */
  timeoutMs: number;
  /** SDK retries on 429/5xx/connection errors. */
  maxRetries: number;
  /** How long an identical request is answered from the cache (RUNGS_AI_CACHE_MINUTES). */
  cacheTtlMs: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Bad environment: ${name} must be a whole number >= 0, not "${raw}".`);
  return n;
}

/** The AI settings: key, base URL and model from config.ts, limits from RUNGS_AI_* variables. */
export function readAiSettings(ai: Config['ai'], env: NodeJS.ProcessEnv = process.env): AiSettings {
  return {
    apiKey: ai.apiKey,
    baseUrl: ai.baseUrl,
    model: ai.model,
    dailyLimit: positiveInt(env, 'RUNGS_AI_DAILY_LIMIT', DEFAULT_AI_DAILY_LIMIT),
    timeoutMs: positiveInt(env, 'RUNGS_AI_TIMEOUT_MS', DEFAULT_AI_TIMEOUT_MS),
    maxRetries: 1,
    cacheTtlMs: positiveInt(env, 'RUNGS_AI_CACHE_MINUTES', DEFAULT_AI_CACHE_MINUTES) * 60_000,
  };
}
