// ReqIF 1.2 (OMG formal/16-07-01; the schema of 2011 with REQ-IF-VERSION 1.0) written as a stream of text:
// requirements as spec objects of type "Forretningskrav", the provisions they trace to as spec objects of type
// "Bestemmelse", the trace links as spec relations of type "Sporer til", and two specifications (the requirements
// in the order of kinds, and the provisions they rest on). Identifiers derive from human ids and provision keys and
// every LAST-CHANGE from the data, so exporting the same state twice differs only in the header's creation time.
import type { SnapshotLink } from '../baselines/baselines.service.js';
import { REQUIREMENT_KINDS, REQUIREMENT_STATUSES, TENDER_CATEGORIES } from '../requirements/requirements.service.js';
import { KIND_NAMES, LINK_STATUS_NAMES, STATUS_NAMES, TENDER_NAMES, kindName } from './vocabulary.js';
import { legalBasis, provisionText, sourceName, specificationTitle, specificationState, type Specification } from './specification.js';
import { escapeAttr as attr, escapeXml as esc, paragraphs } from './xml.js';

export const REQIF_NAMESPACE = 'http://www.omg.org/spec/ReqIF/20110401/reqif.xsd';
export const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
/** The names other tools see, and the ones our importer recognises in a file of our own. */
export const SPORBAR_REQUIREMENT_TYPE = 'Forretningskrav';
export const SPORBAR_PROVISION_TYPE = 'Bestemmelse';
export const SPORBAR_RELATION_TYPE = 'Sporer til';
export const SPORBAR_TOOL_ID = 'Sporbar';

/** When Sporbar's ReqIF vocabulary was defined: the LAST-CHANGE of types, which never change with the data. */
const SCHEMA_DATE = '2026-11-22T00:00:00Z';

/** An xsd:ID (NCName) from our own keys: letters, digits, '.', '-', '_' and non-ASCII letters pass, anything else becomes '_'. */
export function ncName(value: string): string {
  const s = value.replace(/[^\p{L}\p{N}._-]/gu, '_');
  return /^[\p{L}_]/u.test(s) ? s : `_${s}`;
}

export const requirementObjectId = (humanId: string) => ncName(`krav-${humanId}`);
export const provisionObjectId = (l: Pick<SnapshotLink, 'sourceId' | 'confirmedVersionId' | 'provisionKey'>) =>
  ncName(`bestemmelse-${l.sourceId}-${l.confirmedVersionId}-${l.provisionKey}`);
const relationId = (l: SnapshotLink) => ncName(`spor-${l.humanId}-${l.sourceId}-${l.provisionKey}`);

/** The date-time of an ISO date or timestamp, as xsd:dateTime wants it. */
const dateTime = (iso: string) => (iso.length === 10 ? `${iso}T00:00:00Z` : iso);

const enumDatatype = (id: string, name: string, values: [code: string, label: string][], prefix: string) =>
  `<DATATYPE-DEFINITION-ENUMERATION IDENTIFIER="${id}" LAST-CHANGE="${SCHEMA_DATE}" LONG-NAME="${attr(name)}"><SPECIFIED-VALUES>` +
  values
    .map(
      ([code, label], i) =>
        `<ENUM-VALUE IDENTIFIER="${ncName(`${prefix}-${code}`)}" LAST-CHANGE="${SCHEMA_DATE}" LONG-NAME="${attr(label)}"><PROPERTIES><EMBEDDED-VALUE KEY="${i}" OTHER-CONTENT="${attr(code)}"/></PROPERTIES></ENUM-VALUE>`,
    )
    .join('') +
  `</SPECIFIED-VALUES></DATATYPE-DEFINITION-ENUMERATION>\n`;

