/**
 * A state mathematics standard as a CASE 1.0 package, structurally faithful to what state agencies publish through
 * OpenSALT / the CASE Network (the real ones are not redistributable here): grade levels -> domains -> clusters ->
 * standards -> components, every level joined by isChildOf with a sequenceNumber (some written as strings), items
 * listed out of tree order, CFDocumentURI / CFPackageURI / CFItemTypeURI objects, educationLevel lists, notes,
 * date-times without a zone on items, exactMatchOf associations to Achievement Standards Network URIs (whose
 * identifiers are not UUIDs) and CFItemType definitions. Deterministic for a seed.
 */
import { uuidV5 } from '../../shared/formats/uuid';
import { mulberry32 } from '../support/generate-workbook';

export interface StateStandardOptions {
  grades: readonly string[];
  domainsPerGrade: number;
  clustersPerDomain: number;
  standardsPerCluster: number;
  /** Every n-th standard has components a, b, c. */
  componentsEvery: number;
  seed: number;
  /** Give standards ASN-style identifiers (not UUIDs), as some CASE 1.0 publishers did. */
  asnIdentifiers?: boolean;
}

export const STATE_STANDARD: StateStandardOptions = {
  grades: ['K', '1', '2', '3', '4', '5', '6', '7', '8'], domainsPerGrade: 5, clustersPerDomain: 3, standardsPerCluster: 3, componentsEvery: 3, seed: 11,
};

const DOMAINS = ['Counting and Cardinality', 'Operations and Algebraic Thinking', 'Number and Operations in Base Ten', 'Measurement and Data', 'Geometry', 'Ratios and Proportional Relationships', 'The Number System', 'Expressions and Equations', 'Statistics and Probability', 'Functions'];
const CODES = ['CC', 'OA', 'NBT', 'MD', 'G', 'RP', 'NS', 'EE', 'SP', 'F'];
const VERBS = ['Understand', 'Use', 'Represent and solve', 'Analyze', 'Apply', 'Reason with', 'Work with', 'Explain'];
const OBJECTS = ['place value', 'equal groups', 'unit fractions', 'area and perimeter', 'shapes and their attributes', 'patterns', 'ratios', 'expressions', 'data sets', 'linear relationships'];

const NS = '6f1d2a64-8c1b-5b0e-9a53-3c2f8f1f7e10';
const BASE = 'https://case.example-state.gov/ims/case/v1p0';

export interface StateStandard {
  pkg: { CFDocument: Record<string, unknown>; CFItems: Record<string, unknown>[]; CFAssociations: Record<string, unknown>[]; CFDefinitions: Record<string, unknown> };
  /** Items by CFItemType, as generated. */
  counts: Record<string, number>;
  /** Standard codes in the order the standard reads (tree order, siblings by sequenceNumber). */
  readingOrder: string[];
}

