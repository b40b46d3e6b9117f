// The shape every importer (CSV, XLSX, ReqIF) produces and the mapping step reads: the other tool's columns or
// attributes, and one record per requirement with its values by column name.

export interface ImportColumn {
  name: string;
  /** The datatypes behind the column (ReqIF: STRING, XHTML, ENUMERATION, …; tables: "kolonne"). */
  kinds: string[];
  /** How many records have a value in it. */
  filled: number;
  samples: string[];
}

/** A provision a record traces to, as another Sporbar export (a "Bestemmelse" spec object) names it. */
export interface ProvisionRef {
  label: string;
  key: string | null;
  sourceTitle: string | null;
  popularTitle: string | null;
  versionShortName: string | null;
  rationale: string;
}

export interface ImportRecord {
  /** The row number in the sheet, or the position of the spec object in the file (1-based). */
  row: number;
  /** The other tool's own identifier of the record (a spec object's IDENTIFIER), if any. */
  ref: string | null;
  typeName: string | null;
  values: Record<string, string>;
  provisions: ProvisionRef[];
}

export interface ImportCounts {
  /** Records that become requirements. */
  requirements: number;
  /** Relations in the file (ReqIF SPEC-RELATION elements), whatever they connect. */
  relations: number;
  specObjects?: number;
  headings?: number;
  provisions?: number;
  /** Relations from a requirement to a provision (a Sporbar export): they become trace links. */
  traceRelations?: number;
  /** Relations between two requirements: reported, not imported (Sporbar links requirements to law, not to each other). */
  requirementRelations?: number;
  /** Relations naming an object the file does not contain. */
  unresolvedRelations?: number;
  otherRelations?: number;
  specifications?: number;
  hierarchyDepth?: number;
  attributeDefinitions?: number;
  enumerationTypes?: number;
  types?: { name: string; role: 'requirement' | 'heading' | 'provision'; objects: number }[];
  rows?: number;
  sheet?: string;
  delimiter?: string;
}

export type ImportFormat = 'csv' | 'xlsx' | 'reqif' | 'reqifz';

export interface ImportSource {
  format: ImportFormat;
  filename: string;
  /** The tool that wrote the file (ReqIF header), if known. */
  tool: string | null;
  title: string | null;
  /** A Sporbar export: the mapping is known and relations carry the legal basis. */
  fromSporbar: boolean;
  columns: ImportColumn[];
  records: ImportRecord[];
  counts: ImportCounts;
  warnings: string[];
}

/** Columns from records, in first-seen order, with fill counts and a few sample values. */
export function columnsOf(records: ImportRecord[], order: string[], kinds: Map<string, Set<string>>): ImportColumn[] {
  const columns = new Map<string, ImportColumn>();
  for (const name of order) columns.set(name, { name, kinds: [...(kinds.get(name) ?? [])], filled: 0, samples: [] });
  for (const r of records) {
    for (const [name, value] of Object.entries(r.values)) {
      if (!value) continue;
      let c = columns.get(name);
      if (!c) columns.set(name, (c = { name, kinds: [...(kinds.get(name) ?? [])], filled: 0, samples: [] }));
      c.filled++;
      if (c.samples.length < 3 && !c.samples.includes(value)) c.samples.push(value.length > 120 ? `${value.slice(0, 119)}…` : value);
    }
  }
  return [...columns.values()];
}
