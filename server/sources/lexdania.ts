// Reads Retsinformation's LexDania 2.1 XML (consolidated acts, LBK, and amending acts, LOV) into provisions, in one SAX pass.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { SourceParseError } from './errors.js';
import { chapterLabel, normalizeText, outlineNode, ProvisionCollector, type OutlineNode, type OutlineParagraf } from './outline.js';
import type { ParsedVersion } from './provision.types.js';

/**
 * Subtrees that are not the act's own provisions:
 * - Ikraft: in-force and transitional provisions of the later amending acts, appended after the act; their
 *   §§ restart at 1 and belong to those acts, not to this one.
 * - Nota: footnotes (and Superscript Chars, which are the footnote marks in the text).
 * - Indledning, Hymne: the preamble ("Herved bekendtgøres …", "Vi Margrethe den Anden …").
 * - Bilag: annexes. In the data they are tables (the list of Folketinget's constituencies, retsplejeloven's
 *   annex) with no §, stk. or nr. of their own, so nothing in them can be cited with a § label; giving them
 *   provisions would need a kind the ParsedProvision type does not have, and their own numbering ("1.",
 *   "A.") would clash with the act's.
 * - UnderskriftGruppe: place, date and signatures.
 * - AendresAf: the list of later amending acts inside Meta.
 */
const SKIPPED = new Set(['Ikraft', 'Nota', 'Hymne', 'Bilag', 'UnderskriftGruppe', 'AendresAf']);

/** Elements that open a § of the act: a consolidated act's Paragraf; an amending act's § 1 and its in-force §§. */
const PARAGRAF_ELEMENTS = new Set(['Paragraf', 'AendringCentreretParagraf', 'IkraftCentreretParagraf']);

const META_FIELDS = new Set([
  'DocumentType',
  'AccessionNumber',
  'DocumentTitle',
  'Year',
  'Number',
  'DiesSigni',
  'Status',
  'DokumentKortNavn',
  'PopularTitle',
]);

/** Text that opens with punctuation that closes what came before. */
const CONTINUATION = /^\s*[,.;:]/;
/** A numbered item printed as a line of text: `1) `, `12 a) `. */
const ITEM_LINE = /^\s*(\d+(?: ?[a-zæøå])?\))\s+/;

interface TextSink {
  text: string;
}

/** Parses one LexDania 2.1 document. Throws SourceParseError when it is not well-formed XML or not LexDania. */
export function parseLexDania(xml: string | Buffer): ParsedVersion {
  const source = lexDaniaSourceText(xml);
  const parser = guardedSaxParser();
  const reader = new LexDaniaReader();

  parser.on('opentag', (tag) => {
    if (!reader.sawRoot && tag.name !== 'Dokument') {
      throw new SourceParseError(
        'not_lexdania',
        `Dokumentet er ikke LexDania: rodelementet er <${tag.name}>, ikke <Dokument> (linje ${parser.line}).`,
        parser.line,
        parser.column,
      );
    }
    reader.open(tag);
  });
  parser.on('closetag', () => reader.close());
  parser.on('text', (text) => reader.text(text));
  parser.on('cdata', (text) => reader.text(text));

  parser.write(source).close();
  if (!reader.sawRoot) throw new SourceParseError('not_lexdania', 'Dokumentet har intet rodelement.');
  return reader.version();
}

/** The document's text: a string as given (less a byte-order mark), bytes decoded by their declared encoding. */
export function lexDaniaSourceText(xml: string | Buffer): string {
  return typeof xml === 'string' ? stripBom(xml) : decodeXml(xml);
}

/** A SAX parser that refuses a DOCTYPE and turns malformed XML into a SourceParseError with its line and column. */
export function guardedSaxParser(): SaxesParser {
  const parser = new SaxesParser({ position: true, xmlns: false });
  parser.on('doctype', () => {
    throw new SourceParseError(
      'forbidden_dtd',
      `Dokumentet har en DOCTYPE-erklæring (linje ${parser.line}). LexDania-dokumenter har ingen, og entiteter ud over XML's fem indbyggede udfoldes aldrig.`,
      parser.line,
      parser.column,
    );
  });
  parser.on('error', (err) => {
    const reason = err.message.replace(/^\d+:\d+: /, '');
    throw new SourceParseError(
      'invalid_xml',
      `Dokumentet er ikke gyldig XML (linje ${parser.line}, kolonne ${parser.column}): ${reason}`,
      parser.line,
      parser.column,
    );
  });
  return parser;
}

