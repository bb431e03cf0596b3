import type { AiOperation, Proposal, ProposalItem } from '../../shared/ai/proposal';
import type { GenerationTask } from '../../shared/ai/task';
import { HttpError } from '../errors';
import { appendAudit } from '../services/audit';
import { timestamp, type ServiceContext } from '../services/context';
import { requestKey } from './cache';
import type { AiFailure, AiOutcome } from './failure';
import { aiRunsToday } from './limits';
import type { AiRuntime } from './runtime';

export const NOT_CONFIGURED_MESSAGE =
  'AI is not configured on this server: set OPENAI_API_KEY (and OPENAI_BASE_URL for another OpenAI-compatible endpoint).';

const FAILURE_HTTP: Record<AiFailure['outcome'], { status: 422 | 502 | 503 | 504; code: string }> = {
  'invalid-output': { status: 502, code: 'ai-invalid-output' },
  refused: { status: 422, code: 'ai-refused' },
  'rate-limited': { status: 503, code: 'ai-rate-limited' },
  'upstream-error': { status: 502, code: 'ai-upstream-error' },
  timeout: { status: 504, code: 'ai-timeout' },
};

/** 503 ai-not-configured when the server has no key. */
export function requireConfigured(ai: AiRuntime): NonNullable<AiRuntime['client']> {
  if (!ai.client) throw new HttpError(503, 'ai-not-configured', NOT_CONFIGURED_MESSAGE);
  return ai.client;
}

export interface RunInput {
  spreadsheetId: string;
  trackId: string;
  operation: AiOperation;
  actor: string;
  tasks: readonly GenerationTask[];
  /** Regenerate: ask the model again even when an identical request is cached (the new answer replaces it). */
  fresh?: boolean;
}

/**
 * Runs a generation's model calls (or serves them from the cache), records the run in the audit log whatever its
 * outcome, and answers a proposal. A failure throws an HttpError with a plain message; nothing is ever written.
 */
export async function runGeneration(services: ServiceContext, ai: AiRuntime, input: RunInput): Promise<Proposal> {
  const client = requireConfigured(ai);
  const used = await aiRunsToday(services.store.db, input.spreadsheetId, services.now());
  if (used >= ai.settings.dailyLimit)
    throw new HttpError(429, 'ai-daily-limit', `This workbook has used its ${ai.settings.dailyLimit} AI runs for today (UTC). Try again tomorrow, or raise RUNGS_AI_DAILY_LIMIT.`);

  const items: ProposalItem[] = [];
  let tokens = 0;
  let calls = 0;
  let cachedCalls = 0;
  let failure: AiFailure | null = null;
  for (const t of input.tasks) {
    const key = requestKey(client.model, t.schemaName, t.messages);
    const hit = input.fresh ? undefined : ai.cache.get(key);
    if (hit) {
      cachedCalls++;
      items.push(...hit);
      continue;
    }
    calls++;
    const made = await t.use(async (spec) => {
      const r = await client.complete(spec);
      tokens += r.tokens;
      return r.ok ? { items: spec.toItems(r.value), failure: null } : { items: [], failure: r.failure };
    });
    if (made.failure) {
      failure = made.failure;
      break;
    }
    ai.cache.set(key, made.items);
    items.push(...made.items);
  }

  const outcome: AiOutcome = failure ? failure.outcome : calls === 0 && cachedCalls > 0 ? 'cached' : 'ok';
  await appendAudit(services.store.db, {
    at: timestamp(services), actor: input.actor, action: 'ai.run', workbookId: input.spreadsheetId, trackId: input.trackId,
    details: {
      operation: input.operation, model: client.model, tokens, outcome, calls, cachedCalls,
      items: failure ? 0 : items.length, ...(failure ? { message: failure.message } : {}),
    },
  });
  if (failure) {
    const { status, code } = FAILURE_HTTP[failure.outcome];
    throw new HttpError(status, code, failure.message);
  }
  return { operation: input.operation, trackId: input.trackId, model: client.model, cached: outcome === 'cached', items };
}
