import OpenAI from 'openai';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/core/error';
import { ZodError } from 'zod';

export const AI_OUTCOMES = ['ok', 'cached', 'invalid-output', 'refused', 'rate-limited', 'upstream-error', 'timeout'] as const;
export type AiOutcome = (typeof AI_OUTCOMES)[number];

export interface AiFailure {
  outcome: Exclude<AiOutcome, 'ok' | 'cached'>;
  message: string;
}

/** Answers the model gave that do not parse: retried once, then reported. */
export class InvalidOutputError extends Error {
  override name = 'InvalidOutputError';
}

export function isInvalidOutput(err: unknown): boolean {
  return err instanceof ZodError || err instanceof SyntaxError || err instanceof InvalidOutputError
    || err instanceof LengthFinishReasonError;
}

/** A thrown SDK error as a plain-language failure. */
export function describeFailure(err: unknown): AiFailure | undefined {
  if (err instanceof OpenAI.APIConnectionTimeoutError)
    return { outcome: 'timeout', message: 'The AI service did not answer in time. Try again, or generate less at once.' };
  if (err instanceof OpenAI.RateLimitError) {
    const after = err.headers?.get('retry-after');
    return { outcome: 'rate-limited', message: `The AI service is rate limiting this server${after ? `; try again in ${after} seconds` : '; try again later'}.` };
  }
  if (err instanceof ContentFilterFinishReasonError)
    return { outcome: 'refused', message: "The AI service's content filter stopped the answer. Nothing was written." };
  if (err instanceof OpenAI.APIConnectionError)
    return { outcome: 'upstream-error', message: 'The AI service could not be reached. Check OPENAI_BASE_URL and the network.' };
  if (err instanceof OpenAI.APIError)
    return { outcome: 'upstream-error', message: `The AI service failed (HTTP ${err.status ?? 'error'}). Try again later.` };
  return undefined;
}

export const INVALID_OUTPUT_MESSAGE = 'The AI answer did not match the expected format twice in a row, so nothing was proposed. Try again.';
