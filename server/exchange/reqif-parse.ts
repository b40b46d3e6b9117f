// Reads a ReqIF file from any tool into a plain model, with saxes: one pass, no DOM, no entity expansion. Tolerant
// of the flavours real tools write: attribute definitions without LONG-NAME (Enterprise Architect), huge type
// systems (DOORS), XHTML values, deep hierarchies (Polarion), several specifications (Eclipse RMF), references to
// objects that are not in the file, and values that break the schema's datatypes (Polarion's dates).
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { unzipSync } from 'fflate';
import { Invalid } from '../http/errors.js';

export type ReqifAttributeKind = 'STRING' | 'XHTML' | 'ENUMERATION' | 'INTEGER' | 'REAL' | 'DATE' | 'BOOLEAN';

export interface ReqifAttributeDefinition {
  id: string;
  /** LONG-NAME, or the IDENTIFIER where the tool wrote none. */
  name: string;
  kind: ReqifAttributeKind;
  /** The type (spec object type, relation type, …) that declares it. */
  ownerTypeId: string;
}

export interface ReqifType {
  id: string;
  name: string;
  element: 'SPEC-OBJECT-TYPE' | 'SPEC-RELATION-TYPE' | 'SPECIFICATION-TYPE' | 'RELATION-GROUP-TYPE';
}

export interface ReqifObject {
  id: string;
  longName: string | null;
  desc: string | null;
  typeRef: string | null;
  /** Attribute definition id → the value as plain text (XHTML flattened, enumeration values by name). */
  values: Map<string, string>;
}

export interface ReqifRelation {
  id: string;
  typeRef: string | null;
  source: string | null;
  target: string | null;
  values: Map<string, string>;
}

export interface ReqifHierarchyNode {
  objectRef: string | null;
  children: ReqifHierarchyNode[];
}

export interface ReqifSpecification {
  id: string;
  longName: string | null;
  values: Map<string, string>;
  children: ReqifHierarchyNode[];
}

export interface ReqifDocument {
  title: string | null;
  toolId: string | null;
  sourceToolId: string | null;
  datatypeCount: number;
  enumerationTypeCount: number;
  attributeDefinitions: Map<string, ReqifAttributeDefinition>;
  types: Map<string, ReqifType>;
  objects: ReqifObject[];
  relations: ReqifRelation[];
  specifications: ReqifSpecification[];
  warnings: string[];
}

/** Largest .reqif (or unpacked .reqifz) Sporbar reads: far above any real specification, well below a zip bomb. */
export const MAX_REQIF_BYTES = 200 * 1024 * 1024;

const BLOCK_ELEMENTS = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'blockquote', 'pre', 'dt', 'dd', 'hr', 'caption']);
const CELL_ELEMENTS = new Set(['td', 'th']);

/**
 * XHTML as plain text: markup gone, whitespace collapsed, one line per paragraph (block element or line break),
 * entities decoded by the parser. Feed it the parser's events for the content of one THE-VALUE.
 */
export class XhtmlText {
  private lines: string[] = [];
  private current = '';
  /** Embedded objects (images, OLE) carry no text, only noise such as file names. */
  private skipDepth = 0;

  open(local: string) {
    if (this.skipDepth || local === 'object' || local === 'style' || local === 'script') {
      this.skipDepth++;
      return;
    }
    if (BLOCK_ELEMENTS.has(local)) this.breakLine();
    else if (CELL_ELEMENTS.has(local) && this.current.trim()) this.current += ' ';
  }

  close(local: string) {
    if (this.skipDepth) {
      this.skipDepth--;
      return;
    }
    if (BLOCK_ELEMENTS.has(local)) this.breakLine();
  }

  text(t: string) {
    if (!this.skipDepth) this.current += t;
  }

  private breakLine() {
    const line = this.current.replace(/[\s\u00a0]+/g, ' ').trim();
    if (line) this.lines.push(line);
    this.current = '';
  }

  value(): string {
    this.breakLine();
    return this.lines.join('\n');
  }
}

/** The ReqIF XML of an upload: a .reqifz is a zip holding one .reqif (and perhaps attachments). */
export function reqifXmlOf(content: Uint8Array, filename: string): string {
  let bytes = content;
  if (/\.reqifz$/i.test(filename) || (content[0] === 0x50 && content[1] === 0x4b)) {
    let total = 0;
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(content, {
        filter: (f) => {
          total += f.originalSize;
          if (total > MAX_REQIF_BYTES) throw new Invalid('Zip-filen fylder for meget udpakket', [{ field: 'file', message: `Højst ${MAX_REQIF_BYTES / 1024 / 1024} MB udpakket` }]);
          return /\.reqif$/i.test(f.name);
        },
      });
    } catch (err) {
      if (err instanceof Invalid) throw err;
      throw new Invalid('Filen kan ikke pakkes ud som .reqifz', [{ field: 'file', message: (err as Error).message }]);
    }
    const names = Object.keys(files).sort();
    if (!names.length) throw new Invalid('Zip-filen indeholder ingen .reqif-fil', [{ field: 'file', message: 'Ingen .reqif i .reqifz' }]);
    bytes = files[names[0]];
  }
  if (bytes.length > MAX_REQIF_BYTES) throw new Invalid('Filen er for stor', [{ field: 'file', message: `Højst ${MAX_REQIF_BYTES / 1024 / 1024} MB` }]);
  return new TextDecoder('utf-8').decode(bytes);
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

