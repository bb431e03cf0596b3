import { z } from '@hono/zod-openapi';
import { isStorableText, STORABLE_TEXT_MESSAGE } from '../../shared/storable-text';

/** Pieces every route module's OpenAPI definitions share. */

/** A path parameter id (spreadsheet, track, employee, position, token). */
export const Id = z.string().min(1).max(200).refine(isStorableText, { message: STORABLE_TEXT_MESSAGE });

/** Free text a request stores (a name, a note): at most `max` characters, none that cannot be stored. */
export const StoredText = (max: number) => z.string().max(max).refine(isStorableText, { message: STORABLE_TEXT_MESSAGE });

/** Who may call a route, checked before its body is read: spread into createRoute(). */
export { Auth, anyone, requires } from '../middleware/route-access';

/** A JSON response of this schema. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { 'application/json': { schema } } });

/** A required JSON request body of this schema. */
export const body = <S extends z.ZodType>(schema: S) => ({ required: true, content: { 'application/json': { schema } } });
