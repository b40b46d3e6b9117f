// Reads an amending act (LOV "om ændring af …") from LexDania XML: which acts its §§ amend, each numbered change with
// its instruction and new text, and when (which parts of) it comes into force.
import { SourceParseError } from '../sources/errors.js';
import { guardedSaxParser, isoDateOrNull, lexDaniaSourceText, metaValue } from '../sources/lexdania.js';
import { normalizeText } from '../sources/outline.js';
import type { AmendingAct, AmendingSection, InForceRule, NewTextBlock, PrintedChange } from './amendment.types.js';

/** A light element tree: the acts are small, and reading them is easier with siblings in view than in one SAX pass. */
interface Element {
  name: string;
  attributes: Record<string, string>;
  children: (Element | string)[];
}

/** Elements whose words are not the act's: footnotes, and (by attribute) the footnote marks in the text. */
const SKIPPED = new Set(['Nota']);

/** Elements that end a line of printed text: a space between them, none between the Chars inside one. */
const LINE_ENDS = new Set(['Linea', 'Exitus', 'Td', 'Th']);

/** Containers the act's §§ may sit in. */
const GROUPS = new Set(['ParagrafGruppe', 'Kapitel', 'Afsnit', 'Bog', 'DokumentIndhold']);

/** Reads an amending act. Throws SourceParseError when the XML is bad, not LexDania, or not an amending act. */
export function readAmendingAct(xml: string | Buffer): AmendingAct {
  const root = readTree(xml);
  const meta = readMeta(root);
  const warnings: string[] = [];
  const titles = readTitles(root, meta);
  const content = child(root, 'DokumentIndhold');
  const reader = new ActReader(warnings);
  if (content) reader.readGroup(content);

  const documentType = meta.get('DocumentType')?.split('#', 1)[0]?.trim() || null;
  const recognised = documentType?.startsWith('LOV Æ') || /^lov om ændring af /i.test(titles.title) || reader.sections.length > 0;
  if (!recognised) {
    throw new SourceParseError(
      'not_amending_act',
      `Dokumentet er ikke en ændringslov: dokumenttypen er ${documentType ? `"${documentType}"` : 'ikke angivet'}, titlen er "${titles.title || '(ingen)'}", og ingen paragraf ændrer en anden lov.`,
    );
  }
  if (reader.sections.length === 0) warnings.push('Loven har ingen paragraf, der ændrer en anden lov (ingen AendringCentreretParagraf med ændringer).');

  const dateSigned = isoDateOrNull(meta.get('DiesSigni'));
  const inForce = reader.inForceTexts.flatMap((text) => readInForceSentence(text, dateSigned)).filter((r): r is InForceRule => r !== null);
  if (inForce.length === 0) warnings.push('Ikrafttrædelsen kunne ikke læses: ingen sætning "… træder i kraft …" eller "… fastsætter tidspunktet …".');
  if (inForce.some((r) => r.dayAfterPublication)) {
    warnings.push('Loven træder i kraft dagen efter bekendtgørelsen i Lovtidende; datoen er sat til dagen efter underskriften, indtil bekendtgørelsesdatoen kendes.');
  }

  return {
    shortName: shortNameOf(meta, documentType, dateSigned, warnings),
    title: titles.title,
    subtitle: titles.subtitle,
    documentType,
    dateSigned,
    sections: reader.sections,
    inForce,
    warnings,
  };
}

/**
 * The rule that sets when a numbered change comes into force: one naming that change, else one naming its §, else
 * the one for the whole act; null when the act says nothing that covers it.
 */
