import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema';

/** 00:00 UTC of the day `now` falls in, as the ISO text the audit log stores. */
export const dayStartIso = (now: Date) => `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;

/** AI runs of a workbook recorded in the audit log since 00:00 UTC today. */
export async function aiRunsToday(db: Kysely<Database>, workbookId: string, now: Date): Promise<number> {
  const r = await db.selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'ai.run')
    .where('workbook_id', '=', workbookId)
    .where('at', '>=', dayStartIso(now))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
