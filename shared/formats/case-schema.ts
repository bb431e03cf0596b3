/**
 * 1EdTech CASE 1.0 package (CFPackage) as zod schemas: the fields Rungs reads and writes, required ones required.
 * Unknown fields are allowed (loose objects) so real packages with more fields parse.
 */
import { z } from 'zod';
import { UUID_PATTERN } from './uuid';

export const CaseUuidSchema = z.string().regex(UUID_PATTERN, 'must be a UUID (8-4-4-4-12 hexadecimal digits)');

export const LinkUriSchema = z.looseObject({
  title: z.string(),
  identifier: CaseUuidSchema,
  uri: z.string().min(1),
});

export const ASSOCIATION_TYPES = ['isChildOf', 'isPeerOf', 'isPartOf', 'exactMatchOf', 'precedes', 'isRelatedTo', 'replacedBy', 'exemplar', 'hasSkillLevel'] as const;

export const CFDocumentSchema = z.looseObject({
  identifier: CaseUuidSchema,
  uri: z.string().min(1),
  creator: z.string().min(1),
  title: z.string().min(1),
  lastChangeDateTime: z.string().min(1),
  CFPackageURI: LinkUriSchema.optional(),
  description: z.string().optional(),
  adoptionStatus: z.string().optional(),
  language: z.string().optional(),
});

export const CFItemSchema = z.looseObject({
  identifier: CaseUuidSchema,
  uri: z.string().min(1),
  fullStatement: z.string().min(1),
  lastChangeDateTime: z.string().min(1),
  CFDocumentURI: LinkUriSchema.optional(),
  humanCodingScheme: z.string().optional(),
  abbreviatedStatement: z.string().optional(),
  CFItemType: z.string().optional(),
  conceptKeywords: z.array(z.string()).optional(),
  listEnumeration: z.string().optional(),
  notes: z.string().optional(),
  language: z.string().optional(),
});

export const CFAssociationSchema = z.looseObject({
  identifier: CaseUuidSchema,
  uri: z.string().min(1),
  associationType: z.enum(ASSOCIATION_TYPES),
  originNodeURI: LinkUriSchema,
  destinationNodeURI: LinkUriSchema,
  lastChangeDateTime: z.string().min(1),
  CFDocumentURI: LinkUriSchema.optional(),
  sequenceNumber: z.number().int().optional(),
});

export const CFPackageSchema = z.looseObject({
  CFDocument: CFDocumentSchema,
  CFItems: z.array(CFItemSchema).default([]),
  CFAssociations: z.array(CFAssociationSchema).default([]),
});

export type LinkUri = z.infer<typeof LinkUriSchema>;
export type CFDocument = z.infer<typeof CFDocumentSchema>;
export type CFItem = z.infer<typeof CFItemSchema>;
export type CFAssociation = z.infer<typeof CFAssociationSchema>;
export type CFPackage = z.infer<typeof CFPackageSchema>;

/** CFItemType values Rungs writes. */
export const CASE_COMPETENCY = 'Competency';
export const CASE_TRACK = 'Track';
export const CASE_LEVEL = 'Job Level';

/** A zod issue path as a JSON path: ["CFItems", 3, "identifier"] -> "CFItems[3].identifier". */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out === '' ? '' : '.'}${String(p)}`;
  return out === '' ? '$' : out;
}
