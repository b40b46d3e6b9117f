// A parsed ReqIF file as import records: which spec objects are requirements (and which are headings, or
// provisions from a Sporbar export), their values by attribute name, and what the relations connect.
import type { ReqifDocument, ReqifHierarchyNode, ReqifObject } from './reqif-parse.js';
import { SPORBAR_PROVISION_TYPE, SPORBAR_TOOL_ID } from './reqif-export.js';
import { columnsOf, type ImportCounts, type ImportRecord, type ImportSource, type ProvisionRef } from './import-source.types.js';

type Role = 'requirement' | 'heading' | 'provision';

/** Pseudo-columns for what a spec object carries outside its attributes. */
export const LONG_NAME_COLUMN = 'LONG-NAME';
export const IDENTIFIER_COLUMN = 'IDENTIFIER';

/** Types that hold chapter headings, not requirements (Polarion's "Heading", a Danish "Overskrift"). */
const HEADING_TYPE = /^(heading|headings|overskrift|kapitel|chapter|section|afsnit)$/i;

function roleOf(typeName: string | undefined, typeId: string | null): Role {
  if (typeName === SPORBAR_PROVISION_TYPE || typeId === 'sot-bestemmelse') return 'provision';
  if (typeName && HEADING_TYPE.test(typeName.trim())) return 'heading';
  return 'requirement';
}

/** Objects in reading order: each specification's hierarchy depth first, then objects no hierarchy mentions. */
function readingOrder(doc: ReqifDocument): { ordered: ReqifObject[]; depth: number } {
  const byId = new Map(doc.objects.map((o) => [o.id, o]));
  const seen = new Set<string>();
  const ordered: ReqifObject[] = [];
  let depth = 0;
  const walk = (nodes: ReqifHierarchyNode[], level: number) => {
    for (const n of nodes) {
      depth = Math.max(depth, level);
      const o = n.objectRef ? byId.get(n.objectRef) : undefined;
      if (o && !seen.has(o.id)) {
        seen.add(o.id);
        ordered.push(o);
      }
      walk(n.children, level + 1);
    }
  };
  for (const s of doc.specifications) walk(s.children, 1);
  for (const o of doc.objects) if (!seen.has(o.id)) ordered.push(o);
  return { ordered, depth };
}