type ValueOwner = { values: Map<string, string> };

interface PendingValue {
  kind: ReqifAttributeKind;
  theValue: string | null;
  definition: string | null;
  enumRefs: string[];
  xhtml: XhtmlText | null;
  /** THE-ORIGINAL-VALUE is the tool's unsimplified XHTML: only THE-VALUE counts. */
  inOriginal: boolean;
}

export function parseReqif(xml: string): ReqifDocument {
  const doc: ReqifDocument = {
    title: null,
    toolId: null,
    sourceToolId: null,
    datatypeCount: 0,
    enumerationTypeCount: 0,
    attributeDefinitions: new Map(),
    types: new Map(),
    objects: [],
    relations: [],
    specifications: [],
    warnings: [],
  };
  const enumNames = new Map<string, string>();
  const stack: string[] = [];
  let text = '';
  let sawRoot = false;
  let currentType: ReqifType | null = null;
  let owner: (ValueOwner & { kind: 'object' | 'relation' | 'specification' }) | null = null;
  let object: ReqifObject | null = null;
  let relation: ReqifRelation | null = null;
  let specification: ReqifSpecification | null = null;
  const hierarchy: ReqifHierarchyNode[] = [];
  let value: PendingValue | null = null;
  let inDefault = 0;
  let xhtmlDepth = 0;
  const undefinedEntities = new Set<string>();

  const parser = new SaxesParser({ xmlns: false, position: true });
  parser.on('doctype', (doctype) => {
    // A ReqIF file needs no DTD; internal entity declarations are how "billion laughs" files blow up a reader.
    if (/<!ENTITY/i.test(doctype)) {
      throw new Invalid('Filen indeholder en DOCTYPE med entitetserklæringer, som Sporbar af sikkerhedshensyn ikke læser', [
        { field: 'file', message: 'DOCTYPE med <!ENTITY …> er ikke tilladt i ReqIF' },
      ]);
    }
  });
  parser.on('error', (err) => {
    const m = /undefined entity:? ?(\S*)/i.exec(err.message);
    if (m) {
      undefinedEntities.add(m[1] || '?');
      return;
    }
    throw new Invalid(`Filen er ikke gyldig XML: ${err.message}`, [{ field: 'file', message: err.message }]);
  });

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    const parent = stack[stack.length - 1];
    stack.push(name);
    text = '';
    const a = tag.attributes as Record<string, string>;
    if (!sawRoot) {
      sawRoot = true;
      if (name !== 'REQ-IF') throw new Invalid('Filen er ikke en ReqIF-fil (rodelementet er ikke REQ-IF)', [{ field: 'file', message: `Rodelementet er ${tag.name}` }]);
    }
    if (value?.xhtml && xhtmlDepth > 0) {
      xhtmlDepth++;
      value.xhtml.open(name);
      return;
    }
    if (name === 'DEFAULT-VALUE') inDefault++;
    if (inDefault) return;
    if (name.startsWith('DATATYPE-DEFINITION-') && !name.endsWith('-REF') && parent === 'DATATYPES') {
      doc.datatypeCount++;
      if (name === 'DATATYPE-DEFINITION-ENUMERATION') doc.enumerationTypeCount++;
    } else if (name === 'ENUM-VALUE') {
      if (a.IDENTIFIER) enumNames.set(a.IDENTIFIER, a['LONG-NAME'] || a.IDENTIFIER);
    } else if (name === 'SPEC-OBJECT-TYPE' || name === 'SPEC-RELATION-TYPE' || name === 'SPECIFICATION-TYPE' || name === 'RELATION-GROUP-TYPE') {
      currentType = { id: a.IDENTIFIER, name: a['LONG-NAME'] || a.IDENTIFIER, element: name };
      doc.types.set(currentType.id, currentType);
    } else if (name.startsWith('ATTRIBUTE-DEFINITION-') && !name.endsWith('-REF') && currentType) {
      const kind = name.slice('ATTRIBUTE-DEFINITION-'.length) as ReqifAttributeKind;
      doc.attributeDefinitions.set(a.IDENTIFIER, { id: a.IDENTIFIER, name: (a['LONG-NAME'] || a.IDENTIFIER).trim(), kind, ownerTypeId: currentType.id });
    } else if (name === 'SPEC-OBJECT' && parent === 'SPEC-OBJECTS') {
      object = { id: a.IDENTIFIER, longName: a['LONG-NAME'] ?? null, desc: a.DESC ?? null, typeRef: null, values: new Map() };
      owner = { values: object.values, kind: 'object' };
    } else if (name === 'SPEC-RELATION' && parent === 'SPEC-RELATIONS') {
      relation = { id: a.IDENTIFIER, typeRef: null, source: null, target: null, values: new Map() };
      owner = { values: relation.values, kind: 'relation' };
    } else if (name === 'SPECIFICATION' && parent === 'SPECIFICATIONS') {
      specification = { id: a.IDENTIFIER, longName: a['LONG-NAME'] ?? null, values: new Map(), children: [] };
      owner = { values: specification.values, kind: 'specification' };
    } else if (name === 'SPEC-HIERARCHY' && specification) {
      const node: ReqifHierarchyNode = { objectRef: null, children: [] };
      (hierarchy.length ? hierarchy[hierarchy.length - 1].children : specification.children).push(node);
      hierarchy.push(node);
    } else if (name.startsWith('ATTRIBUTE-VALUE-') && owner) {
      const kind = name.slice('ATTRIBUTE-VALUE-'.length) as ReqifAttributeKind;
      value = { kind, theValue: a['THE-VALUE'] ?? null, definition: null, enumRefs: [], xhtml: kind === 'XHTML' ? new XhtmlText() : null, inOriginal: false };
    } else if (value?.xhtml && (name === 'THE-VALUE' || name === 'THE-ORIGINAL-VALUE')) {
      value.inOriginal = name === 'THE-ORIGINAL-VALUE';
      if (!value.inOriginal) xhtmlDepth = 1;
    }
  });

  parser.on('text', (t) => {
    if (value?.xhtml && xhtmlDepth > 0) value.xhtml.text(t);
    else text += t;
  });

  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    stack.pop();
    const parent = stack[stack.length - 1];
    if (value?.xhtml && xhtmlDepth > 0) {
      xhtmlDepth--;
      if (xhtmlDepth > 0) value.xhtml.close(name);
      return;
    }
    if (name === 'DEFAULT-VALUE') {
      inDefault--;
      return;
    }
    if (inDefault) return;
    const ref = text.trim();
    switch (name) {
      case 'TITLE':
        if (parent === 'REQ-IF-HEADER') doc.title = ref;
        break;
      case 'REQ-IF-TOOL-ID':
        doc.toolId = ref;
        break;
      case 'SOURCE-TOOL-ID':
        doc.sourceToolId = ref;
        break;
      case 'SPEC-OBJECT-TYPE':
      case 'SPEC-RELATION-TYPE':
      case 'SPECIFICATION-TYPE':
      case 'RELATION-GROUP-TYPE':
        currentType = null;
        break;
      case 'SPEC-OBJECT-TYPE-REF':
        if (object && !value) object.typeRef = ref;
        break;
      case 'SPEC-RELATION-TYPE-REF':
        if (relation) relation.typeRef = ref;
        break;
      case 'SPEC-OBJECT-REF':
        if (relation && parent === 'SOURCE') relation.source = ref;
        else if (relation && parent === 'TARGET') relation.target = ref;
        else if (parent === 'OBJECT' && hierarchy.length) hierarchy[hierarchy.length - 1].objectRef = ref;
        break;
      case 'ENUM-VALUE-REF':
        if (value) value.enumRefs.push(ref);
        break;
      case 'SPEC-OBJECT':
        if (object && parent === 'SPEC-OBJECTS') {
          doc.objects.push(object);
          object = null;
          owner = null;
        }
        break;
      case 'SPEC-RELATION':
        if (relation && parent === 'SPEC-RELATIONS') {
          doc.relations.push(relation);
          relation = null;
          owner = null;
        }
        break;
      case 'SPECIFICATION':
        if (specification && parent === 'SPECIFICATIONS') {
          doc.specifications.push(specification);
          specification = null;
          owner = null;
        }
        break;
      case 'SPEC-HIERARCHY':
        hierarchy.pop();
        break;
      default:
        if (value && name.startsWith('ATTRIBUTE-DEFINITION-') && name.endsWith('-REF')) value.definition = ref;
        else if (value && name.startsWith('ATTRIBUTE-VALUE-') && owner) {
          if (value.definition) owner.values.set(value.definition, finishValue(value));
          value = null;
        }
    }
    text = '';
  });

  function finishValue(v: PendingValue): string {
    if (v.kind === 'XHTML') return v.xhtml!.value();
    if (v.kind === 'ENUMERATION') return v.enumRefs.map((id) => enumNames.get(id) ?? id).join(', ');
    return (v.theValue ?? '').trim();
  }

  parser.write(xml).close();
  if (!sawRoot) throw new Invalid('Filen er tom eller ikke XML', [{ field: 'file', message: 'Intet rodelement' }]);
  if (undefinedEntities.size) doc.warnings.push(`Ukendte entiteter blev sprunget over: ${[...undefinedEntities].slice(0, 5).join(', ')}`);
  return doc;
}