export function inForceRuleFor(act: Pick<AmendingAct, 'inForce'>, paragraph: string, number: number): InForceRule | null {
  const names = (r: InForceRule, withNumber: boolean) =>
    r.covers !== 'all' && r.covers.some((c) => c.paragraph === paragraph && (withNumber ? c.numbers?.includes(number) : c.numbers === null));
  return act.inForce.find((r) => names(r, true)) ?? act.inForce.find((r) => names(r, false)) ?? act.inForce.find((r) => r.covers === 'all') ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// The document.

function readTree(xml: string | Buffer): Element {
  const parser = guardedSaxParser();
  const stack: Element[] = [];
  let root: Element | null = null;
  let skipDepth = 0;
  // Text counts inside Char and Explicatus (and Meta's plain fields); elsewhere it is indentation.
  let wordDepth = 0;
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (!root && name !== 'Dokument') {
      throw new SourceParseError(
        'not_lexdania',
        `Dokumentet er ikke LexDania: rodelementet er <${tag.name}>, ikke <Dokument> (linje ${parser.line}).`,
        parser.line,
        parser.column,
      );
    }
    if (skipDepth > 0 || SKIPPED.has(name) || (name === 'Char' && tag.attributes['formaChar'] === 'Superscript')) {
      skipDepth++;
      return;
    }
    const element: Element = { name, attributes: tag.attributes as Record<string, string>, children: [] };
    if (root) stack[stack.length - 1]!.children.push(element);
    else root = element;
    stack.push(element);
    if (name === 'Char' || name === 'Explicatus') wordDepth++;
  });
  parser.on('closetag', () => {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    const element = stack.pop()!;
    if (element.name === 'Char' || element.name === 'Explicatus') wordDepth--;
  });
  const onText = (text: string) => {
    if (skipDepth > 0 || stack.length === 0) return;
    if (wordDepth > 0 || text.trim() !== '') stack[stack.length - 1]!.children.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.write(lexDaniaSourceText(xml)).close();
  if (!root) throw new SourceParseError('not_lexdania', 'Dokumentet har intet rodelement.');
  return root;
}

/** The 2022 schema may qualify names with a prefix; the names themselves are LexDania's. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function child(element: Element, name: string): Element | undefined {
  return element.children.find((c): c is Element => typeof c !== 'string' && c.name === name);
}

function elements(element: Element): Element[] {
  return element.children.filter((c): c is Element => typeof c !== 'string');
}

/** Printed words of an element, as the LexDania parser writes a provision's text: lines apart by a space, collapsed. */
function printedText(element: Element, leaveOut: (e: Element) => boolean = () => false): string {
  let out = '';
  const walk = (e: Element) => {
    for (const c of e.children) {
      // A line opening with a comma or full stop continues the one before (the break was a footnote mark).
      if (typeof c === 'string') out = /^\s*[,.;:]/.test(c) && /\s$/.test(out) ? out.trimEnd() + c.trimStart() : out + c;
      else if (c.name !== 'AendringsNummer' && !leaveOut(c)) {
        walk(c);
        if (LINE_ENDS.has(c.name) || c.name === 'Explicatus') out += ' ';
      }
    }
  };
  walk(element);
  return normalizeText(out);
}

function readMeta(root: Element): Map<string, string> {
  const meta = new Map<string, string>();
  const element = child(root, 'Meta');
  for (const field of element ? elements(element) : []) {
    if (!meta.has(field.name)) {
      const text = field.children.filter((c): c is string => typeof c === 'string').join('');
      if (text.trim()) meta.set(field.name, metaValue(text));
    }
  }
  return meta;
}

function readTitles(root: Element, meta: Map<string, string>): { title: string; subtitle: string | null } {
  const group = child(root, 'TitelGruppe');
  const titel = group && child(group, 'Titel');
  const underTitel = group && child(group, 'UnderTitel');
  const [metaTitle, metaSubtitle] = rawMeta(root, 'DocumentTitle')?.split('\\n') ?? [];
  const title = (titel && printedText(titel)) || normalizeText(metaTitle ?? '') || meta.get('DocumentTitle') || '';
  const subtitle = (underTitel && printedText(underTitel)) || normalizeText(metaSubtitle ?? '') || null;
  return { title, subtitle: subtitle ? subtitle.replace(/^\((.*)\)$/, '$1') : null };
}

function rawMeta(root: Element, name: string): string | undefined {
  const meta = child(root, 'Meta');
  const field = meta && child(meta, name);
  return field?.children.filter((c): c is string => typeof c === 'string').join('');
}

/** `LOV nr 1599 af 22/12/2010`: as the document names itself, else from type, number and date (the 2022 schema has no DokumentKortNavn). */
function shortNameOf(meta: Map<string, string>, documentType: string | null, dateSigned: string | null, warnings: string[]): string {
  const given = meta.get('DokumentKortNavn');
  if (given) return given;
  const type = documentType?.split(/\s/, 1)[0];
  const number = meta.get('Number');
  if (type && number && dateSigned) return `${type} nr ${number} af ${slashDate(dateSigned)}`;
  warnings.push('Dokumentet har intet kortnavn, og type, nummer og dato mangler til at danne et.');
  return meta.get('AccessionNumber') ?? '';
}