type AttrKind = 'STRING' | 'XHTML' | 'ENUMERATION' | 'BOOLEAN';
const attributeDefinition = (kind: AttrKind, id: string, name: string, datatype: string, desc?: string) =>
  `<ATTRIBUTE-DEFINITION-${kind}${desc ? ` DESC="${attr(desc)}"` : ''} IDENTIFIER="${id}" LAST-CHANGE="${SCHEMA_DATE}" LONG-NAME="${attr(name)}"${kind === 'ENUMERATION' ? ' MULTI-VALUED="false"' : ''}>` +
  `<TYPE><DATATYPE-DEFINITION-${kind}-REF>${datatype}</DATATYPE-DEFINITION-${kind}-REF></TYPE></ATTRIBUTE-DEFINITION-${kind}>`;

const stringValue = (definition: string, value: string) =>
  `<ATTRIBUTE-VALUE-STRING THE-VALUE="${attr(value)}"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>${definition}</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>`;
const xhtmlValue = (definition: string, text: string) =>
  `<ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>${definition}</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION><THE-VALUE><xhtml:div>` +
  paragraphs(text)
    .map((p) => `<xhtml:p>${esc(p)}</xhtml:p>`)
    .join('') +
  `</xhtml:div></THE-VALUE></ATTRIBUTE-VALUE-XHTML>`;
const enumValue = (definition: string, valueId: string) =>
  `<ATTRIBUTE-VALUE-ENUMERATION><DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>${definition}</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION><VALUES><ENUM-VALUE-REF>${valueId}</ENUM-VALUE-REF></VALUES></ATTRIBUTE-VALUE-ENUMERATION>`;
const booleanValue = (definition: string, value: boolean) =>
  `<ATTRIBUTE-VALUE-BOOLEAN THE-VALUE="${value}"><DEFINITION><ATTRIBUTE-DEFINITION-BOOLEAN-REF>${definition}</ATTRIBUTE-DEFINITION-BOOLEAN-REF></DEFINITION></ATTRIBUTE-VALUE-BOOLEAN>`;

function* header(spec: Specification): Generator<string> {
  const scope = spec.baseline ? `baseline-${spec.baseline.id}` : 'aktuel';
  yield `<?xml version="1.0" encoding="UTF-8"?>\n`;
  yield `<REQ-IF xmlns="${REQIF_NAMESPACE}" xmlns:xhtml="${XHTML_NAMESPACE}">\n`;
  yield `<THE-HEADER><REQ-IF-HEADER IDENTIFIER="${ncName(`sporbar-${spec.solution.code}-${scope}`)}">`;
  yield `<COMMENT>${esc(specificationState(spec))}</COMMENT><CREATION-TIME>${spec.generatedAt}</CREATION-TIME>`;
  yield `<REPOSITORY-ID>${esc(`sporbar/${spec.solution.code}`)}</REPOSITORY-ID><REQ-IF-TOOL-ID>${SPORBAR_TOOL_ID}</REQ-IF-TOOL-ID>`;
  yield `<REQ-IF-VERSION>1.0</REQ-IF-VERSION><SOURCE-TOOL-ID>${SPORBAR_TOOL_ID}</SOURCE-TOOL-ID><TITLE>${esc(specificationTitle(spec))}</TITLE>`;
  yield `</REQ-IF-HEADER></THE-HEADER>\n<CORE-CONTENT><REQ-IF-CONTENT>\n`;
}

function* datatypes(): Generator<string> {
  yield `<DATATYPES>\n`;
  yield `<DATATYPE-DEFINITION-STRING IDENTIFIER="dt-streng" LAST-CHANGE="${SCHEMA_DATE}" LONG-NAME="Tekst" MAX-LENGTH="20000"/>\n`;
  yield `<DATATYPE-DEFINITION-XHTML IDENTIFIER="dt-xhtml" LAST-CHANGE="${SCHEMA_DATE}" LONG-NAME="Formateret tekst"/>\n`;
  yield `<DATATYPE-DEFINITION-BOOLEAN IDENTIFIER="dt-boolean" LAST-CHANGE="${SCHEMA_DATE}" LONG-NAME="Ja/nej"/>\n`;
  yield enumDatatype('dt-kravtype', 'Kravtype', REQUIREMENT_KINDS.map((k) => [k, KIND_NAMES[k]]), 'ev-kravtype');
  yield enumDatatype('dt-status', 'Kravstatus', REQUIREMENT_STATUSES.map((s) => [s, STATUS_NAMES[s]]), 'ev-status');
  yield enumDatatype('dt-udbudskategori', 'Udbudskategori', TENDER_CATEGORIES.map((t) => [t, TENDER_NAMES[t]]), 'ev-udbud');
  yield enumDatatype('dt-linkstatus', 'Linkstatus', Object.entries(LINK_STATUS_NAMES), 'ev-link');
  yield `</DATATYPES>\n`;
}