export function reqifToImportSource(doc: ReqifDocument, filename: string, format: 'reqif' | 'reqifz'): ImportSource {
  const defs = doc.attributeDefinitions;
  const typeName = (o: ReqifObject) => (o.typeRef ? doc.types.get(o.typeRef)?.name : undefined);
  const roles = new Map<ReqifObject, Role>(doc.objects.map((o) => [o, roleOf(typeName(o), o.typeRef)]));
  const valuesByName = (o: ReqifObject) => {
    const out: Record<string, string> = {};
    for (const [defId, v] of o.values) {
      const name = defs.get(defId)?.name ?? defId;
      // Two definitions with one name in one object (rare): keep the first non-empty.
      if (!out[name]) out[name] = v;
    }
    return out;
  };

  const { ordered, depth } = readingOrder(doc);
  const records: ImportRecord[] = [];
  const recordOf = new Map<string, ImportRecord>();
  for (const o of ordered) {
    if (roles.get(o) !== 'requirement') continue;
    const values = valuesByName(o);
    if (o.longName) values[LONG_NAME_COLUMN] = o.longName;
    values[IDENTIFIER_COLUMN] = o.id;
    const record: ImportRecord = { row: records.length + 1, ref: o.id, typeName: typeName(o) ?? null, values, provisions: [] };
    records.push(record);
    recordOf.set(o.id, record);
  }

  const objects = new Map(doc.objects.map((o) => [o.id, o]));
  const counts: ImportCounts = {
    requirements: records.length,
    relations: doc.relations.length,
    specObjects: doc.objects.length,
    headings: [...roles.values()].filter((r) => r === 'heading').length,
    provisions: [...roles.values()].filter((r) => r === 'provision').length,
    traceRelations: 0,
    requirementRelations: 0,
    unresolvedRelations: 0,
    otherRelations: 0,
    specifications: doc.specifications.length,
    hierarchyDepth: depth,
    attributeDefinitions: defs.size,
    enumerationTypes: doc.enumerationTypeCount,
  };
  for (const rel of doc.relations) {
    const source = rel.source ? objects.get(rel.source) : undefined;
    const target = rel.target ? objects.get(rel.target) : undefined;
    if (!source || !target) {
      counts.unresolvedRelations!++;
      continue;
    }
    const [rs, rt] = [roles.get(source), roles.get(target)];
    // Sporbar writes requirement → provision; accept the other direction from tools that invert it.
    const pair = rs === 'requirement' && rt === 'provision' ? [source, target] : rs === 'provision' && rt === 'requirement' ? [target, source] : null;
    if (pair) {
      const named = valuesByName(pair[1]);
      const relationValues: Record<string, string> = {};
      for (const [defId, v] of rel.values) relationValues[defs.get(defId)?.name ?? defId] = v;
      recordOf.get(pair[0].id)!.provisions.push(provisionRef(named, pair[1], relationValues));
      counts.traceRelations!++;
    } else if (rs === 'requirement' && rt === 'requirement') counts.requirementRelations!++;
    else counts.otherRelations!++;
  }

  const typeCounts = new Map<string, { name: string; role: Role; objects: number }>();
  for (const o of doc.objects) {
    const name = typeName(o) ?? '(uden type)';
    const entry = typeCounts.get(name) ?? { name, role: roles.get(o)!, objects: 0 };
    entry.objects++;
    typeCounts.set(name, entry);
  }
  counts.types = [...typeCounts.values()];

  // Columns: the attributes of requirement types, then the pseudo-columns.
  const requirementTypeIds = new Set(doc.objects.filter((o) => roles.get(o) === 'requirement' && o.typeRef).map((o) => o.typeRef!));
  const kinds = new Map<string, Set<string>>();
  const order: string[] = [];
  for (const d of defs.values()) {
    if (!requirementTypeIds.has(d.ownerTypeId)) continue;
    if (!kinds.has(d.name)) order.push(d.name);
    kinds.set(d.name, (kinds.get(d.name) ?? new Set()).add(d.kind));
  }
  if (records.some((r) => r.values[LONG_NAME_COLUMN])) order.push(LONG_NAME_COLUMN);
  order.push(IDENTIFIER_COLUMN);
  kinds.set(LONG_NAME_COLUMN, new Set(['LONG-NAME']));
  kinds.set(IDENTIFIER_COLUMN, new Set(['IDENTIFIER']));

  const warnings = [...doc.warnings];
  if (counts.unresolvedRelations) warnings.push(`${counts.unresolvedRelations} relation(er) peger på objekter, der ikke findes i filen, og springes over`);
  if (counts.requirementRelations) warnings.push(`${counts.requirementRelations} relation(er) mellem krav importeres ikke: Sporbar sporer krav til lovgivning, ikke til andre krav`);
  if (counts.headings) warnings.push(`${counts.headings} overskrift(er) bliver ikke til krav`);
  return {
    format,
    filename,
    tool: doc.sourceToolId ?? doc.toolId,
    title: doc.title,
    fromSporbar: doc.toolId === SPORBAR_TOOL_ID || counts.provisions! > 0,
    columns: columnsOf(records, order, kinds),
    records,
    counts,
    warnings,
  };
}

function provisionRef(named: Record<string, string>, object: ReqifObject, relation: Record<string, string>): ProvisionRef {
  return {
    label: named['ReqIF.Name'] || object.longName?.split(',')[0] || '',
    key: named['Bestemmelsesnøgle'] || null,
    sourceTitle: named['Retskilde'] || null,
    popularTitle: named['Populærtitel'] || null,
    versionShortName: named['Version'] || null,
    rationale: relation['Begrundelse'] ?? '',
  };
}