// ---------------------------------------------------------------------------------------------------------------
// The act's §§.

class ActReader {
  readonly sections: AmendingSection[] = [];
  /** Sentences that may state when (part of) the act comes into force, in document order. */
  readonly inForceTexts: string[] = [];
  /** A designation printed in an element of its own, for the § that follows (`§ 7` before an Ikraft § without one). */
  private pendingDesignation: string | null = null;

  constructor(private readonly warnings: string[]) {}

  readGroup(group: Element): void {
    for (const e of elements(group)) {
      if (GROUPS.has(e.name)) this.readGroup(e);
      else if (e.name === 'AendringCentreretParagraf' || (e.name === 'Paragraf' && amendingBody(e))) this.readAmendingParagraf(e);
      else if (e.name === 'IkraftCentreretParagraf' || e.name === 'Paragraf') this.readOwnParagraf(e);
    }
  }

  private readAmendingParagraf(e: Element): void {
    const designation = child(e, 'Explicatus');
    const paragraph = designation ? paragraphLabel(printedText(designation)) : null;
    // A principal act's § that amends another act holds its intro and changes in a Stk.
    const body = amendingBody(e) ?? e;
    const intro = elements(body)
      .filter((c) => c.name === 'Exitus')
      .map((c) => printedText(c))
      .join(' ');
    const numbered = elements(body).filter((c) => c.name === 'AendringsNummer');
    if (numbered.length > 0) {
      const label = paragraph ?? this.takePending() ?? `§ ${this.sections.length + 1}`;
      if (!paragraph) this.warnings.push(`En ændringsparagraf uden nummer er læst som ${label} ("${intro.slice(0, 60)}").`);
      this.sections.push(this.section(label, intro, numbered.flatMap((n, i) => readChanges(n, i + 1))));
      return;
    }
    if (!intro && !child(e, 'Stk')) {
      // A ministry's heading set as a § of its own (Rubrica only), or a designation split from its §.
      if (paragraph) this.pendingDesignation = paragraph;
      return;
    }
    const label = paragraph ?? this.takePending() ?? '';
    if (/^(?:lov|forordning|bekendtgørelse|anordning)\b.*\bophæves\.?$/i.test(intro)) {
      // "Lov nr. 134 af 20. marts 1976 om … ophæves.": one unnumbered change, the repeal of a whole act.
      this.sections.push(this.section(label, intro, [{ number: 1, instruction: intro, newText: [], renumbering: null }]));
      return;
    }
    this.readOwnParagraf(e, label);
  }

  private section(paragraph: string, intro: string, changes: PrintedChange[]): AmendingSection {
    const act = amendedAct(intro);
    if (!act.title) this.warnings.push(`${paragraph}: det kunne ikke læses, hvilken lov paragraffen ændrer ("${intro.slice(0, 80)}").`);
    return { paragraph, intro, actTitle: act.title, popularName: act.popularName, cites: act.cites, changes };
  }

  /** A § of the act's own (in-force, transitional, or a principal act's): its sentences that may state in-force dates. */
  private readOwnParagraf(e: Element, label?: string): void {
    const designation = child(e, 'Explicatus');
    if (!designation && label === undefined) this.takePending();
    for (const sentence of lines(e).flatMap(sentences)) if (IN_FORCE_HINT.test(sentence)) this.inForceTexts.push(sentence);
  }

  private takePending(): string | null {
    const pending = this.pendingDesignation;
    this.pendingDesignation = null;
    return pending;
  }
}

/** The element holding a §'s numbered changes: the § itself, or (in a principal act) one of its stk.; null if none. */
function amendingBody(e: Element): Element | null {
  if (child(e, 'AendringsNummer')) return e;
  return elements(e).find((c) => c.name === 'Stk' && child(c, 'AendringsNummer')) ?? null;
}

/** `§ 1.` / `§ 1` / `§ 1 a` → `§ 1`, `§ 1 a`. */
function paragraphLabel(printed: string): string | null {
  const m = /^§\s*(\d+(?:\s*[a-zæøå](?![a-zæøå]))?)/i.exec(printed);
  return m ? `§ ${m[1]!.replace(/\s+/g, ' ')}` : null;
}

