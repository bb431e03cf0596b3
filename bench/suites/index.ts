/** Every suite `npm run bench` runs, in order. Add new suites here. */
import type { BenchSuite } from '../lib';
import { cliSuite } from './cli';
import { httpSuite } from './http';
import { pathsSuite } from './paths';
import { recordsSuite } from './records';
import { reportsSuite } from './reports';
import { validateSuite } from './validate';

export const suites: BenchSuite[] = [validateSuite, pathsSuite, httpSuite, recordsSuite, reportsSuite, cliSuite];
