import { OpenAPIHono } from '@hono/zod-openapi';
import { todayIso } from '../shared';
import { createAiRuntime, type AiRuntime } from './ai/runtime';
import { readAiSettings } from './ai/settings';
import { DEFAULT_AI_MODEL, DEFAULT_BODY_LIMIT_MB, DEFAULT_RATE_LIMITS } from './config';
import { errorHandler } from './error-handler';
import { errorBody } from './errors';
import { silentLogger, type Logger } from './log';
import { authenticateRequests, type RateLimits } from './middleware/authenticate';
import { declaredLengthOver } from './middleware/body-limit';
import { requestLog } from './middleware/request-log';
import { apiDocument } from './api-doc/document';
import { referenceRoutes } from './reference-page';
import { closeWhenFlooding } from './middleware/unread-body';
import { trackScope, workbookScope } from './middleware/workbook-scope';
import { healthRoutes } from './routes/health';
import { validationHook, type AppEnv } from './routes/router';
import { pathRoutes } from './routes/paths';
import { adminRoutes } from './routes/admin';
import { aiRoutes } from './routes/ai';
import { exchangeRoutes } from './routes/exchange';
import { RECORDS_UPLOAD_PATH, recordsRoutes } from './routes/records';
import { peopleRoutes } from './routes/people';
import { reportRoutes } from './routes/reports';
import { levelRoutes } from './routes/levels';
import { teamRoutes } from './routes/team';
import { workbookRoutes } from './routes/workbooks';
import type { ServiceContext } from './services/context';
import { validateRoutes } from './routes/validate';

export interface AppOptions {
  /** Largest accepted request body; whole workbooks are sent, so the default is generous (50 MB). */
  bodyLimitBytes?: number;
  /** The clock for review-by dates when a request does not name its date. */
  today?: () => string;
  logger?: Logger;
  /** Storage-backed services; without them the app serves only the stateless routes (validate, paths). */
  services?: ServiceContext;
  /** F6 AI generation; absent: the AI routes answer 503 ai-not-configured and everything else works. */
  ai?: AiRuntime;
  /** Requests a minute per token and per client address; default DEFAULT_RATE_LIMITS (main.ts passes the environment's). */
  limits?: Partial<RateLimits>;
}

/** The HTTP API, joined from the route modules in ./routes; `app.request()` runs it without a socket. */
export function createApp(options: AppOptions = {}) {
  const logger = options.logger ?? silentLogger;
  const maxBodyBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_MB * 1024 * 1024;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', requestLog(logger));
  app.use('*', closeWhenFlooding);
  // From the headers alone, before any body is read: who is calling, rate limits, the workbook and track of the URL.
  app.use('*', async (c, next) => {
    c.set('services', options.services);
    c.set('snapshotBodyBytes', maxBodyBytes);
    await next();
  });
  app.use('*', authenticateRequests(options.services, { ...DEFAULT_RATE_LIMITS, ...options.limits }));
  if (options.services) {
    app.use('/v1/workbooks/:spreadsheetId/*', workbookScope(options.services));
    app.use('/v1/workbooks/:spreadsheetId/tracks/:trackId/*', trackScope);
  }
  // Each route has its own body limit (../middleware/route-access.ts); this one, from Content-Length, holds for all.
  // Learner-record uploads stream (hundreds of MB) and their route counts the bytes itself.
  const declared = declaredLengthOver(maxBodyBytes);
  app.use('/v1/*', (c, next) => (RECORDS_UPLOAD_PATH.test(c.req.path) ? next() : declared(c, next)));

  app.route('/', healthRoutes(options.services?.store));
  app.route('/', validateRoutes({ today: options.today ?? (() => todayIso()) }));
  app.route('/', pathRoutes());
  if (options.services) {
    app.route('/', workbookRoutes({ services: options.services }));
    app.route('/', adminRoutes({ services: options.services }));
    app.route('/', peopleRoutes({ services: options.services }));
    app.route('/', exchangeRoutes({ services: options.services }));
    app.route('/', recordsRoutes({ services: options.services }));
    app.route('/', reportRoutes({ services: options.services }));
    app.route('/', teamRoutes({ services: options.services }));
    app.route('/', levelRoutes({ services: options.services }));
    const ai = options.ai ?? createAiRuntime(readAiSettings({ apiKey: undefined, baseUrl: undefined, model: DEFAULT_AI_MODEL }));
    app.route('/', aiRoutes({ services: options.services, ai }));
  }

  const document = apiDocument(app);
  app.get('/openapi.json', (c) => c.json(document()));
  app.route('/', referenceRoutes<AppEnv>());

  app.notFound((c) => c.json(errorBody('not-found', `Nothing at ${c.req.method} ${c.req.path}. See /openapi.json for the API.`), 404));
  app.onError(errorHandler(logger));

  return app;
}

export type App = ReturnType<typeof createApp>;