/** The printed lines (Linea) of an element, outside quoted new text: in LexDania a Linea is a sentence (pkt.). */
function lines(e: Element): string[] {
  const out: string[] = [];
  const walk = (x: Element) => {
    for (const c of elements(x)) {
      if (c.name === 'Linea') out.push(printedText(c));
      else if (c.name !== 'AendringNyTekst' && c.name !== 'Explicatus') walk(c);
    }
  };
  walk(e);
  return out.filter((l) => l !== '');
}

// ---------------------------------------------------------------------------------------------------------------
// One numbered change.

/**
 * A numbered change, and the changes after it when the document nests them (wrongly) inside its new text: one act
 * in the data prints nr. 2-6 inside nr. 1's quoted stk.
 */
function readChanges(numbered: Element, position: number): PrintedChange[] {
  const nested: Element[] = [];
  const find = (e: Element) => {
    for (const c of elements(e)) (c.name === 'AendringsNummer' ? nested.push(c) : find(c));
  };
  for (const a of elements(numbered)) if (a.name === 'Aendring') find(a);
  return [readChange(numbered, position), ...nested.map((n, i) => readChange(n, position + i + 1))];
}

function readChange(numbered: Element, position: number): PrintedChange {
  const designation = child(numbered, 'Explicatus');
  const number = Number(/\d+/.exec(designation ? printedText(designation) : '')?.[0] ?? position);
  const [first, ...more] = elements(numbered).filter((c) => c.name === 'Aendring');
  const definitionOf = (a: Element | undefined) => {
    const d = a && child(a, 'AendringDefinition');
    return d ? printedText(d) : '';
  };
  let instruction = definitionOf(first);
  const newText = first ? newTextOf(first) : [];
  const renumberings: string[] = [];
  for (const a of more) {
    // A second Aendring in one number is, in the data, always its renumbering ("Stk. 3 bliver herefter stk. 4").
    const text = definitionOf(a);
    if (/bliver herefter/.test(text) && newTextOf(a).length === 0) renumberings.push(text);
    else {
      instruction = `${instruction} ${text}`.trim();
      newText.push(...newTextOf(a));
    }
  }
  for (const r of elements(numbered).filter((c) => c.name === 'Rykningsklausul')) renumberings.push(printedText(r));
  return { number, instruction, newText, renumbering: renumberings.length ? renumberings.join(' ') : null };
}

function newTextOf(aendring: Element): NewTextBlock[] {
  const action = child(aendring, 'AendringAktion');
  return action ? elements(action).filter((e) => e.name === 'AendringNyTekst').flatMap((e) => blocksIn(e)) : [];
}

/** The blocks of quoted new text, as printed: §§ (with headings), stk., nr., litra, and sentences without a designation. */
function blocksIn(container: Element): NewTextBlock[] {
  const blocks: NewTextBlock[] = [];
  let heading: string | null = null;
  const flushHeading = () => {
    if (heading !== null) blocks.push({ kind: 'text', designation: null, heading, text: heading, children: [] });
    heading = null;
  };
  for (const e of elements(container)) {
    switch (e.name) {
      case 'AendringsNummer':
        break;
      case 'Rubrica':
        flushHeading();
        heading = printedText(e);
        break;
      case 'Paragraf': {
        const own = child(e, 'Rubrica');
        blocks.push({ ...block('paragraf', e), heading: heading ?? (own ? printedText(own) : null) });
        heading = null;
        break;
      }
      case 'ParagrafGruppe': {
        const inner = blocksIn(e);
        const first = inner[0];
        if (heading !== null && first?.kind === 'paragraf' && !first.heading) first.heading = heading;
        else flushHeading();
        heading = null;
        blocks.push(...inner);
        break;
      }
      case 'Kapitel': {
        flushHeading();
        const designation = child(e, 'Explicatus');
        const rubrica = child(e, 'Rubrica');
        const title = rubrica ? printedText(rubrica) : null;
        const inner = { ...e, children: e.children.filter((c) => c !== designation && c !== rubrica) };
        blocks.push({ kind: 'kapitel', designation: designation ? printedText(designation) : null, heading: title, text: title ?? '', children: blocksIn(inner) });
        break;
      }
      case 'Stk':
        flushHeading();
        blocks.push(block('stk', e));
        break;
      case 'Indentatio':
        flushHeading();
        attachItem(blocks, block(itemKind(e), e));
        break;
      case 'Explicatus':
        // A designation alone (a new title set as a centred §, "Lov om en børne- og ungeydelse").
        flushHeading();
        blocks.push({ kind: 'text', designation: null, text: printedText(e), children: [] });
        break;
      case 'AendringCentreretParagraf':
      case 'IkraftCentreretParagraf':
        flushHeading();
        blocks.push(...blocksIn(e));
        break;
      default: {
        // Text (Exitus, Linea, a table): its words are a sentence block; numbered items inside it continue the
        // stk. printed just before (a stk. whose text ends "…, hvis" followed by "1) …", "2) …").
        flushHeading();
        const text = printedWords(printedText(e, isItemList));
        const printed = PRINTED_STK.exec(text);
        if (printed) blocks.push({ kind: 'stk', designation: printed[1]!, text: text.slice(printed[0].length), children: [] });
        else if (text) blocks.push({ kind: 'text', designation: null, text, children: [] });
        for (const item of itemsIn(e)) attachItem(blocks, item);
      }
    }
  }
  flushHeading();
  return blocks;
}

