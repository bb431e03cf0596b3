/**
 * Every CASE package Rungs writes passes 1EdTech's official CASE v1.1 CFPackage JSON schema: the examples, generated
 * workbooks, workbooks made by importing real Moodle and CASE files, and odd text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../shared';
import { importCase } from '../../shared/formats/case';
import { importMoodle } from '../../shared/formats/moodle';
import { run as runExport } from '../../sync-server/cli/commands/export';
import { bufferIO } from '../../sync-server/cli/io';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { exportFramework } from '../../sync-server/services/exchange';
import { MEDIUM, SMALL } from '../generator/workbooks';
import { generateWorkbook } from '../support/generate-workbook';
import { caseSchemaErrors, SCHEMA_DRAFT } from './case-validator';
import { asSnapshot, EXAMPLES, moodleFixtureText, OPENSALT_PACKAGES, packageText, SBAC_CLAIM2, SBAC_CONTENT_SPEC, tempFolders } from './helpers';
import { STATE_STANDARD, stateStandard } from './state-standard';

const WHEN = '2026-11-23T12:00:00Z';
const caseOf = (snapshot: WorkbookSnapshot, hasSpreadsheetId = false) => JSON.parse(exportFramework(snapshot, 'case', { changedAt: WHEN, hasSpreadsheetId }).content ?? 'null') as unknown;

describe('the official schema, as the tests use it', () => {
  it('is draft 2019-09 and rejects the CASE 1.0 shapes real servers wrote (so a pass means something)', () => {
    expect(SCHEMA_DRAFT).toContain('2019-09');
    const errors = caseSchemaErrors(JSON.parse(readFileSync(OPENSALT_PACKAGES[0], 'utf8')));
    expect(errors).toContain('/CFDocument must NOT have additional properties (CFPackageURI)');
    expect(errors).toContain('/CFItems/0 must NOT have additional properties (CFDocumentURI)');
    expect(caseSchemaErrors({ CFDocument: { identifier: 'not-a-uuid', uri: 'x', creator: 'c', title: 't', lastChangeDateTime: '2026-11-23T12:00:00' } })).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\/CFDocument\/identifier must match format "uuid"/), expect.stringMatching(/^\/CFDocument\/lastChangeDateTime must match format "date-time"/),
    ]));
  });
});

describe('CASE export passes the official CASE v1.1 CFPackage schema', () => {
  it.each(EXAMPLES.map((p) => [p.split('/').pop() as string, p]))('the example workbook %s', async (_, path) => {
    const pkg = caseOf(await loadWorkbook(path));
    expect(caseSchemaErrors(pkg)).toEqual([]);
    expect(pkg).toMatchObject({ CFDocument: { caseVersion: '1.1' } });
  });

  it.each([['small', SMALL], ['medium', MEDIUM]])('the %s generated workbook', (_, options) => {
    expect(caseSchemaErrors(caseOf(generateWorkbook(options), true))).toEqual([]);
  });

  it('the workbook a Moodle import of the OECD framework makes (hierarchy, cross references, levels)', () => {
    expect(caseSchemaErrors(caseOf(asSnapshot(importMoodle(moodleFixtureText()), 'oecd')))).toEqual([]);
  });

  it.each([
    ...OPENSALT_PACKAGES.map((p) => [p.split('/').pop() as string, () => readFileSync(p, 'utf8')] as const),
    ['sbac-math-content-spec', () => packageText(SBAC_CONTENT_SPEC)] as const,
    ['sbac-math-g3-5-claim2', () => packageText(SBAC_CLAIM2)] as const,
    ['state standard', () => JSON.stringify(stateStandard().pkg)] as const,
    ['state standard with ASN identifiers', () => JSON.stringify(stateStandard({ ...STATE_STANDARD, asnIdentifiers: true }).pkg)] as const,
  ])('the workbook a CASE import of %s makes, exported again', (_, text) => {
    const imported = importCase(text());
    expect(imported.ok).toBe(true);
    expect(caseSchemaErrors(caseOf(asSnapshot(imported)))).toEqual([]);
  });

  it('workbooks with any text in their cells', () => {
    const cellText = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/\uFFFD/g, '').trim());
    fc.assert(fc.property(fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z0-9._-]{1,6}$/), cellText, cellText, fc.constantFrom('Shared', 'Role', '')), { maxLength: 8 }), cellText, (rows, title) => {
      const snapshot: WorkbookSnapshot = {
        spreadsheetId: title,
        sheets: [
          { name: 'Framework', values: [['Title', 'Language'], [title, title]] },
          { name: 'Competencies', values: [['Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Description', 'Education Level', 'Keywords'], ...rows.map(([id, name, description, scope], i) => [`${id}${i}`, name, scope, '', description, name, description])] },
        ],
      };
      expect(caseSchemaErrors(caseOf(snapshot))).toEqual([]);
    }), { numRuns: 60 });
  });

  describe('what `rungs export --format case` writes', () => {
    const temp = tempFolders('case-schema');
    it.each(EXAMPLES.map((p) => [p.split('/').pop() as string, p]))('for examples/%s', async (name, path) => {
      const out = join(await temp(), `${name}.json`);
      const io = bufferIO();
      expect(await runExport([path, '--format', 'case', '--out', out], io), io.stderr()).toBe(0);
      expect(caseSchemaErrors(JSON.parse(readFileSync(out, 'utf8')))).toEqual([]);
    });
  });
});
