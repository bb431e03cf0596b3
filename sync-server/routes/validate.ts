import { createRoute, z } from '@hono/zod-openapi';
import { listFindings, validateSnapshot } from '../../shared';
import { errorResponses } from '../errors';
import { FindingsAnswerSchema, WorkbookSnapshotDocSchema } from '../openapi-schemas';
import { anyone } from './openapi-parts';
import { createRouter } from './router';

const validate = createRoute({
  method: 'post',
  path: '/v1/validate',
  ...anyone('snapshot'),
  summary: 'Validate a workbook snapshot',
  description:
    'Checks a whole workbook snapshot against the workbook contract and the validation rules. The findings are the answer: ' +
    'a workbook with errors still gets 200, each finding naming sheet, A1 cell, severity, a stable code and a message.',
  tags: ['validation'],
  request: {
    query: z.object({
      today: z.iso.date().optional().openapi({ description: 'The date review-by dates are checked against (YYYY-MM-DD). Default: today (UTC).', example: '2026-03-31' }),
    }),
    body: { required: true, content: { 'application/json': { schema: WorkbookSnapshotDocSchema } } },
  },
  responses: {
    200: { description: 'The findings, in sheet, row, column order.', content: { 'application/json': { schema: FindingsAnswerSchema } } },
    ...errorResponses(400, 413, 415, 500),
  },
});

export interface ValidateRouteDeps {
  /** Today's date, YYYY-MM-DD, when the request does not say. */
  today: () => string;
}

export function validateRoutes(deps: ValidateRouteDeps) {
  return createRouter().openapi(validate, (c) => {
    const { today } = c.req.valid('query');
    const { findings, total } = listFindings(validateSnapshot(c.req.valid('json'), { today: today ?? deps.today() }));
    return c.json({ findings, totalFindings: total }, 200);
  });
}