function* specTypes(): Generator<string> {
  yield `<SPEC-TYPES>\n`;
  yield `<SPEC-OBJECT-TYPE DESC="Et forretningskrav i Sporbar" IDENTIFIER="sot-forretningskrav" LAST-CHANGE="${SCHEMA_DATE}" LONG-NAME="${SPORBAR_REQUIREMENT_TYPE}"><SPEC-ATTRIBUTES>`;
  yield attributeDefinition('STRING', 'ad-krav-id', 'ReqIF.ForeignID', 'dt-streng', 'Kravets id i Sporbar');
  yield attributeDefinition('STRING', 'ad-krav-titel', 'ReqIF.Name', 'dt-streng', 'Titel');
  yield attributeDefinition('XHTML', 'ad-krav-tekst', 'ReqIF.Text', 'dt-xhtml', 'Kravtekst');
  yield attributeDefinition('ENUMERATION', 'ad-krav-type', 'Kravtype', 'dt-kravtype');
  yield attributeDefinition('ENUMERATION', 'ad-krav-status', 'Status', 'dt-status');
  yield attributeDefinition('ENUMERATION', 'ad-krav-udbud', 'Udbudskategori', 'dt-udbudskategori');
  yield attributeDefinition('BOOLEAN', 'ad-krav-ikkelov', 'Ikke lovbestemt', 'dt-boolean', 'Kravet hviler ikke på lovgivning');
  yield attributeDefinition('STRING', 'ad-krav-version', 'Version', 'dt-streng', 'Kravets versionsnummer i Sporbar');
  yield attributeDefinition('STRING', 'ad-krav-lovgrundlag', 'Lovgrundlag', 'dt-streng', 'Henvisninger til lovgivningen, til læsning; sporingen står i relationerne');
  yield `</SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE>\n`;
  yield `<SPEC-OBJECT-TYPE DESC="En bestemmelse i en retskilde, i den version sporingen er bekræftet mod" IDENTIFIER="sot-bestemmelse" LAST-CHANGE="${SCHEMA_DATE}" LONG-NAME="${SPORBAR_PROVISION_TYPE}"><SPEC-ATTRIBUTES>`;
  yield attributeDefinition('STRING', 'ad-best-id', 'ReqIF.ForeignID', 'dt-streng', 'Retskilde, bestemmelsesnøgle og version');
  yield attributeDefinition('STRING', 'ad-best-betegnelse', 'ReqIF.Name', 'dt-streng', 'Bestemmelsens betegnelse, fx § 30, stk. 1');
  yield attributeDefinition('STRING', 'ad-best-noegle', 'Bestemmelsesnøgle', 'dt-streng', 'Sporbars stabile nøgle, fx p30.s1');
  yield attributeDefinition('STRING', 'ad-best-retskilde', 'Retskilde', 'dt-streng');
  yield attributeDefinition('STRING', 'ad-best-populaertitel', 'Populærtitel', 'dt-streng');
  yield attributeDefinition('STRING', 'ad-best-version', 'Version', 'dt-streng', 'Versionens kortnavn, fx LBK nr 1152 af 12/12/2011');
  yield attributeDefinition('STRING', 'ad-best-eli', 'ELI', 'dt-streng');
  yield attributeDefinition('XHTML', 'ad-best-tekst', 'ReqIF.Text', 'dt-xhtml', 'Bestemmelsens tekst');
  yield `</SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE>\n`;
  yield `<SPEC-RELATION-TYPE DESC="Kravet sporer til bestemmelsen" IDENTIFIER="srt-sporer-til" LAST-CHANGE="${SCHEMA_DATE}" LONG-NAME="${SPORBAR_RELATION_TYPE}"><SPEC-ATTRIBUTES>`;
  yield attributeDefinition('STRING', 'ad-spor-begrundelse', 'Begrundelse', 'dt-streng');
  yield attributeDefinition('ENUMERATION', 'ad-spor-status', 'Linkstatus', 'dt-linkstatus');
  yield `</SPEC-ATTRIBUTES></SPEC-RELATION-TYPE>\n`;
  yield `<SPECIFICATION-TYPE IDENTIFIER="st-kravspecifikation" LAST-CHANGE="${SCHEMA_DATE}" LONG-NAME="Kravspecifikation"/>\n`;
  yield `<SPECIFICATION-TYPE IDENTIFIER="st-lovgrundlag" LAST-CHANGE="${SCHEMA_DATE}" LONG-NAME="Lovgrundlag"/>\n`;
  yield `</SPEC-TYPES>\n`;
}

