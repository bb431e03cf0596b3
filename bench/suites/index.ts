/** Every suite `npm run bench` runs, in order. Add new suites here. */
import type { BenchSuite } from '../lib';
import { authSuite } from './auth';
import { suite as pathsSuite } from './paths';
import { importsSuite } from './imports';
import { interopSuite } from './interop';
import { reportsSuite } from './reports';
import { serverSuite } from './server';
import { teamSuite } from './team';
import { validateSuite } from './validate';

export const suites: BenchSuite[] = [validateSuite, pathsSuite, serverSuite, importsSuite, reportsSuite, interopSuite, authSuite, teamSuite];