export function stateStandard(options: StateStandardOptions = STATE_STANDARD): StateStandard {
  const rnd = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const docId = uuidV5(`doc/${options.seed}`, NS);
  const docLink = { title: 'Mathematics Standards (2023)', identifier: docId, uri: `${BASE}/CFDocuments/${docId}` };
  const types = ['Grade Level', 'Domain', 'Cluster', 'Standard', 'Component'];
  const typeLink = Object.fromEntries(types.map((t) => [t, { title: t, identifier: uuidV5(`type/${t}`, NS), uri: `${BASE}/CFItemTypes/${uuidV5(`type/${t}`, NS)}` }]));
  const items: Record<string, unknown>[] = [];
  const associations: Record<string, unknown>[] = [];
  const counts: Record<string, number> = {};
  const readingOrder: string[] = [];
  let asn = 1143400;

  const add = (type: string, code: string, statement: string, grade: string, parent: { title: string; identifier: string; uri: string }, seq: number, extra: Record<string, unknown> = {}) => {
    const identifier = options.asnIdentifiers && (type === 'Standard' || type === 'Component') ? `http://asn.jesandco.org/resources/S${asn++}` : uuidV5(`item/${code}`, NS);
    const uri = identifier.startsWith('http') ? identifier : `${BASE}/CFItems/${identifier}`;
    items.push({
      identifier, uri, CFDocumentURI: docLink, fullStatement: statement, humanCodingScheme: code, CFItemType: type, CFItemTypeURI: typeLink[type],
      educationLevel: [grade === 'K' ? 'KG' : grade.padStart(2, '0')], language: 'en', lastChangeDateTime: '2023-06-01T14:03:22', ...extra,
    });
    counts[type] = (counts[type] ?? 0) + 1;
    const aId = uuidV5(`isChildOf/${code}`, NS);
    // OpenSALT wrote some sequence numbers as strings.
    associations.push({
      identifier: aId, uri: `${BASE}/CFAssociations/${aId}`, CFDocumentURI: docLink, associationType: 'isChildOf', sequenceNumber: seq % 4 === 0 ? String(seq) : seq,
      originNodeURI: { title: code, identifier, uri }, destinationNodeURI: parent, lastChangeDateTime: '2023-06-01T14:03:22+00:00',
    });
    return { title: code, identifier, uri };
  };

  options.grades.forEach((grade, g) => {
    const gradeLink = add('Grade Level', grade, `Grade ${grade}`, grade, docLink, g + 1);
    for (let d = 0; d < options.domainsPerGrade; d++) {
      const dc = `${grade}.${CODES[(g + d) % CODES.length]}`;
      const domainLink = add('Domain', dc, DOMAINS[(g + d) % DOMAINS.length], grade, gradeLink, d + 1);
      for (let c = 0; c < options.clustersPerDomain; c++) {
        const cc = `${dc}.${String.fromCharCode(65 + c)}`;
        const clusterLink = add('Cluster', cc, `${pick(VERBS)} ${pick(OBJECTS)}.`, grade, domainLink, c + 1);
        for (let s = 0; s < options.standardsPerCluster; s++) {
          const sc = `${cc}.${s + 1}`;
          readingOrder.push(sc);
          const notes = rnd() < 0.2 ? { notes: `For example, ${pick(OBJECTS)} within 100.` } : {};
          const standardLink = add('Standard', sc, `${pick(VERBS)} ${pick(OBJECTS)} to solve problems, including ${pick(OBJECTS)}.`, grade, clusterLink, s + 1, { listEnumeration: `${s + 1}.`, ...notes });
          const exactId = `http://asn.jesandco.org/resources/S${2000000 + readingOrder.length}`;
          const eId = uuidV5(`exactMatchOf/${sc}`, NS);
          associations.push({
            identifier: eId, uri: `${BASE}/CFAssociations/${eId}`, CFDocumentURI: docLink, associationType: 'exactMatchOf',
            originNodeURI: standardLink, destinationNodeURI: { title: sc, identifier: exactId, uri: exactId }, lastChangeDateTime: '2023-06-01T14:03:22+00:00',
          });
          if (readingOrder.length % options.componentsEvery === 0) {
            ['a', 'b', 'c'].forEach((letter, k) => {
              readingOrder.push(`${sc}${letter}`);
              add('Component', `${sc}${letter}`, `${pick(VERBS)} ${pick(OBJECTS)}.`, grade, standardLink, k + 1, { listEnumeration: `${letter}.` });
            });
          }
        }
      }
    }
  });
  // Publishers list items in database order, not in reading order: only the sequence numbers give the order.
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return {
    pkg: {
      CFDocument: {
        identifier: docId, uri: docLink.uri, CFPackageURI: { ...docLink, uri: `${BASE}/CFPackages/${docId}` }, creator: 'State Department of Education',
        title: docLink.title, lastChangeDateTime: '2023-06-01T14:03:22+00:00', officialSourceURL: 'https://www.example-state.gov/standards/math-2023.pdf',
        publisher: 'State Department of Education', subject: ['Mathematics'], language: 'en', adoptionStatus: 'Adopted', notes: 'Adopted by the State Board in 2023.',
      },
      CFItems: items,
      CFAssociations: associations,
      CFDefinitions: { CFItemTypes: types.map((t) => ({ ...typeLink[t], description: t, hierarchyCode: String(types.indexOf(t) + 1), typeCode: t, lastChangeDateTime: '2023-06-01T14:03:22+00:00' })), CFConcepts: [], CFSubjects: [], CFLicenses: [], CFAssociationGroupings: [] },
    },
    counts, readingOrder,
  };
}
