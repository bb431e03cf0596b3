import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { z } from 'zod';
import type { ChatMessage } from '../../shared/ai/prompts';
import { describeFailure, INVALID_OUTPUT_MESSAGE, InvalidOutputError, isInvalidOutput, type AiFailure } from './failure';
import type { AiSettings } from './settings';

export interface AiRequest<T> {
  messages: ChatMessage[];
  schema: z.ZodType<T>;
  schemaName: string;
  /** Checks zod cannot express in a JSON schema (uniqueness, ...): a message makes the answer invalid. */
  check?: (value: T) => string | null;
}

export type AiCall<T> =
  | { ok: true; value: T; tokens: number; attempts: number }
  | { ok: false; failure: AiFailure; tokens: number; attempts: number };

export interface AiClient {
  readonly model: string;
  complete<T>(request: AiRequest<T>): Promise<AiCall<T>>;
}

/** One structured-output call with the real SDK; an answer that does not parse is asked for once more. */
export function createAiClient(settings: AiSettings & { apiKey: string }): AiClient {
  const openai = new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseUrl, maxRetries: settings.maxRetries, timeout: settings.timeoutMs });
  const model = settings.model;

  async function once<T>(req: AiRequest<T>): Promise<{ value: T | null; refusal: string | null; tokens: number }> {
    const completion = await openai.chat.completions.parse({ model, messages: req.messages, response_format: zodResponseFormat(req.schema, req.schemaName) });
    const tokens = completion.usage?.total_tokens ?? 0;
    const message = completion.choices[0]?.message;
    if (message?.refusal) return { value: null, refusal: message.refusal, tokens };
    if (message?.parsed === null || message?.parsed === undefined) throw Object.assign(new InvalidOutputError('empty answer'), { tokens });
    const problem = req.check?.(message.parsed as T) ?? null;
    if (problem) throw Object.assign(new InvalidOutputError(problem), { tokens });
    return { value: message.parsed as T, refusal: null, tokens };
  }

  return {
    model,
    async complete<T>(req: AiRequest<T>): Promise<AiCall<T>> {
      let tokens = 0;
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          const r = await once(req);
          tokens += r.tokens;
          if (r.refusal !== null) return { ok: false, tokens, attempts: attempt, failure: { outcome: 'refused', message: `The AI declined: ${r.refusal}` } };
          if (r.value !== null) return { ok: true, value: r.value, tokens, attempts: attempt };
        } catch (err) {
          if (isInvalidOutput(err)) {
            const t = (err as { tokens?: unknown }).tokens;
            tokens += typeof t === 'number' ? t : 0;
            if (attempt === 2) return { ok: false, tokens, attempts: attempt, failure: { outcome: 'invalid-output', message: INVALID_OUTPUT_MESSAGE } };
            continue;
          }
          const failure = describeFailure(err);
          if (failure) return { ok: false, tokens, attempts: attempt, failure };
          throw err;
        }
      }
      return { ok: false, tokens, attempts: 2, failure: { outcome: 'invalid-output', message: INVALID_OUTPUT_MESSAGE } };
    },
  };
}
