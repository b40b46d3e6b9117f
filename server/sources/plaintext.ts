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
  const lines = joinHyphenatedLines(splitLines(text));
  const kinds = lines.map(lineKind);
  const collector = new ProvisionCollector();

  let title: string | null = meta.title ?? null;
  let shortNameMatch: RegExpExecArray | null = null;
  let chapterDesignation: string | null = null;
  let chapterHeading: string | null = null;
  let heading: string | null = null;

  let paragraf: OutlineParagraf | null = null;
  let stk: OutlineNode | null = null;
  let nr: OutlineNode | null = null;
  let current: OutlineNode | null = null;
  let previous = '';

  const finishParagraf = () => {
    if (paragraf) collector.addParagraf(paragraf);
    paragraf = stk = nr = current = null;
  };
  const nextNonBlank = (i: number): number => {
    let j = i + 1;
    while (j < lines.length && kinds[j] === 'blank') j++;
    return j;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const kind = kinds[i]!;
    if (kind === 'blank') {
      previous = '';
      continue;
    }
    if (SIGNATURE_LINE.test(line)) break;

    if (kind === 'paragraf') {
      finishParagraf();
      const [, designation, rest] = PARAGRAF_LINE.exec(line)!;
      const chapter = chapterLabel(chapterDesignation, chapterHeading);
      paragraf = { ...outlineNode('paragraf', `${designation}.`), kind: 'paragraf', chapter, heading };
      heading = null;
      stk = current = outlineNode('stk');
      stk.text = rest!;
      paragraf.children.push(stk);
    } else if (kind === 'stk' && paragraf !== null) {
      const [, designation, rest] = STK_LINE.exec(line)!;
      const p: OutlineParagraf = paragraf;
      const first = p.children[0];
      // "§ 3" on its own line followed by "Stk. 1." (in-force §§ print it): the implicit first stk. is empty.
      if (p.children.length === 1 && first && first.designation === null && !first.text.trim() && first.children.length === 0) {
        p.children.length = 0;
      }
      stk = current = outlineNode('stk', designation!);
      stk.text = rest!;
      p.children.push(stk);
      nr = null;
    } else if (kind === 'nr' && stk !== null) {
      const [, designation, rest] = NR_LINE.exec(line)!;
      nr = current = outlineNode('nr', designation!);
      nr.text = rest!;
      stk.children.push(nr);
    } else if (kind === 'litra' && stk !== null) {
      const [, designation, rest] = LITRA_LINE.exec(line)!;
      const litra: OutlineNode = outlineNode('litra', designation!);
      litra.text = rest!;
      (nr ?? stk).children.push(litra);
      current = litra;
    } else if (kind === 'kapitel') {
      finishParagraf();
      const [, designation, rest] = KAPITEL_LINE.exec(line)!;
      chapterDesignation = designation!;
      chapterHeading = rest || null;
      const j = nextNonBlank(i);
      if (!chapterHeading && j < lines.length && kinds[j] === 'text') {
        chapterHeading = lines[j]!;
        i = j;
      }
      previous = '';
      continue;
    } else if (kind === 'part') {
      finishParagraf();
      // "Afsnit I" / "Første bog." and its heading are above chapter level: not part of a provision's context.
      const j = nextNonBlank(i);
      if (j < lines.length && kinds[j] === 'text') i = j;
      previous = '';
      continue;
    } else if (paragraf === null) {
      // Before the first §: the title, the short name, the preamble.
      const m = SHORT_NAME_LINE.exec(line);
      if (m) shortNameMatch ??= m;
      else if (title === null && chapterDesignation === null) title = line;
      else if (meta.title === undefined && title !== null && previous === title && /^\(.*\)$/.test(line)) title += ` ${line}`;
      else if (isHeading(line, i)) heading = line;
    } else if (isHeading(line, i)) {
      finishParagraf();
      heading = line;
    } else if (current !== null) {
      if (current !== stk && stk !== null && SENTENCE_END.test(previous) && /^[A-ZÆØÅ]/.test(line)) {
        // A sentence after the last item of a list belongs to the stk., not to the item ("… 3) c. Stk. text.").
        current = stk;
        nr = null;
      }
      current.text += ` ${line}`;
    }
    previous = line;
  }
  finishParagraf();

  // A heading stands right above a §, starts with a capital and is not a sentence ("Advokatbistand, aktindsigt m.v."
  // is one); the last line of a wrapped sentence starts in lower case or ends with its full stop.
  function isHeading(line: string, i: number): boolean {
    const j = nextNonBlank(i);
    if (j >= lines.length || kinds[j] !== 'paragraf' || line.length > 150) return false;
    if (!/^[»"(]?[A-ZÆØÅ]/.test(line) || /[,;:]$/.test(line)) return false;
    return !line.endsWith('.') || HEADING_ABBREVIATION.test(line);
  }

  const shortName = meta.shortName ?? (shortNameMatch ? shortNameMatch[0] : null);
  const sm = shortName ? SHORT_NAME_LINE.exec(shortName) : null;
  const year = sm ? Number(sm[5]) : null;
  const number = sm ? Number(sm[2]) : null;
  const version: ParsedVersion = {
    shortName,
    title: normalizeText(title ?? ''),
    documentType: sm ? sm[1]! : null,
    accessionNumber: null,
    year,
    number,
    dateSigned: sm ? `${sm[5]}-${sm[4]}-${sm[3]}` : null,
    status: null,
    eli: year !== null && number !== null ? `https://www.retsinformation.dk/eli/lta/${year}/${number}` : null,
    provisions: collector.provisions,
  };
  if (collector.warnings.length > 0) version.warnings = collector.warnings;
  return version;
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