/** The SAX handlers: one pass, keeping only the open elements' names and the § under construction. */
class LexDaniaReader {
  sawRoot = false;
  private readonly collector = new ProvisionCollector();
  private readonly names: string[] = [];
  /** Open elements inside an ignored subtree (SKIPPED, footnote marks). */
  private skipDepth = 0;

  // Where Char and Explicatus text goes: the innermost provision, a heading buffer, or nowhere (null); each
  // sink is popped when the element that pushed it (at that depth) closes.
  private readonly targets: (TextSink | null)[] = [null];
  private readonly targetDepths: number[] = [0];
  private inChar = false;
  private inExplicatus = false;
  private explicatus: TextSink = { text: '' };
  private rubrica: TextSink = { text: '' };

  /** Provisions under construction: the open §, stk., nr. and litra, innermost last. */
  private readonly frames: OutlineNode[] = [];
  private readonly frameDepths: number[] = [];
  /** Inside an amendment's new wording (AendringNyTekst) the quoted §§ and stk. are text of the change, not provisions. */
  private quoteDepth = 0;

  private readonly meta = new Map<string, string>();
  private metaDepth = 0;
  private metaField: string | null = null;
  private metaText = '';
  private readonly title: TextSink = { text: '' };
  private readonly statement: TextSink = { text: '' };
  /** Inside the introduction: its text is kept, nothing in it is a provision. */
  private skipProvisions = 0;

  private chapterDesignation: string | null = null;
  private chapterHeading: string | null = null;
  private chapter: string | null = null;
  private pendingHeading: string | null = null;
  /** The depth of a line directly in a § or stk. whose first words are not yet read (they may open an item). */
  private itemLineDepth: number | null = null;

  text(text: string): void {
    if (this.skipDepth > 0) return;
    if (this.inChar || this.inExplicatus) {
      if (this.itemLineDepth !== null && this.inChar && text.trim()) text = this.itemLine(text);
      const sink = this.targets[this.targets.length - 1];
      // A line that opens with a comma or full stop continues the one before it: the break was a footnote mark or
      // Retsinformation's sentence splitting ("el.lign." | ", der kan …"), not a space in the act's words.
      if (sink && CONTINUATION.test(text) && /\s$/.test(sink.text)) sink.text = sink.text.trimEnd() + text.trimStart();
      else if (sink) sink.text += text;
    } else if (this.metaField !== null) {
      this.metaText += text;
    }
  }

  open(tag: SaxesTagPlain): void {
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    this.sawRoot = true;
    const name = tag.name;
    if (SKIPPED.has(name) || (name === 'Char' && tag.attributes['formaChar'] === 'Superscript')) {
      this.skipDepth = 1;
      return;
    }
    const parent = this.names[this.names.length - 1];
    this.names.push(name);
    switch (name) {
      case 'Char':
        this.inChar = true;
        return;
      case 'Linea':
        return;
      case 'Exitus':
        // A line directly in a § or stk. may be a numbered item printed as text ("1) alle arbejdsgivere, …").
        if (this.quoteDepth === 0 && this.frames.length > 0 && this.frameDepths[this.frameDepths.length - 1] === this.names.length - 1) {
          const kind = this.frames[this.frames.length - 1]!.kind;
          if (kind === 'stk' || kind === 'paragraf') this.itemLineDepth = this.names.length;
        }
        return;
      case 'Explicatus':
        this.openExplicatus();
        return;
      case 'Rubrica':
        if (this.quoteDepth === 0) this.pushTarget(parent === 'Kapitel' || parent === 'ParagrafGruppe' ? (this.rubrica = { text: '' }) : null);
        return;
      case 'Meta':
        this.metaDepth = this.names.length;
        return;
      case 'TitelGruppe':
        this.pushTarget(this.title);
        return;
      case 'Indledning':
        // "Herved bekendtgøres …, jf. lovbekendtgørelse nr. …, med de ændringer, der følger af …": never a provision,
        // but it says which act a consolidation continues and which amending acts it incorporates.
        this.pushTarget(this.statement);
        this.skipProvisions++;
        return;
      case 'Kapitel':
        this.chapterDesignation = this.chapterHeading = this.chapter = null;
        return;
      case 'AendringNyTekst': {
        this.quoteDepth++;
        const sink = this.targets[this.targets.length - 1];
        if (sink) sink.text = `${sink.text.trimEnd()} »`;
        return;
      }
      case 'Stk':
        this.openItem('stk');
        return;
      case 'Indentatio':
        this.openItem(tag.attributes['formaInd'] === 'Litra' ? 'litra' : 'nr');
        return;
      case 'AendringsNummer':
        this.openItem('nr');
        return;
    }
    if (this.metaDepth > 0) {
      if (this.names.length === this.metaDepth + 1 && META_FIELDS.has(name) && !this.meta.has(name)) {
        this.metaField = name;
        this.metaText = '';
      }
    } else if (PARAGRAF_ELEMENTS.has(name) && this.quoteDepth === 0 && this.frames.length === 0 && this.skipProvisions === 0) {
      this.openParagraf();
    }
  }

