/** 1EdTech's official CASE v1.1 CFPackage JSON schema (vendored, see test/fixtures/case-schema/SOURCES.md) with ajv. */
import { readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { CASE_SCHEMA } from './helpers';

const schema = JSON.parse(readFileSync(CASE_SCHEMA, 'utf8')) as { $schema: string };
// The schema declares draft 2019-09; strict mode is off because it carries annotation keywords ajv does not know.
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

export const SCHEMA_DRAFT = schema.$schema;

/** The schema's complaints about a package, as "<instance path> <message>" lines; [] when it is valid. */
export function caseSchemaErrors(pkg: unknown): string[] {
  if (validate(pkg)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
