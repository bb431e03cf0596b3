import { createAiRuntime, type AiRuntime } from '../../sync-server/ai/runtime';
import type { AiSettings } from '../../sync-server/ai/settings';
import { createApp } from '../../sync-server/app';
import { listAudit } from '../../sync-server/services/audit';
import { createToken } from '../../sync-server/services/tokens';
import { connectWorkbook } from '../../sync-server/services/workbooks';
import { contextFor } from '../services/fixtures';
import type { EngineHandle } from '../storage/engines';

export function testSettings(over: Partial<AiSettings> = {}): AiSettings {
  return { apiKey: 'sk-test', baseUrl: undefined, model: 'standin-model', dailyLimit: 200, timeoutMs: 1000, maxRetries: 0, cacheTtlMs: 600_000, ...over };
}

/** The app with the AI runtime of `settings`, on a fresh store with the mini workbook connected. */
export async function aiApp(h: EngineHandle, settings: AiSettings) {
  const services = contextFor(await h.open());
  await connectWorkbook(services, { spreadsheetId: 'mini', name: 'Mini Co', actor: 'admin@acme.test' });
  const ai: AiRuntime = createAiRuntime(settings);
  const app = createApp({ services, ai });
  const admin = (await createToken(services, { role: 'admin', label: 'Admin', actor: 'cli' })).token;
  const post = (path: string, body: unknown, token = admin) => app.request(`/v1/workbooks/mini/tracks/${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const aiAudit = () => listAudit(services.store.db, { action: 'ai.run' });
  return { services, ai, post, admin, aiAudit };
}