/** A designated block: its Explicatus, its own words, and its stk./nr./litra as children. */
function block(kind: 'paragraf' | 'stk' | 'nr' | 'litra', e: Element): NewTextBlock {
  const designation = child(e, 'Explicatus');
  const children: NewTextBlock[] = [];
  let text = '';
  for (const c of elements(e)) {
    if (c.name === 'Explicatus' || c.name === 'Rubrica' || c.name === 'AendringsNummer') continue;
    if (c.name === 'Stk') children.push(block('stk', c));
    else if (c.name === 'Indentatio') children.push(block(itemKind(c), c));
    else {
      text += ` ${printedText(c, isItemList)}`;
      children.push(...itemsIn(c));
    }
  }
  const own = printedWords(normalizeText(text).replace(/^\.(?:\s+|$)/, ''));
  if (!designation && kind === 'stk') {
    // "Stk. 3. Opholdskommunen …": the designation set in the stk.'s words instead of an element of its own.
    const printed = PRINTED_STK.exec(own);
    if (printed) return { kind, designation: printed[1]!, text: own.slice(printed[0].length), children };
  }
  return { kind, designation: designation ? printedText(designation) : null, text: own, children };
}

/**
 * New words as the consolidation prints them: without the closing quote mark of the new wording ("… kørsel med
 * bil.«", an unmatched « the act sets after its last line), and with the space a designation takes ("stk.1", "stk 1").
 */
function printedWords(text: string): string {
  let out = text;
  if (out.endsWith('«') && !out.includes('»')) out = out.slice(0, -1).trimEnd();
  if (out.startsWith('»') && !out.includes('«')) out = out.slice(1).trimStart();
  return out.replace(/\b(stk|nr)\.?(?=\d)/g, '$1. ').replace(/\bstk (?=\d)/g, 'stk. ');
}

/** A stk.'s designation printed at the start of its words. */
const PRINTED_STK = /^(Stk\.\s*\d+\s*[a-zæøå]?\.)\s+/;

function itemKind(e: Element): 'nr' | 'litra' {
  return e.attributes['formaInd'] === 'Litra' ? 'litra' : 'nr';
}

function isItemList(e: Element): boolean {
  return e.name === 'Index' || e.name === 'Indentatio';
}

function itemsIn(e: Element): NewTextBlock[] {
  return elements(e).flatMap((c) => (c.name === 'Indentatio' ? [block(itemKind(c), c)] : c.name === 'Index' || c.name === 'Exitus' ? itemsIn(c) : []));
}

/** A nr. or litra printed after a stk. (or a §) belongs to it; at the top, it stands alone. */
function attachItem(blocks: NewTextBlock[], item: NewTextBlock): void {
  let parent = blocks[blocks.length - 1];
  while (parent && parent.kind === 'paragraf' && parent.children.length > 0 && parent.children[parent.children.length - 1]!.kind === 'stk') {
    parent = parent.children[parent.children.length - 1];
  }
  if (parent && (parent.kind === 'stk' || parent.kind === 'paragraf' || (parent.kind === 'nr' && item.kind === 'litra'))) parent.children.push(item);
  else blocks.push(item);
}

// ---------------------------------------------------------------------------------------------------------------
// Which act a § amends.

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const DANISH_DATE = `(\\d{1,2})\\.\\s*(${MONTHS.join('|')})\\s+(\\d{4})`;