/** One spec object per provision and confirmed version, in first-cited order. */
function distinctProvisions(spec: Specification): SnapshotLink[] {
  const seen = new Map<string, SnapshotLink>();
  for (const l of spec.links) {
    const id = provisionObjectId(l);
    if (!seen.has(id)) seen.set(id, l);
  }
  return [...seen.values()];
}

/** Requirements in document order: grouped by kind (in Sporbar's order of kinds), by human id within a kind. */
export function requirementsByKind(spec: Specification) {
  const order = new Map<string, number>(REQUIREMENT_KINDS.map((k, i) => [k, i]));
  return [...spec.requirements].sort((a, b) => (order.get(a.kind) ?? 99) - (order.get(b.kind) ?? 99) || a.requirementId - b.requirementId);
}

export function* reqifChunks(spec: Specification, texts: Map<string, string>): Generator<string> {
  yield* header(spec);
  yield* datatypes();
  yield* specTypes();
  const ordered = requirementsByKind(spec);
  const provisions = distinctProvisions(spec);

  yield `<SPEC-OBJECTS>\n`;
  for (const r of ordered) {
    let s = `<SPEC-OBJECT IDENTIFIER="${requirementObjectId(r.humanId)}" LAST-CHANGE="${r.updatedAt}" LONG-NAME="${attr(`${r.humanId} ${r.title}`)}">`;
    s += `<TYPE><SPEC-OBJECT-TYPE-REF>sot-forretningskrav</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>`;
    s += stringValue('ad-krav-id', r.humanId) + stringValue('ad-krav-titel', r.title) + xhtmlValue('ad-krav-tekst', r.text);
    s += enumValue('ad-krav-type', ncName(`ev-kravtype-${r.kind}`)) + enumValue('ad-krav-status', ncName(`ev-status-${r.status}`));
    if (r.tenderCategory) s += enumValue('ad-krav-udbud', ncName(`ev-udbud-${r.tenderCategory}`));
    s += booleanValue('ad-krav-ikkelov', r.nonLegal) + stringValue('ad-krav-version', String(r.version));
    const basis = legalBasis(spec, r.humanId);
    if (basis) s += stringValue('ad-krav-lovgrundlag', basis);
    yield `${s}</VALUES></SPEC-OBJECT>\n`;
  }
  for (const l of provisions) {
    const source = spec.sources.get(l.sourceId);
    const version = spec.versions.get(l.confirmedVersionId);
    let s = `<SPEC-OBJECT IDENTIFIER="${provisionObjectId(l)}" LAST-CHANGE="${dateTime(version?.inForceFrom ?? SCHEMA_DATE)}" LONG-NAME="${attr(`${l.label}, ${sourceName(source)}`)}">`;
    s += `<TYPE><SPEC-OBJECT-TYPE-REF>sot-bestemmelse</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>`;
    s += stringValue('ad-best-id', `${sourceName(source)}|${l.provisionKey}|${l.confirmedShortName}`);
    s += stringValue('ad-best-betegnelse', l.label) + stringValue('ad-best-noegle', l.provisionKey);
    s += stringValue('ad-best-retskilde', source?.title ?? '');
    if (source?.popularTitle) s += stringValue('ad-best-populaertitel', source.popularTitle);
    s += stringValue('ad-best-version', l.confirmedShortName);
    if (version?.eli) s += stringValue('ad-best-eli', version.eli);
    s += xhtmlValue('ad-best-tekst', provisionText(texts, l));
    yield `${s}</VALUES></SPEC-OBJECT>\n`;
  }
  yield `</SPEC-OBJECTS>\n<SPEC-RELATIONS>\n`;
  const updated = new Map(spec.requirements.map((r) => [r.humanId, r.updatedAt]));
  for (const l of spec.links) {
    let s = `<SPEC-RELATION IDENTIFIER="${relationId(l)}" LAST-CHANGE="${updated.get(l.humanId) ?? SCHEMA_DATE}">`;
    s += `<TYPE><SPEC-RELATION-TYPE-REF>srt-sporer-til</SPEC-RELATION-TYPE-REF></TYPE>`;
    s += `<SOURCE><SPEC-OBJECT-REF>${requirementObjectId(l.humanId)}</SPEC-OBJECT-REF></SOURCE>`;
    s += `<TARGET><SPEC-OBJECT-REF>${provisionObjectId(l)}</SPEC-OBJECT-REF></TARGET><VALUES>`;
    if (l.rationale) s += stringValue('ad-spor-begrundelse', l.rationale);
    s += enumValue('ad-spor-status', ncName(`ev-link-${l.status}`));
    yield `${s}</VALUES></SPEC-RELATION>\n`;
  }
  yield `</SPEC-RELATIONS>\n<SPECIFICATIONS>\n`;

  // The specification of requirements, flat and ordered by kind: ReqIF hierarchies hold spec objects only, and a
  // heading object per kind would import into other tools as an extra "requirement".
  const lastChange = spec.requirements.reduce((max, r) => (r.updatedAt > max ? r.updatedAt : max), SCHEMA_DATE);
  yield `<SPECIFICATION IDENTIFIER="${ncName(`spec-${spec.solution.code}`)}" LAST-CHANGE="${lastChange}" LONG-NAME="${attr(specificationTitle(spec))}">`;
  yield `<TYPE><SPECIFICATION-TYPE-REF>st-kravspecifikation</SPECIFICATION-TYPE-REF></TYPE><CHILDREN>\n`;
  for (const r of ordered) {
    yield `<SPEC-HIERARCHY IDENTIFIER="${ncName(`sh-krav-${r.humanId}`)}" LAST-CHANGE="${r.updatedAt}" LONG-NAME="${attr(kindName(r.kind))}"><OBJECT><SPEC-OBJECT-REF>${requirementObjectId(r.humanId)}</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>\n`;
  }
  yield `</CHILDREN></SPECIFICATION>\n`;
  if (provisions.length) {
    yield `<SPECIFICATION IDENTIFIER="${ncName(`spec-${spec.solution.code}-lovgrundlag`)}" LAST-CHANGE="${lastChange}" LONG-NAME="${attr(`Lovgrundlag for ${spec.solution.code}`)}">`;
    yield `<TYPE><SPECIFICATION-TYPE-REF>st-lovgrundlag</SPECIFICATION-TYPE-REF></TYPE><CHILDREN>\n`;
    for (const l of provisions) {
      yield `<SPEC-HIERARCHY IDENTIFIER="${ncName(`sh-${provisionObjectId(l)}`)}" LAST-CHANGE="${SCHEMA_DATE}"><OBJECT><SPEC-OBJECT-REF>${provisionObjectId(l)}</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>\n`;
    }
    yield `</CHILDREN></SPECIFICATION>\n`;
  }
  yield `</SPECIFICATIONS>\n</REQ-IF-CONTENT></CORE-CONTENT>\n</REQ-IF>\n`;
}

