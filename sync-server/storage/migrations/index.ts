import { initial } from './001_initial';
import { employees } from './002_employees';
import { reportRefreshes } from './003_report_refreshes';
import { learnerRecords } from './004_learner_records';
import { tokenBinding } from './005_token_binding';
import { sharedItems } from './006_shared_items';
import type { Migration } from './types';

/** Every migration, oldest first. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [initial, employees, reportRefreshes, learnerRecords, tokenBinding, sharedItems];

export type { Migration };
