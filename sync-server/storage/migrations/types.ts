import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/** One schema change. Migrations run in `version` order, each once, all pending ones in one transaction. */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}