  close(): void {
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    const depth = this.names.length;
    const name = this.names.pop()!;
    if (name === 'Char') {
      this.inChar = false;
      return;
    }
    if (name === 'Exitus') {
      if (this.itemLineDepth === depth) this.itemLineDepth = null;
      if (this.frameDepths[this.frameDepths.length - 1] === depth) {
        // The end of an item printed as a line: it closes with its line.
        this.frames.pop();
        this.frameDepths.pop();
        this.targets.pop();
        this.targetDepths.pop();
        return;
      }
    }
    if (name === 'Linea' || name === 'Exitus' || name === 'Td' || name === 'Th') {
      // Lines, paragraphs of text and table cells are separated by a space; Chars inside a line are not.
      const sink = this.targets[this.targets.length - 1];
      if (sink) sink.text += ' ';
      return;
    }
    let closedTarget: TextSink | null = null;
    if (this.targetDepths[this.targetDepths.length - 1] === depth) {
      closedTarget = this.targets.pop() ?? null;
      this.targetDepths.pop();
    }
    const parent = this.names[this.names.length - 1];
    if (name === 'Explicatus') {
      this.closeExplicatus(closedTarget, parent, depth);
    } else if (name === 'Rubrica') {
      if (closedTarget === this.rubrica) {
        if (parent === 'Kapitel') this.chapterHeading = this.rubrica.text;
        else this.pendingHeading = normalizeText(this.rubrica.text) || null;
      }
    } else if (this.frameDepths[this.frameDepths.length - 1] === depth) {
      const frame = this.frames.pop()!;
      this.frameDepths.pop();
      if (this.frames.length === 0) this.collector.addParagraf(frame as OutlineParagraf);
    } else if (name === 'AendringNyTekst') {
      this.quoteDepth--;
      const sink = this.targets[this.targets.length - 1];
      if (sink) {
        const text = sink.text.trimEnd();
        sink.text = text.endsWith('»') ? `${text.slice(0, -1)} ` : `${text}« `;
      }
    } else if (name === 'Indledning') {
      this.skipProvisions--;
    } else if (name === 'ParagrafGruppe') {
      this.pendingHeading = null;
    } else if (name === 'Kapitel') {
      this.chapterDesignation = this.chapterHeading = this.chapter = null;
    } else if (name === 'Meta') {
      this.metaDepth = 0;
    } else if (this.metaField === name && depth === this.metaDepth + 1) {
      this.meta.set(name, metaValue(this.metaText));
      this.metaField = null;
    }
  }

