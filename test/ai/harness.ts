import { createAiRuntime, type AiRuntime } from '../../sync-server/ai/runtime';
import type { AiSettings } from '../../sync-server/ai/settings';
import { errorHandler } from '../../sync-server/error-handler';
import { silentLogger } from '../../sync-server/log';
import { aiRoutes } from '../../sync-server/routes/ai';
import { createRouter } from '../../sync-server/routes/router';
import { listAudit } from '../../sync-server/services/audit';
import { createToken } from '../../sync-server/services/tokens';
import { connectWorkbook } from '../../sync-server/services/workbooks';
import { contextFor } from '../services/fixtures';
import type { EngineHandle } from '../storage/engines';

export function testSettings(over: Partial<AiSettings> = {}): AiSettings {
  return { apiKey: 'sk-test', baseUrl: undefined, model: 'standin-model', dailyLimit: 200, timeoutMs: 1000, maxRetries: 0, cacheTtlMs: 600_000, ...over };
}

/** A small app with only the AI routes and the error handler, on a fresh embedded store with the mini workbook connected. */
export async function aiApp(h: EngineHandle, settings: AiSettings) {
  const services = contextFor(await h.open());
  await connectWorkbook(services, { spreadsheetId: 'mini', name: 'Mini Co', actor: 'admin@acme.test' });
  const ai: AiRuntime = createAiRuntime(settings);
  const app = createRouter().route('/', aiRoutes({ services, ai }));
  app.onError(errorHandler(silentLogger));
  const admin = (await createToken(services, { role: 'admin', label: 'Admin', actor: 'cli' })).token;
  const post = (path: string, body: unknown, token = admin) => app.request(`/v1/workbooks/mini/tracks/${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const aiAudit = () => listAudit(services.store.db, { action: 'ai.run' });
  return { services, ai, post, admin, aiAudit };
}
