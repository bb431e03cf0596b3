/** CASE package text -> the lenient package model, or findings with a JSON pointer (RFC 6901) to each problem. */
import { error, type Finding } from '../findings';
import { CasePackageSchema, jsonPointer, type CasePackage } from './case-schema';

/** Line and column of a character offset, for "not JSON" findings. */
function lineColumn(textIn: string, offset: number): string {
  const before = textIn.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

function parseJson(input: string, sheet: string, findings: Finding[]): { ok: true; value: unknown } | { ok: false } {
  const body = input.replace(/^\uFEFF/, '');
  if (body.includes('\uFFFD')) {
    findings.push(error(sheet, '', 'bad-encoding', 'The file is not valid UTF-8; save it as UTF-8 and import it again.'));
    return { ok: false };
  }
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    const where = at ? ` (${lineColumn(body, Number(at[1]))})` : body.trim() === '' ? ' (the file is empty)' : '';
    findings.push(error(sheet, '', 'case-bad-json', `The file is not JSON${where}: ${message}. It may be cut short, or not a CASE package.`));
    return { ok: false };
  }
}

/** Some servers wrap the package: { "CFPackage": { ... } }. */
function unwrap(value: unknown): { value: unknown; prefix: string } {
  if (value && typeof value === 'object' && !Array.isArray(value) && !('CFDocument' in value) && 'CFPackage' in value) {
    return { value: (value as { CFPackage: unknown }).CFPackage, prefix: '/CFPackage' };
  }
  return { value, prefix: '' };
}

const MAX_ISSUES = 50;

export function readCasePackage(input: string | unknown, sheet: string, findings: Finding[]): CasePackage | undefined {
  let value: unknown = input;
  if (typeof input === 'string') {
    const parsed = parseJson(input, sheet, findings);
    if (!parsed.ok) return undefined;
    value = parsed.value;
  }
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v && typeof v === 'object' && 'CFDocument' in v)) {
    findings.push(error(sheet, '', 'case-invalid', `The file holds ${value.length} CASE packages in a list; import them one file at a time.`));
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    findings.push(error(sheet, '', 'case-invalid', 'The file is JSON but not a CASE package: a package is an object with CFDocument, CFItems and CFAssociations.'));
    return undefined;
  }
  if (!('CFDocument' in value) && !('CFPackage' in value) && Array.isArray((value as { CFDocuments?: unknown }).CFDocuments)) {
    findings.push(error(sheet, '/CFDocuments', 'case-invalid', 'The file lists CASE documents (CFDocuments) but is not a package: download the package of one of them (CFPackages/<identifier>) and import that.'));
    return undefined;
  }
  const { value: pkg, prefix } = unwrap(value);
  const parsed = CasePackageSchema.safeParse(pkg);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  for (const issue of issues.slice(0, MAX_ISSUES)) {
    const pointer = prefix + jsonPointer(issue.path);
    const what = issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'is missing' : issue.message;
    findings.push(error(sheet, pointer, 'case-invalid', `${pointer || 'The package'} ${what}.`));
  }
  if (issues.length > MAX_ISSUES) findings.push(error(sheet, '', 'case-invalid', `${issues.length - MAX_ISSUES} more problems of the same kind are not listed.`));
  return undefined;
}
