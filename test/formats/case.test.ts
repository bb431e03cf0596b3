import { describe, expect, it } from 'vitest';
import { exportCase, importCase, type CFPackage } from '../../shared/formats/case';
import { importMoodle } from '../../shared/formats/moodle';
import { UUID_PATTERN } from '../../shared/formats/uuid';
import { acmeWorkbook, asWorkbook, moodleFixtureText } from './helpers';

const WHEN = '2026-11-23T12:00:00.000Z';

describe('CASE export of the example workbook', async () => {
  const wb = await acmeWorkbook();
  const { json, findings } = exportCase(wb, { lastChangeDateTime: WHEN });

  it('has the CASE 1.0 required fields on CFDocument, CFItems and CFAssociations', () => {
    for (const k of ['identifier', 'uri', 'creator', 'title', 'lastChangeDateTime', 'CFPackageURI']) expect(json.CFDocument).toHaveProperty(k);
    for (const item of json.CFItems) for (const k of ['identifier', 'uri', 'fullStatement', 'lastChangeDateTime', 'CFDocumentURI', 'humanCodingScheme', 'CFItemType']) expect(item).toHaveProperty(k);
    for (const a of json.CFAssociations) {
      for (const k of ['identifier', 'uri', 'associationType', 'originNodeURI', 'destinationNodeURI', 'lastChangeDateTime', 'CFDocumentURI']) expect(a).toHaveProperty(k);
      for (const node of [a.originNodeURI, a.destinationNodeURI]) expect(Object.keys(node).sort()).toEqual(['identifier', 'title', 'uri']);
    }
    expect(json.CFItems.filter((i) => i.CFItemType === 'Competency')).toHaveLength(wb.competencies.length);
    expect(json.CFItems.filter((i) => i.CFItemType === 'Track')).toHaveLength(wb.tracks.length);
    expect(json.CFItems.filter((i) => i.CFItemType === 'Job Level')).toHaveLength(wb.levels.length);
    expect(findings.map((f) => f.code)).toEqual(['case-not-exported']);
  });

  it('uses valid, unique UUIDs that are identical across two exports', () => {
    const ids = [json.CFDocument.identifier, ...json.CFItems.map((i) => i.identifier), ...json.CFAssociations.map((a) => a.identifier)];
    for (const id of ids) expect(id).toMatch(UUID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
    const again = exportCase(wb, { lastChangeDateTime: '2030-01-01T00:00:00Z' }).json;
    expect([again.CFDocument.identifier, ...again.CFItems.map((i) => i.identifier), ...again.CFAssociations.map((a) => a.identifier)]).toEqual(ids);
    expect(JSON.stringify(exportCase(wb, { lastChangeDateTime: WHEN }).json)).toBe(JSON.stringify(json));
  });

  it('writes Depends On as precedes: the prerequisite precedes the dependent', () => {
    const deps = wb.competencies.flatMap((c) => c.dependsOn.map((d) => `${d}->${c.id}`));
    const code = new Map(json.CFItems.map((i) => [i.identifier, i.humanCodingScheme]));
    const precedes = json.CFAssociations.filter((a) => a.associationType === 'precedes').map((a) => `${code.get(a.originNodeURI.identifier)}->${code.get(a.destinationNodeURI.identifier)}`);
    expect(precedes.sort()).toEqual(deps.sort());
  });

  it('round trips competencies, descriptions, scope, dependencies, tracks and levels', () => {
    const back = importCase(JSON.parse(JSON.stringify(json)) as unknown);
    expect(back.ok).toBe(true);
    expect(back.competencies.map((c) => [c.id, c.name, c.description, c.scope, c.dependsOn])).toEqual(wb.competencies.map((c) => [c.id, c.name, c.description, c.scope, c.dependsOn]));
    expect(back.tracks.map((t) => [t.id, t.name, t.description])).toEqual(wb.tracks.map((t) => [t.id, t.name, t.description]));
    expect(back.levels.map((l) => [l.trackId, l.code, l.name, l.order, l.description])).toEqual(wb.levels.map((l) => [l.trackId, l.code, l.name, l.order, l.description]));
  });
});

describe('CASE round trip of a hierarchy (the Moodle fixture)', () => {
  it('keeps the tree as isChildOf', () => {
    const moodle = importMoodle(moodleFixtureText());
    const { json } = exportCase(asWorkbook(moodle, 'oecd'), { lastChangeDateTime: WHEN });
    const back = importCase(JSON.stringify(json));
    expect(back.ok).toBe(true);
    expect(back.competencies.map((c) => [c.id, c.description, c.extra['Parent ID'] ?? ''])).toEqual(moodle.competencies.map((c) => [c.id, c.description, c.extra['Parent ID']]));
  });
});

describe('CASE import of malformed packages: findings with JSON paths, nothing imported', async () => {
  const wb = await acmeWorkbook();
  const good = () => structuredClone(exportCase(wb, { lastChangeDateTime: WHEN }).json) as CFPackage;
  const rejected = (input: unknown, code: string, cell: string) => {
    const r = importCase(input);
    expect(r.ok).toBe(false);
    expect(r.competencies).toEqual([]);
    expect(r.tracks).toEqual([]);
    expect(r.levels).toEqual([]);
    expect(r.findings.find((f) => f.code === code && f.cell === cell), JSON.stringify(r.findings)).toBeDefined();
    expect(r.findings.every((f) => f.sheet === 'CASE')).toBe(true);
  };

  it('an invalid UUID', () => {
    const pkg = good();
    pkg.CFItems[3].identifier = 'not-a-uuid';
    rejected(pkg, 'case-invalid', 'CFItems[3].identifier');
  });

  it('a missing required field', () => {
    const pkg = good() as unknown as { CFDocument: Record<string, unknown>; CFAssociations: Record<string, unknown>[] };
    delete pkg.CFDocument.creator;
    delete pkg.CFAssociations[0].originNodeURI;
    rejected(pkg, 'case-invalid', 'CFDocument.creator');
    rejected(pkg, 'case-invalid', 'CFAssociations[0].originNodeURI');
  });

  it('a dangling association target', () => {
    const pkg = good();
    const i = pkg.CFAssociations.findIndex((a) => a.associationType === 'precedes');
    pkg.CFAssociations[i].destinationNodeURI.identifier = '00000000-0000-5000-8000-000000000000';
    rejected(pkg, 'case-dangling-association', `CFAssociations[${i}].destinationNodeURI.identifier`);
  });

  it('a cycle of precedes', () => {
    const pkg = good();
    const i = pkg.CFAssociations.findIndex((a) => a.associationType === 'precedes');
    const a = pkg.CFAssociations[i];
    pkg.CFAssociations.push({ ...a, identifier: '11111111-1111-5111-8111-111111111111', originNodeURI: a.destinationNodeURI, destinationNodeURI: a.originNodeURI });
    const r = importCase(pkg);
    expect(r.ok).toBe(false);
    expect(r.competencies).toEqual([]);
    const f = r.findings.find((x) => x.code === 'case-precedes-cycle');
    expect(f?.cell).toMatch(/^CFAssociations\[\d+\]$/);
  });

  it('truncated JSON', () => {
    const text = JSON.stringify(good());
    rejected(text.slice(0, Math.floor(text.length / 2)), 'case-bad-json', '$');
  });

  it('text that is not UTF-8', () => {
    rejected(Buffer.from('{"CFDocument": "Compétence"}', 'latin1').toString('utf8'), 'bad-encoding', '$');
  });
});
