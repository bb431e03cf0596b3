/** Every suite `npm run bench` runs, in order. Add new suites here. */
import type { BenchSuite } from '../lib';
import { suite as pathsSuite } from './paths';
import { importsSuite } from './imports';
import { reportsSuite } from './reports';
import { serverSuite } from './server';
import { teamSuite } from './team';
import { validateSuite } from './validate';

export const suites: BenchSuite[] = [validateSuite, pathsSuite, serverSuite, importsSuite, reportsSuite, teamSuite];
