// The shape every importer (LexDania XML, pasted text) produces, and the diff consumes.

export type ProvisionKind = 'paragraf' | 'stk' | 'nr' | 'litra' | 'range';

export interface ParsedProvision {
  /** Stable across versions, built from the label: `§ 12 a, stk. 2, nr. 3` → `p12a.s2.n3`; `§§ 20-31` → `p20-31`. */
  key: string;
  /** Danish citation form: `§ 12 a`, `§ 12 a, stk. 2`, `§ 12 a, stk. 2, nr. 3`, `§ 12 a, stk. 2, nr. 3, litra b`, `§§ 20-31`. */
  label: string;
  kind: ProvisionKind;
  /**
   * The provision's own text, without the text of its children (a § with several stk. has an empty
   * own text or only its heading; the stk. carry the words). Whitespace collapsed, NBSP as space,
   * soft hyphens kept out. Repealed placeholders keep their printed text, e.g. "(Ophævet)".
   */
  text: string;
  parentKey: string | null;
  /** Document order, 0-based, over all provisions of the version. */
  position: number;
  /** Chapter context as printed, e.g. "Kapitel 3. Ret til sygedagpenge", or null. */
  chapter: string | null;
  /** True for a "(Ophævet)" placeholder. */
  repealed: boolean;
  /** The heading printed above a § (ParagrafGruppe Rubrica, e.g. "Privat døgnpleje"); headings are never text. */
  heading?: string;
}

export interface ParsedVersion {
  /** "LBK nr 920 af 22/08/2011"; null for pasted text without one. */
  shortName: string | null;
  title: string;
  /** LBK, LOV, BEK, VEJ, CIR, … as in the document type, or null. */
  documentType: string | null;
  accessionNumber: string | null;
  year: number | null;
  number: number | null;
  /** ISO date (YYYY-MM-DD) the document was signed (DiesSigni), or null. */
  dateSigned: string | null;
  /** Retsinformation status: Valid, Historic, … or null. */
  status: string | null;
  /** `https://www.retsinformation.dk/eli/lta/YYYY/N`, or null when year/number are unknown. */
  eli: string | null;
  /** The act's popular name (PopularTitle, e.g. "Sygedagpengeloven"), when the document has one. */
  popularTitle?: string | null;
  /** A consolidation's introduction ("Herved bekendtgøres …, jf. lovbekendtgørelse nr. 920 af …, med de ændringer, der følger af lov nr. 1599 af …"). */
  statement?: string | null;
  provisions: ParsedProvision[];
  /** What the importer had to leave out or guess, in Danish, for the person importing. */
  warnings?: string[];
}
