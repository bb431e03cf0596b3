import { ProposalCache } from './cache';
import { createAiClient, type AiClient } from './client';
import type { AiSettings } from './settings';

/** What the AI routes share for the server's lifetime: settings, the client (null without a key) and the cache. */
export interface AiRuntime {
  settings: AiSettings;
  client: AiClient | null;
  cache: ProposalCache;
}

export function createAiRuntime(settings: AiSettings, options: { client?: AiClient; now?: () => number } = {}): AiRuntime {
  const { apiKey } = settings;
  const client = options.client ?? (apiKey ? createAiClient({ ...settings, apiKey }) : null);
  return { settings, client, cache: new ProposalCache(settings.cacheTtlMs, options.now) };
}