/** `9. juni 2006` → `2006-06-09`; null if it is not a date. */
export function danishDateToIso(text: string): string | null {
  const m = new RegExp(`^${DANISH_DATE}$`, 'i').exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${String(MONTHS.indexOf(m[2]!.toLowerCase()) + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isoDateOrNull(iso) && !Number.isNaN(Date.parse(iso)) && new Date(iso).toISOString().startsWith(iso) ? iso : null;
}

function slashDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** `lovbekendtgørelse`, also broken across lines as "lov-bekendt-gørelse" or "lovbe-kendtgørelse". */
const LBK = 'lov-?be-?kendt-?gø-?rel-?se';
const CITATION = new RegExp(`\\b(${LBK}|lov|bekendtgørelse) nr\\. (\\d+) af ${DANISH_DATE}`, 'i');
/** Where the amended act's name ends in the intro. */
const TITLE_END = new RegExp(`(?:,\\s*jf\\.\\s|,\\s*som ændret|,\\s*som ændres|,\\s*(?:${LBK}|lov) nr\\.|,?\\s+foretages\\b|\\s+ophæves\\.?$)`, 'i');

/**
 * The act an intro names and cites: "I lov om sygedagpenge, jf. lovbekendtgørelse nr. 920 af 22. august 2011, …",
 * "I lov nr. 563 af 9. juni 2006 om sygedagpenge, som ændret …", "I forældreansvarsloven, lov nr. 499 af …",
 * "I retsplejeloven, jf. …", and a repeal "Lov nr. 134 af 20. marts 1976 om … ophæves.".
 */
export function amendedAct(intro: string): { title: string; popularName: string | null; cites: string | null } {
  let rest = intro.replace(/^I\s+/, '');
  let cites: string | null = null;
  const numbered = new RegExp(`^(lov|${LBK}) nr\\. (\\d+) af ${DANISH_DATE}\\s+(?=om\\b|ang\\.|vedrørende\\b)`, 'i').exec(rest);
  if (numbered) {
    cites = citation(numbered[1]!, numbered[2]!, numbered.slice(3, 6));
    rest = `lov ${rest.slice(numbered[0].length)}`;
  }
  const end = TITLE_END.exec(rest);
  let title = (end ? rest.slice(0, end.index) : rest).trim();
  if (!cites) {
    const head = intro.split(/,\s*som ændre[ts]\b/)[0]!;
    const m = CITATION.exec(head);
    if (m) cites = citation(m[1]!, m[2]!, m.slice(3, 6));
  }
  let popularName: string | null = null;
  const paren = /\s*\(([^()]*)\)$/.exec(title);
  if (paren) {
    if (/^[\p{L}-]+loven$/u.test(paren[1]!)) popularName = paren[1]!;
    title = title.slice(0, paren.index);
  }
  title = title.replace(/[,\s]+$/, '');
  return { title: title ? title[0]!.toLowerCase() + title.slice(1) : '', popularName, cites };
}

function citation(kind: string, number: string, [day, month, year]: string[]): string | null {
  const iso = danishDateToIso(`${day}. ${month} ${year}`);
  if (!iso) return null;
  const type = /^lov$/i.test(kind) ? 'LOV' : /^bekendtgørelse$/i.test(kind) ? 'BEK' : 'LBK';
  return `${type} nr ${number} af ${slashDate(iso)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// In-force dates.

const IN_FORCE_HINT = /træder\s+(?:dog\s+)?(?:først\s+)?i\s+kraft|fastsætter\s+tidspunktet\s+for\s+(?:lovens\s+)?ikrafttræd/i;

/**
 * One sentence of an in-force §: "Loven træder i kraft den 2. januar 2012.", "§ 1, nr. 3 og 5, træder i kraft den
 * 1. juli 2012.", "… træder i kraft dagen efter bekendtgørelsen i Lovtidende.", "Ministeren fastsætter tidspunktet
 * for lovens ikrafttræden." A sentence about another act coming into force (a rule issued under it) is not one.
 */
export function readInForceSentence(text: string, dateSigned: string | null): InForceRule | null {
  // "Ministeren fastsætter …", not "Indtil ministeren …, fastsætter …" (a transitional rule that mentions it).
  const minister = /^[^,]*?\bfastsætter\s+tidspunktet\s+for\s+(?:(lovens)\s+)?ikrafttræd(?:en|elsen)(?:\s+af\s+(.*))?/i.exec(text);
  if (minister) {
    const covers = minister[2] && /§/.test(minister[2]) && !/^lovens\s+ikraft/i.test(minister[2]) ? coverage(minister[2]) : 'all';
    return { date: null, covers, text, setByMinister: true };
  }
  const m = /^(.*?)\s*træder\s+(?:dog\s+)?(?:først\s+)?i\s+kraft\s+(.*)$/i.exec(text);
  if (!m) return null;
  const subject = m[1]!.replace(/^Stk\.\s*\d+\.\s*/, '');
  let covers: InForceRule['covers'];
  if (/^(?:loven|denne lov)\b/i.test(subject) || subject === '') covers = 'all';
  else if (/^(?:lovens\s+|denne\s+lovs\s+)?§/i.test(subject)) covers = coverage(subject);
  else return null;
  if (covers !== 'all' && covers.length === 0) return null;
  const when = m[2]!;
  if (/^dagen\s+efter\s+(?:bekendtgørelsen|offentliggørelsen)/i.test(when)) {
    return { date: dateSigned ? addDays(dateSigned, 1) : null, covers, text, dayAfterPublication: true };
  }
  const date = new RegExp(`^(?:den\\s+)?${DANISH_DATE}`, 'i').exec(when);
  return { date: date ? danishDateToIso(`${date[1]}. ${date[2]} ${date[3]}`) : null, covers, text };
}

/**
 * A line that holds more than one sentence ("Loven træder i kraft den 1. juli 2010. § 14, stk. 3, … træder dog først
 * i kraft …"): split after a full stop that ends a year or a word, before a capital or a §; "stk. 2", "jf. §", "1. juli" stay whole.
 */
function sentences(line: string): string[] {
  return line.split(/(?<=(?:\d{4}|[a-zæøå]{3,}|[)«])\.)\s+(?=[A-ZÆØÅ§])/);
}

/**
 * The act's own §§ and numbered changes a phrase names: "§ 1, nr. 1-12 og 38, og § 3" → [{ § 1, [1…12, 38] }, { § 3,
 * null }]; "§§ 2-4" → §§ 2, 3 and 4. Where it also names provisions of the amended act ("§ 13, stk. 1, i lov om
 * sygedagpenge som ændret ved denne lovs § 1, nr. 1-3"), only what follows "denne lovs" is the act's own.
 */
function coverage(phrase: string): { paragraph: string; numbers: number[] | null }[] {
  const segments = phrase.split(/denne\s+lovs\s+/i);
  if (segments.length === 1) return references(phrase, false);
  return segments.flatMap((segment) => references(segment, true));
}

/** The references at the start of a phrase; `strict`: up to the first that has a stk. or names another act ("… i lov om …"). */
function references(phrase: string, strict: boolean): { paragraph: string; numbers: number[] | null }[] {
  const out: { paragraph: string; numbers: number[] | null }[] = [];
  for (const chunk of phrase.split(/(?=§)/).filter((c) => c.startsWith('§'))) {
    if (strict && (/\bstk\./i.test(chunk) || /\si\s+(?:lov\b|[\p{L}-]+loven\b)/iu.test(chunk))) break;
    const body = chunk.replace(/^§§?\s*/, '');
    const nr = /^(\d+(?:\s+[a-zæøå](?![a-zæøå]))?)\s*,\s*nr\.\s*([\d\s,og-]+)/i.exec(body);
    if (nr) {
      out.push({ paragraph: `§ ${nr[1]!.replace(/\s+/g, ' ')}`, numbers: expandList(nr[2]!) });
      continue;
    }
    const list = /^[\d\s,og-]+(?:\s+[a-zæøå](?![a-zæøå]))?/i.exec(body)?.[0] ?? '';
    const letter = /^(\d+)\s+([a-zæøå])$/i.exec(list.trim());
    if (letter) out.push({ paragraph: `§ ${letter[1]} ${letter[2]}`, numbers: null });
    else for (const n of expandList(list)) out.push({ paragraph: `§ ${n}`, numbers: null });
  }
  return out;
}

/** "1-12 og 38" → [1, …, 12, 38]. */
function expandList(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(\d+)(?:\s*-\s*(\d+))?/g)) {
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    for (let n = from; n <= to && n - from < 1000; n++) out.push(n);
  }
  return out;
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
