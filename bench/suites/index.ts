/** Every suite `npm run bench` runs, in order. Add new suites here. */
import type { BenchSuite } from '../lib';
import { authSuite } from './auth';
import { cliSuite } from './cli';
import { httpSuite } from './http';
import { interopSuite } from './interop';
import { pathsSuite } from './paths';
import { recordsSuite } from './records';
import { reportsSuite } from './reports';
import { teamSuite } from './team';
import { validateSuite } from './validate';

export const suites: BenchSuite[] = [validateSuite, pathsSuite, httpSuite, recordsSuite, reportsSuite, cliSuite, interopSuite, authSuite, teamSuite];
