// Reads an act pasted in its printed form ("§ 1. …", "Stk. 2. …", "1) …", "a) …", "Kapitel 3") into provisions.
import { chapterLabel, INVISIBLE, normalizeText, outlineNode, ProvisionCollector, type OutlineNode, type OutlineParagraf } from './outline.js';
import type { ParsedVersion } from './provision.types.js';

export interface PlainTextMeta {
  title?: string;
  shortName?: string;
}

const L = '[a-zæøå]';
// "§ 12 a. Text", "§§ 20-31. (Ophævet)", "§ 16-§ 24.", "§§ 25 b-e.", "§ 1" alone (amending acts print it on its own line).
const PARAGRAF_LINE = new RegExp(
  `^(§§?\\s*\\d+(?:\\s*${L}(?!${L}))?(?:\\s*(?:-|–|og)\\s*(?:§\\s*)?\\d*(?:\\s*${L}(?!${L}))?)?)\\s*(?:\\.\\s*|$)(.*)$`,
);
const STK_LINE = /^(Stk\.\s*\d+(?:\s*-\s*\d+)?\.)\s*(.*)$/;
const NR_LINE = new RegExp(`^(\\d+(?:\\s?${L})?\\))\\s*(.*)$`);
const LITRA_LINE = new RegExp(`^(${L}\\))\\s*(.*)$`);
const KAPITEL_LINE = /^(Kapitel\s+(?:\d+(?:\s*[a-zæøå](?![a-zæøå]))?|[IVXLCDM]+))(?:\.\s*|\s+|$)(.*)$/;
const PART_LINE =
  /^(?:Afsnit\s+[IVXLCDM\d]+|(?:Første|Andet|Anden|Tredje|Fjerde|Femte|Sjette|Syvende|Ottende|Niende|Tiende|Ellevte|Tolvte)\s+(?:afsnit|bog|del))\.?$/i;
const SHORT_NAME_LINE = /^(LBK|LOV|BEK|VEJ|CIR|BKI|CIS|AFG)\s+nr\.?\s+(\d+)\s+af\s+(\d{2})\/(\d{2})\/(\d{4})$/;
// The signature line ends the act; what follows is signatures, notes and later acts' in-force provisions.
const SIGNATURE_LINE = /^[A-ZÆØÅ][\wæøåÆØÅ .,-]*, den \d{1,2}\. [a-zæøå]+ \d{4}\.?$/;
const SENTENCE_END = /[.:;!?»«)]$/;
const HEADING_ABBREVIATION = /\b(?:m\.v|m\.m|mv|o\.l|lign|mm|etc)\.$/;
const CONJUNCTION = /^(?:og|eller|samt|som|til|henholdsvis|end)\b/;

type LineKind = 'blank' | 'paragraf' | 'stk' | 'nr' | 'litra' | 'kapitel' | 'part' | 'text';

function lineKind(line: string): LineKind {
  if (line === '') return 'blank';
  const c = line[0]!;
  if (c === '§' && PARAGRAF_LINE.test(line)) return 'paragraf';
  if (c === 'S' && STK_LINE.test(line)) return 'stk';
  if (c >= '0' && c <= '9' && NR_LINE.test(line)) return 'nr';
  if (LITRA_LINE.test(line)) return 'litra';
  if (c === 'K' && KAPITEL_LINE.test(line)) return 'kapitel';
  if (PART_LINE.test(line)) return 'part';
  return 'text';
}

/** Parses pasted act text. Never throws on odd text: what it cannot place is left out (see `warnings`). */
export function parsePlainText(text: string, meta: PlainTextMeta = {}): ParsedVersion {
  const reader = new PrintedActReader(joinHyphenatedLines(splitLines(text)), meta);
  reader.read();
  return reader.version();
}

/** Reads the lines top to bottom, keeping the § being read and its open stk. and nr. */
class PrintedActReader {
  private readonly kinds: LineKind[];
  private readonly collector = new ProvisionCollector();
  private title: string | null;
  private shortNameLine: string | null = null;
  private chapterDesignation: string | null = null;
  private chapterHeading: string | null = null;
  private heading: string | null = null;

