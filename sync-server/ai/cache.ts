import { createHash } from 'node:crypto';
import type { ChatMessage } from '../../shared/ai/prompts';
import type { ProposalItem } from '../../shared/ai/proposal';

/** The key of an identical request: same model, same schema, same prompt. */
export function requestKey(model: string, schemaName: string, messages: readonly ChatMessage[]): string {
  return createHash('sha256').update(JSON.stringify([model, schemaName, messages])).digest('hex');
}

/** Proposal items of recent model answers, in memory, each kept for `ttlMs`. */
export class ProposalCache {
  private readonly entries = new Map<string, { at: number; items: ProposalItem[] }>();

  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {}

  get(key: string): ProposalItem[] | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return structuredClone(e.items);
  }

  set(key: string, items: readonly ProposalItem[]): void {
    if (this.ttlMs <= 0) return;
    for (const [k, e] of this.entries) if (this.now() - e.at > this.ttlMs) this.entries.delete(k);
    this.entries.set(key, { at: this.now(), items: structuredClone([...items]) });
  }
}
