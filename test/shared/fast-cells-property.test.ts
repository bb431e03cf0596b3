/**
 * Workbook cells and request bodies skip zod when they are plainly good (shared/schemas.ts fast readers,
 * shared/parse/snapshot-shape.ts). Whatever the input, the fast answer must be zod's answer: the same value, and
 * "not sure" (then zod decides and explains) wherever zod refuses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { headerKey } from '../../shared/cells';
import { hasSnapshotShape, readSnapshot } from '../../shared/parse/snapshot-shape';
import {
  competencyFields, employeeFields, fastReaderOf, levelFields, moduleFields, positionFields, trackFields, UNSURE,
} from '../../shared/schemas';
import { WorkbookSnapshotSchema } from '../../shared/snapshot';

const WORDS = [
  '', 'ENG', 'eng-ic', 'A,B', 'a;b', 'x\ny', 'Shared', 'shared', 'ROLE', 'Role ', 'Individual  Contributor', 'individual contributor', 'Manager',
  'Active', 'active', 'Draft', 'draft', 'Deleted', 'a@b.co', 'A@B.CO', 'no email', 'a@b', 'x@y.z,w', '2027-01-31', '2020-02-30', '2024-02-29',
  '2023-02-29', '2027-01-31T10:00:00Z', '2027-1-31', '1', '0', '-1', '1.5', '10', '1e3', '1,000', '12,5', 'NaN', 'Infinity', ' 3 ', '0x10',
  'assessment >= 70%', 'Assessment≥70', 'quiz >= 0.8', 'quiz >= 120%', 'assessment > 70%', 'quiz>=80 %', 'L1, L2', ' , ,', 'E1;E2',
  'constructor', 'toString', '__proto__', 'hasOwnProperty', '\u0000', 'a\u0000b', '\ud800', 'x\udc00', 'émile', 'Ünïcode', '\u00a0',
];
const cellText = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 16 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.double().map(String),
  fc.integer({ min: -5, max: 50 }).map(String),
).map((s) => s.trim());

const FIELD_SETS = { trackFields, levelFields, competencyFields, positionFields, moduleFields, employeeFields } as Record<string, Record<string, z.ZodType<unknown, string>>>;

describe('header keys', () => {
  it('plain text takes a shortcut to the same key as the general rule (trim, one space, lower case)', () => {
    const general = (t: string) => t.trim().replace(/\s+/g, ' ').toLowerCase();
    fc.assert(fc.property(fc.oneof(cellText, fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(' a', 'a ', 'a  b', 'A\tB', 'x\u00a0y', 'Ü')), (t) => {
      expect(headerKey(t)).toBe(general(t));
    }), { numRuns: 3000 });
  });
});

describe('fast readers of workbook cells', () => {
  for (const [setName, fields] of Object.entries(FIELD_SETS)) {
    for (const [field, schema] of Object.entries(fields)) {
      it(`${setName}.${field}: the value zod gives, or not sure where zod refuses`, () => {
        const read = fastReaderOf(schema);
        expect(read, 'every workbook cell schema has a fast reader').toBeDefined();
        fc.assert(fc.property(cellText, (text) => {
          const quick = read!(text);
          const slow = schema.safeParse(text);
          if (quick === UNSURE) return;
          expect(slow.success).toBe(true);
          expect(quick).toEqual(slow.success ? slow.data : undefined);
        }), { numRuns: 1500 });
      });
    }
  }

  it('plainly good cells are read without zod', () => {
    expect(fastReaderOf(trackFields.id)!('ENG-IC')).toBe('ENG-IC');
    expect(fastReaderOf(trackFields.status)!('active')).toBe('Active');
    expect(fastReaderOf(trackFields.ownerEmail)!('Ann@Acme.example')).toBe('ann@acme.example');
    expect(fastReaderOf(moduleFields.gate)!('assessment >= 70%')).toEqual({ kind: 'assessment', minPercent: 70, text: 'assessment >= 70%' });
    expect(fastReaderOf(trackFields.id)!('A,B')).toBe(UNSURE);
  });
});

const cell = fc.oneof(fc.string({ maxLength: 6 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.object({ maxDepth: 1 }), fc.array(fc.integer(), { maxLength: 2 }));
const nearSnapshot = fc.record({
  spreadsheetId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
  sheets: fc.oneof(
    fc.array(fc.oneof(
      fc.record({ name: fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), values: fc.oneof(fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 4 }), fc.array(cell, { maxLength: 3 }), fc.string()) }, { requiredKeys: [] }),
      fc.record({ name: fc.string({ minLength: 1, maxLength: 5 }), values: fc.array(fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.double(), fc.boolean(), fc.constant(null)), { maxLength: 4 }), { maxLength: 4 }), extra: fc.anything({ maxDepth: 1 }) }),
      fc.anything({ maxDepth: 2 }),
    ), { maxLength: 4 }),
    fc.anything({ maxDepth: 1 }),
  ),
}, { requiredKeys: [] });

describe('the snapshot shape check of request bodies', () => {
  it('passes exactly the values WorkbookSnapshotSchema passes', () => {
    fc.assert(fc.property(fc.oneof(nearSnapshot, fc.anything({ maxDepth: 3 })), (value) => {
      expect(hasSnapshotShape(value)).toBe(WorkbookSnapshotSchema.safeParse(value).success);
    }), { numRuns: 3000 });
  });

  it('a refused body carries zod\'s issues, naming where', () => {
    const read = readSnapshot({ spreadsheetId: 'x', sheets: [{ name: 'Tracks', values: [['Track ID', { a: 1 }]] }] });
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.error.issues.map((i) => i.path)).toEqual([['sheets', 0, 'values', 0, 1]]);
  });
});
