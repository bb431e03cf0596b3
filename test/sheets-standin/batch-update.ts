/**
 * spreadsheets.batchUpdate on the stand-in: every request is applied to a copy, in order (later requests see what
 * earlier ones made, e.g. a tab added in the same batch); the first invalid request rejects the whole batch and
 * nothing is kept, as Google does.
 */
import { z } from 'zod';
import type { StandInSpreadsheet } from './model';
import { cellRequests } from './requests/cells';
import { InvalidRequest, type Ctx, type Handler, type Reply } from './requests/common';
import { metadataRequests } from './requests/metadata';
import { objectRequests } from './requests/objects';
import { sheetRequests } from './requests/sheets';

export { InvalidRequest } from './requests/common';

const HANDLERS: Record<string, Handler> = { ...sheetRequests, ...cellRequests, ...objectRequests, ...metadataRequests };

/** Request kinds the stand-in applies. Google knows more (mergeCells, addBanding, ...): those are refused here. */
export const SUPPORTED_REQUESTS = Object.keys(HANDLERS);

/** Kinds Google has that the stand-in does not apply: refused with a clear message rather than ignored. */
const KNOWN_UNSUPPORTED = new Set([
  'updateSpreadsheetProperties', 'mergeCells', 'unmergeCells', 'addBanding', 'updateBorders', 'appendCells', 'insertDimension',
  'deleteDimension', 'moveDimension', 'appendDimension', 'findReplace', 'copyPaste', 'cutPaste', 'sortRange', 'setDataValidation',
  'setBasicFilter', 'addFilterView', 'updateChartSpec', 'updateEmbeddedObjectPosition', 'duplicateSheet', 'addNamedRange',
  'updateConditionalFormatRule', 'pasteData', 'textToColumns', 'deleteRange', 'insertRange',
]);

/** Applies a batch to a copy of `ss` and returns it with the replies; throws InvalidRequest, leaving `ss` untouched. */
export function applyBatchUpdate(ss: StandInSpreadsheet, requests: unknown[]): { next: StandInSpreadsheet; replies: Reply[] } {
  const copy = structuredClone(ss);
  const replies = requests.map((request, i) => {
    if (request === null || typeof request !== 'object' || Array.isArray(request)) throw new InvalidRequest(`Invalid requests[${i}]: a request is an object with one kind.`);
    const kinds = Object.keys(request);
    if (kinds.length !== 1) throw new InvalidRequest(`Invalid requests[${i}]: exactly one kind of request must be set (found ${kinds.length}).`);
    const kind = kinds[0];
    if (!Object.hasOwn(HANDLERS, kind)) {
      if (KNOWN_UNSUPPORTED.has(kind)) throw new InvalidRequest(`Invalid requests[${i}].${kind}: this request kind is not supported by the stand-in.`);
      throw new InvalidRequest(`Invalid JSON payload received. Unknown name "${kind}" at 'requests[${i}]': Cannot find field.`);
    }
    const ctx: Ctx = { ss: copy, where: `Invalid requests[${i}].${kind}` };
    try {
      return HANDLERS[kind](ctx, (request as Record<string, unknown>)[kind]);
    } catch (e) {
      if (e instanceof z.ZodError) throw new InvalidRequest(`Invalid JSON payload received at 'requests[${i}].${kind}': ${e.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
      throw e;
    }
  });
  return { next: copy, replies };
}
