import { expect, it } from 'vitest';
import { createAiRuntime } from '../../sync-server/ai/runtime';
import { aiRoutes } from '../../sync-server/routes/ai';
import { serviceContext } from '../../sync-server/services/context';
import type { Store } from '../../sync-server/storage/store';
import { testSettings } from './harness';

it('the AI routes document themselves in the OpenAPI document', () => {
  const services = serviceContext({} as Store);
  const router = aiRoutes({ services, ai: createAiRuntime(testSettings({ apiKey: undefined })) });
  const doc = router.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '0' } });
  expect(Object.keys(doc.paths ?? {}).sort()).toEqual(['competencies', 'levels', 'matrix', 'rubric'].map((op) => `/v1/workbooks/{spreadsheetId}/tracks/{trackId}/ai/${op}`));
  expect(doc.components?.schemas?.AiProposal).toBeDefined();
});
