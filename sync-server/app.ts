import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import packageJson from '../package.json' with { type: 'json' };
import { todayIso } from '../shared';
import { createAiRuntime, type AiRuntime } from './ai/runtime';
import { readAiSettings } from './ai/settings';
import { DEFAULT_AI_MODEL, DEFAULT_BODY_LIMIT_MB } from './config';
import { errorHandler } from './error-handler';
import { errorBody, HttpError } from './errors';
import { silentLogger, type Logger } from './log';
import { requestLog } from './middleware/request-log';
import { renderReference } from './reference-page';
import { healthRoutes } from './routes/health';
import { validationHook, type AppEnv } from './routes/router';
import { pathRoutes } from './routes/paths';
import { adminRoutes } from './routes/admin';
import { aiRoutes } from './routes/ai';
import { exchangeRoutes } from './routes/exchange';
import { RECORDS_UPLOAD_PATH, recordsRoutes } from './routes/records';
import { peopleRoutes } from './routes/people';
import { reportRoutes } from './routes/reports';
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
}

const DOC_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Rungs sync server',
    version: packageJson.version,
    description: 'Validates, stores and reports on competency-based career track workbooks authored in Google Sheets.',
  },
};

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}

/** The HTTP API, joined from the route modules in ./routes; `app.request()` runs it without a socket. */
export function createApp(options: AppOptions = {}) {
  const logger = options.logger ?? silentLogger;
  const maxBodyBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_MB * 1024 * 1024;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', requestLog(logger));
  const limit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new HttpError(413, 'body-too-large', `The request body is larger than the ${formatBytes(maxBodyBytes)} this server accepts.`);
    },
  });
  // Learner-record uploads stream (hundreds of MB) and their route counts the bytes itself. A body that states its
  // length within the limit goes on without bodyLimit, whose look at the raw body would make every later read of
  // it go through web streams (a third of a small request's cost); one without a length is counted as it comes.
  const declared = (c: { req: { header(name: string): string | undefined } }) => c.req.header('content-length') !== undefined && c.req.header('transfer-encoding') === undefined;
  app.use('/v1/*', (c, next) => (RECORDS_UPLOAD_PATH.test(c.req.path) || (declared(c) && Number(c.req.header('content-length')) <= maxBodyBytes) ? next() : limit(c, next)));

  app.route('/', healthRoutes());
  app.route('/', validateRoutes({ today: options.today ?? (() => todayIso()) }));
  app.route('/', pathRoutes());
  if (options.services) {
    app.route('/', workbookRoutes({ services: options.services }));
    app.route('/', adminRoutes({ services: options.services }));
    app.route('/', peopleRoutes({ services: options.services }));
    app.route('/', exchangeRoutes({ services: options.services }));
    app.route('/', recordsRoutes({ services: options.services }));
    app.route('/', reportRoutes({ services: options.services }));
    const ai = options.ai ?? createAiRuntime(readAiSettings({ apiKey: undefined, baseUrl: undefined, model: DEFAULT_AI_MODEL }));
    app.route('/', aiRoutes({ services: options.services, ai }));
  }

  app.doc31('/openapi.json', DOC_CONFIG);
  app.get('/reference', (c) => c.html(renderReference(app.getOpenAPI31Document(DOC_CONFIG))));

  app.notFound((c) => c.json(errorBody('not-found', `Nothing at ${c.req.method} ${c.req.path}. See /openapi.json for the API.`), 404));
  app.onError(errorHandler(logger));

  return app;
}

export type App = ReturnType<typeof createApp>;