  private paragraf: OutlineParagraf | null = null;
  private stk: OutlineNode | null = null;
  private nr: OutlineNode | null = null;
  /** Where a line without a designation continues. */
  private current: OutlineNode | null = null;
  /** The previous line, or '' after a blank line or a chapter. */
  private previous = '';

  constructor(
    private readonly lines: string[],
    private readonly meta: PlainTextMeta,
  ) {
    this.kinds = lines.map(lineKind);
    this.title = meta.title ?? null;
  }

  read(): void {
    const { lines, kinds } = this;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const kind = kinds[i]!;
      if (SIGNATURE_LINE.test(line)) break;
      if (kind === 'blank') {
        this.previous = '';
        continue;
      }
      if (kind === 'kapitel' || kind === 'part') {
        this.finishParagraf();
        // The chapter's heading is the next line; a part's ("Afsnit I", "Første bog.") is above chapter level
        // and not part of a provision's context.
        const [, designation, rest] = kind === 'kapitel' ? KAPITEL_LINE.exec(line)! : [];
        const next = this.nextNonBlank(i);
        const headingBelow = !rest && next < lines.length && kinds[next] === 'text' ? lines[next]! : null;
        if (headingBelow !== null) i = next;
        if (kind === 'kapitel') {
          this.chapterDesignation = designation!;
          this.chapterHeading = rest || headingBelow;
        }
        this.previous = '';
        continue;
      }
      if (kind === 'paragraf') this.startParagraf(line);
      else if (kind === 'stk' && this.paragraf) this.startStk(line);
      else if (kind === 'nr' && this.stk) this.startItem('nr', NR_LINE.exec(line)!);
      else if (kind === 'litra' && this.stk) this.startItem('litra', LITRA_LINE.exec(line)!);
      else if (this.isHeading(line, i)) {
        this.finishParagraf();
        this.heading = line;
      } else if (this.paragraf === null) this.readFrontMatter(line);
      else this.continueText(line);
      this.previous = line;
    }
    this.finishParagraf();
  }

  version(): ParsedVersion {
    const shortName = this.meta.shortName ?? this.shortNameLine;
    const sm = shortName ? SHORT_NAME_LINE.exec(shortName) : null;
    const year = sm ? Number(sm[5]) : null;
    const number = sm ? Number(sm[2]) : null;
    const version: ParsedVersion = {
      shortName,
      title: normalizeText(this.title ?? ''),
      documentType: sm ? sm[1]! : null,
      accessionNumber: null,
      year,
      number,
      dateSigned: sm ? `${sm[5]}-${sm[4]}-${sm[3]}` : null,
      status: null,
      eli: year !== null && number !== null ? `https://www.retsinformation.dk/eli/lta/${year}/${number}` : null,
      provisions: this.collector.provisions,
    };
    if (this.collector.warnings.length > 0) version.warnings = this.collector.warnings;
    return version;
  }

  private startParagraf(line: string): void {
    this.finishParagraf();
    const [, designation, rest] = PARAGRAF_LINE.exec(line)!;
    const chapter = chapterLabel(this.chapterDesignation, this.chapterHeading);
    this.paragraf = { ...outlineNode('paragraf', `${designation}.`), kind: 'paragraf', chapter, heading: this.heading };
    this.heading = null;
    // The words after "§ 12." are its first stk., printed without a designation.
    const stk = outlineNode('stk');
    stk.text = rest!;
    this.paragraf.children.push(stk);
    this.stk = this.current = stk;
  }

  private startStk(line: string): void {
    const paragraf = this.paragraf!;
    const [, designation, rest] = STK_LINE.exec(line)!;
    const first = paragraf.children[0];
    // "§ 3" on its own line followed by "Stk. 1." (in-force §§ print it so): the implicit first stk. is empty.
    if (paragraf.children.length === 1 && first && first.designation === null && !first.text.trim() && first.children.length === 0) {
      paragraf.children.length = 0;
    }
    const stk = outlineNode('stk', designation!);
    stk.text = rest!;
    paragraf.children.push(stk);
    this.stk = this.current = stk;
    this.nr = null;
  }

  /** "1) …" under the stk.; "a) …" under the nr. when there is one, else under the stk. */
  private startItem(kind: 'nr' | 'litra', [, designation, rest]: RegExpExecArray): void {
    const item = outlineNode(kind, designation!);
    item.text = rest!;
    (kind === 'litra' ? (this.nr ?? this.stk!) : this.stk!).children.push(item);
    if (kind === 'nr') this.nr = item;
    this.current = item;
  }

  /** Before the first §: the short name, the title (and an amending act's subtitle in brackets), the preamble. */
  private readFrontMatter(line: string): void {
    if (SHORT_NAME_LINE.test(line)) this.shortNameLine ??= line;
    else if (this.title === null && this.chapterDesignation === null) this.title = line;
    else if (this.meta.title === undefined && this.previous === this.title && /^\(.*\)$/.test(line)) this.title += ` ${line}`;
  }

  private continueText(line: string): void {
    if (this.current === null) return;
    if (this.current !== this.stk && SENTENCE_END.test(this.previous) && /^[A-ZÆØÅ]/.test(line)) {
      // A sentence after the last item of a list belongs to the stk., not to the item ("… 3) c. Stk. text.").
      this.current = this.stk;
      this.nr = null;
    }
    this.current!.text += ` ${line}`;
  }

  private finishParagraf(): void {
    if (this.paragraf) this.collector.addParagraf(this.paragraf);
    this.paragraf = this.stk = this.nr = this.current = null;
  }

  /**
   * A heading stands right above a §, starts with a capital and is not a sentence ("Advokatbistand, aktindsigt
   * m.v." is one); the last line of a wrapped sentence starts in lower case or ends with its full stop.
   */
  private isHeading(line: string, i: number): boolean {
    const next = this.nextNonBlank(i);
    if (next >= this.lines.length || this.kinds[next] !== 'paragraf' || line.length > 150) return false;
    if (!/^[»"(]?[A-ZÆØÅ]/.test(line) || /[,;:]$/.test(line)) return false;
    // The first line of the document is its title, even right above § 1.
    if (this.paragraf === null && this.title === null && this.chapterDesignation === null) return false;
    return !line.endsWith('.') || HEADING_ABBREVIATION.test(line);
  }

  private nextNonBlank(i: number): number {
    let j = i + 1;
    while (j < this.lines.length && this.kinds[j] === 'blank') j++;
    return j;
  }
}

/** Lines with invisible characters out, NBSP, tabs and runs of spaces as one space, trimmed. */
function splitLines(text: string): string[] {
  const clean = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(INVISIBLE, '');
  return clean.split(/\r\n|\r|\n|\u2028|\u2029/).map((line) => line.replace(/[^\S\n]+/g, ' ').trim());
}

/**
 * Joins a word broken over two lines by the typesetter ("arbejds-" + "giveren" → "arbejdsgiveren"). A hyphen
 * before a conjunction is a real one ("Sø- og Handelsretten"), and so is one after a capital or digit
 * ("EF-" + "forordning") or before a capital ("Europa-" + "Parlamentets"): those lines are joined keeping it.
 */
function joinHyphenatedLines(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    while (line.length > 1 && line.endsWith('-') && /\S/.test(line[line.length - 2]!) && i + 1 < lines.length) {
      const next = lines[i + 1]!;
      if (next === '' || lineKind(next) !== 'text') break;
      const before = line[line.length - 2]!;
      if (CONJUNCTION.test(next)) line = `${line} ${next}`;
      else if (/[a-zæøå]/.test(before) && /^[a-zæøå]/.test(next)) line = line.slice(0, -1) + next;
      else line += next;
      i++;
    }
    out.push(line);
  }
  return out;
}
