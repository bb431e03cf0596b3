/**
 * 1EdTech CASE packages (CFPackage JSON): what Rungs reads (lenient zod schemas for CASE 1.0 and 1.1 as real
 * publishers write them) and what it writes (CASE 1.1, as 1EdTech's official CFPackage schema requires).
 *
 * Read leniently: URI fields as LinkURI objects or plain strings, sequenceNumber and listEnumeration as numbers or
 * strings, educationLevel (1.1) or educationalLevel (1.0) as a list or a comma-separated string, null for absent,
 * identifiers that are not UUIDs, date-times without a zone, unknown fields (kept out, never an error).
 */
import { z } from 'zod';

/** The association types of CASE 1.1; any other is written as an extension, `ext:<name>`. */
export const ASSOCIATION_TYPES = ['isChildOf', 'isPeerOf', 'isPartOf', 'exactMatchOf', 'precedes', 'isRelatedTo', 'replacedBy', 'exemplar', 'hasSkillLevel', 'isTranslationOf'] as const;

const typeKey = (t: string) => t.replace(/[\s_-]+/g, '').toLowerCase();
const CANONICAL_TYPES = new Map<string, string>(ASSOCIATION_TYPES.map((t) => [typeKey(t), t]));

/** Text fields; a number where text belongs (a numeric code, title or identifier) is read as its text. */
const text = z.union([z.string(), z.number().transform(String)]).nullish().transform((v) => v ?? undefined);
const identifier = z.union([z.string(), z.number().transform(String)]).pipe(z.string().trim().min(1, 'is missing'));
/** A list of objects, or (as some converters write it) an object of them keyed by identifier. */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = <T extends z.ZodType>(item: T) => z.preprocess(
  (v) => (isObject(v) && Object.values(v).every(isObject) ? Object.values(v) : v),
  z.array(item).nullish().transform((v) => v ?? []),
);
const listOrText = z
  .union([z.array(z.union([z.string(), z.number()])), z.string(), z.number()])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined) return undefined;
    const list = Array.isArray(v) ? v.map(String) : String(v).split(',');
    return list.map((s) => s.trim()).filter((s) => s !== '');
  });
const numberOrText = z.union([z.number(), z.string()]).nullish().transform((v) => (v === null || v === undefined ? undefined : String(v).trim()));

/** A reference to a node: `{ title, identifier, uri }` (identifier and uri may be missing) or a plain URI string. */
export const CaseLinkSchema = z.union([
  z.string().min(1).transform((uri) => ({ uri, identifier: undefined, title: undefined })),
  z.looseObject({ identifier: text, uri: text, title: text }).refine((l) => (l.identifier ?? '') !== '' || (l.uri ?? '') !== '', 'names neither an identifier nor a uri'),
]);

export const CaseDocumentSchema = z.looseObject({
  identifier,
  uri: text,
  title: text,
  creator: text,
  description: text,
  publisher: text,
  language: text,
  subject: listOrText,
  version: text,
  adoptionStatus: text,
  officialSourceURL: text,
  notes: text,
});

export const CaseItemSchema = z
  .looseObject({
    identifier,
    uri: text,
    fullStatement: text,
    abbreviatedStatement: text,
    humanCodingScheme: text,
    // A title, or (some producers) the item type object itself: { title, identifier, uri }.
    CFItemType: z.union([z.string(), z.looseObject({ title: text }).transform((t) => t.title)]).nullish().transform((v) => v ?? undefined),
    CFItemTypeURI: CaseLinkSchema.nullish(),
    listEnumeration: numberOrText,
    conceptKeywords: listOrText,
    educationLevel: listOrText,
    educationalLevel: listOrText,
    language: text,
    notes: text,
  })
  .superRefine((item, ctx) => {
    if ((item.fullStatement ?? '').trim() === '' && (item.abbreviatedStatement ?? '').trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['fullStatement'], message: 'the item has no statement (fullStatement and abbreviatedStatement are both empty)' });
    }
  });

export const CaseAssociationSchema = z.looseObject({
  identifier: text,
  // Spelled as CASE does (isChildOf) whatever the case or spacing the file uses ("IsChildOf", "is_child_of").
  associationType: z.string().trim().min(1, 'is missing').transform((t) => CANONICAL_TYPES.get(typeKey(t)) ?? t),
  originNodeURI: CaseLinkSchema,
  destinationNodeURI: CaseLinkSchema,
  sequenceNumber: numberOrText,
});

const ItemTypeDefinitionSchema = z.looseObject({ identifier: text, uri: text, title: text });

export const CasePackageSchema = z.looseObject({
  CFDocument: CaseDocumentSchema,
  CFItems: listOf(CaseItemSchema),
  CFAssociations: listOf(CaseAssociationSchema),
  CFDefinitions: z.looseObject({ CFItemTypes: z.array(ItemTypeDefinitionSchema).nullish() }).nullish(),
  CFRubrics: z.array(z.unknown()).nullish(),
});

export type CaseLink = z.output<typeof CaseLinkSchema>;
export type CaseDocument = z.output<typeof CaseDocumentSchema>;
export type CaseItem = z.output<typeof CaseItemSchema>;
export type CaseAssociation = z.output<typeof CaseAssociationSchema>;
export type CasePackage = z.output<typeof CasePackageSchema>;

/** A zod issue path as an RFC 6901 JSON pointer: ["CFItems", 3, "identifier"] -> "/CFItems/3/identifier". */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

// ---------------------------------------------------------------------------------------------------------------
// What Rungs writes: CASE 1.1 (properties in the order they are written).

export interface LinkUri {
  title: string;
  identifier: string;
  uri: string;
}

export interface CFDocument {
  identifier: string;
  uri: string;
  caseVersion: '1.1';
  creator: string;
  title: string;
  lastChangeDateTime: string;
  description?: string;
  publisher?: string;
  language?: string;
  subject?: string[];
  version?: string;
  adoptionStatus?: string;
  officialSourceURL?: string;
  notes?: string;
}

export interface CFItem {
  identifier: string;
  uri: string;
  CFItemType?: string;
  humanCodingScheme?: string;
  abbreviatedStatement?: string;
  fullStatement: string;
  listEnumeration?: string;
  conceptKeywords?: string[];
  educationLevel?: string[];
  language?: string;
  notes?: string;
  lastChangeDateTime: string;
}

export interface CFAssociation {
  identifier: string;
  uri: string;
  associationType: string;
  originNodeURI: LinkUri;
  destinationNodeURI: LinkUri;
  sequenceNumber?: number;
  lastChangeDateTime: string;
}

export interface CFPackage {
  CFDocument: CFDocument;
  CFItems: CFItem[];
  CFAssociations: CFAssociation[];
}

/** CFItemType values Rungs writes for its own rows. */
export const CASE_COMPETENCY = 'Competency';
export const CASE_GROUPING = 'Grouping';
export const CASE_TRACK = 'Track';
export const CASE_LEVEL = 'Job Level';