  version(): ParsedVersion {
    const meta = this.meta;
    const year = integerOrNull(meta.get('Year'));
    const number = integerOrNull(meta.get('Number'));
    const documentType = meta.get('DocumentType')?.split(/[\s#]/, 1)[0] || null;
    const dateSigned = isoDateOrNull(meta.get('DiesSigni'));
    // The 2022 schema has no DokumentKortNavn: the short name is built from the type, number and date it does have.
    const shortName = meta.get('DokumentKortNavn') || composeShortName(documentType, number, dateSigned);
    const version: ParsedVersion = {
      shortName,
      title: meta.get('DocumentTitle') || normalizeText(this.title.text) || shortName || '',
      documentType,
      accessionNumber: meta.get('AccessionNumber') || null,
      year,
      number,
      dateSigned,
      status: meta.get('Status') || null,
      eli: year !== null && number !== null ? `https://www.retsinformation.dk/eli/lta/${year}/${number}` : null,
      popularTitle: meta.get('PopularTitle') || null,
      statement: normalizeText(this.statement.text) || null,
      provisions: this.collector.provisions,
    };
    if (this.collector.warnings.length > 0) version.warnings = this.collector.warnings;
    return version;
  }

  private pushTarget(sink: TextSink | null): void {
    this.targets.push(sink);
    this.targetDepths.push(this.names.length);
  }

  private openFrame(node: OutlineNode): void {
    this.frames[this.frames.length - 1]?.children.push(node);
    this.frames.push(node);
    this.frameDepths.push(this.names.length);
    this.pushTarget(node);
  }

  private openParagraf(): void {
    if (this.chapter === null && (this.chapterDesignation || this.chapterHeading)) {
      this.chapter = chapterLabel(this.chapterDesignation, this.chapterHeading);
    }
    const paragraf: OutlineParagraf = { ...outlineNode('paragraf'), kind: 'paragraf', chapter: this.chapter, heading: this.pendingHeading };
    this.pendingHeading = null;
    this.openFrame(paragraf);
  }

  /** A stk., nr. or litra of the § being read; quoted new wording and stray items outside a § stay text. */
  private openItem(kind: 'stk' | 'nr' | 'litra'): void {
    if (this.quoteDepth === 0 && this.frames.length > 0) this.openFrame(outlineNode(kind));
  }

  /**
   * The first words of a line directly in a § or stk.: "1) …" opens nr. 1 there, which ends with the line (as the
   * LBK prints a list the act printed as items); anything else is the provision's own text. Returns the words left.
   */
  private itemLine(text: string): string {
    const depth = this.itemLineDepth!;
    this.itemLineDepth = null;
    const m = ITEM_LINE.exec(text);
    if (!m) return text;
    const node = outlineNode('nr', m[1]!);
    this.frames[this.frames.length - 1]!.children.push(node);
    this.frames.push(node);
    this.frameDepths.push(depth);
    this.targets.push(node);
    this.targetDepths.push(depth);
    return text.slice(m[0].length);
  }

  private openExplicatus(): void {
    this.inExplicatus = true;
    if (this.quoteDepth > 0) {
      // Quoted new wording prints its designations inline: "»§ 66. Tilsidesætter … Stk. 2. …«".
      const sink = this.targets[this.targets.length - 1];
      if (sink && !sink.text.endsWith('»')) sink.text += ' ';
    } else {
      this.explicatus = { text: '' };
      this.pushTarget(this.explicatus);
    }
  }

  private closeExplicatus(closedTarget: TextSink | null, parent: string | undefined, depth: number): void {
    this.inExplicatus = false;
    if (this.quoteDepth > 0) {
      const sink = this.targets[this.targets.length - 1];
      if (sink) sink.text += ' ';
    } else if (closedTarget === this.explicatus) {
      const frame = this.frames[this.frames.length - 1];
      if (frame && this.frameDepths[this.frameDepths.length - 1] === depth - 1) frame.designation = this.explicatus.text;
      else if (parent === 'Kapitel') this.chapterDesignation = this.explicatus.text;
    }
  }
}

/** Meta fields write line breaks as the two characters backslash and n. */
export function metaValue(text: string): string {
  return normalizeText(text.replace(/\\n/g, ' '));
}

function integerOrNull(text: string | undefined): number | null {
  if (!text || !/^\d+$/.test(text)) return null;
  return Number(text);
}

export function isoDateOrNull(text: string | undefined): string | null {
  const m = text ? /^(\d{4}-\d{2}-\d{2})/.exec(text) : null;
  return m ? m[1]! : null;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Bytes to text by the byte-order mark, else the XML declaration's encoding, else UTF-8; invalid bytes are an error. */
export function decodeXml(bytes: Uint8Array): string {
  let encoding = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) (encoding = 'utf-16le'), (start = 2);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) (encoding = 'utf-16be'), (start = 2);
  else {
    const head = String.fromCharCode(...bytes.subarray(0, 200));
    const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
    if (declared && declared !== 'utf-8' && declared !== 'utf8') encoding = declared;
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  } catch {
    throw new SourceParseError('encoding', `Tegnsættet "${encoding}" kendes ikke.`);
  }
  try {
    // stream: a multi-byte character cut off at the very end (a truncated file) is left for the XML parser
    // to report as the truncation it is, rather than as an encoding error.
    return decoder.decode(bytes.subarray(start), { stream: true });
  } catch {
    throw new SourceParseError('encoding', `Dokumentet er ikke gyldig ${encoding.toUpperCase()}: det indeholder ugyldige bytes.`);
  }
}

/** Retsinformation's short name, `LBK nr 62 af 18/01/2024`, from the document type, number and date signed; null without all three. */
export function composeShortName(documentType: string | null, number: number | null, dateSigned: string | null): string | null {
  if (!documentType || number === null || !dateSigned) return null;
  const [y, m, d] = dateSigned.split('-');
  return `${documentType.toUpperCase()} nr ${number} af ${d}/${m}/${y}`;
}
