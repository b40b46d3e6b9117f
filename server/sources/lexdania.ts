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
const SKIPPED = new Set(['Ikraft', 'Nota', 'Indledning', 'Hymne', 'Bilag', 'UnderskriftGruppe', 'AendresAf']);

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

interface TextSink {
  text: string;
}

/** Parses one LexDania 2.1 document. Throws SourceParseError when it is not well-formed XML or not LexDania. */
export function parseLexDania(xml: string | Buffer): ParsedVersion {
  const source = typeof xml === 'string' ? stripBom(xml) : decodeXml(xml);
  const collector = new ProvisionCollector();
  const meta = new Map<string, string>();
  const parser = new SaxesParser({ position: true, xmlns: false });

  const names: string[] = [];
  let skipDepth = 0;
  let sawRoot = false;

  // Where Char and Explicatus text goes: the innermost provision, a heading buffer, or nowhere (null).
  const targets: (TextSink | null)[] = [null];
  const targetDepths: number[] = [0];
  const pushTarget = (sink: TextSink | null) => {
    targets.push(sink);
    targetDepths.push(names.length);
  };
  let inChar = false;
  let inExplicatus = false;

  // Provisions under construction: the open §, stk., nr. and litra, innermost last.
  const frames: OutlineNode[] = [];
  const frameDepths: number[] = [];
  // Inside an amendment's new wording (AendringNyTekst) the quoted §§ and stk. are text of the change, not provisions.
  let quoteDepth = 0;

  let metaDepth = 0;
  let metaField: string | null = null;
  let metaText = '';
  const title: TextSink = { text: '' };
  let explicatus: TextSink = { text: '' };
  let rubrica: TextSink = { text: '' };

  let chapterDesignation: string | null = null;
  let chapterHeading: string | null = null;
  let chapter: string | null = null;
  let pendingHeading: string | null = null;

  const openFrame = (node: OutlineNode) => {
    frames[frames.length - 1]?.children.push(node);
    frames.push(node);
    frameDepths.push(names.length);
    pushTarget(node);
  };

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

  parser.on('text', (text) => {
    if (skipDepth > 0) return;
    if (inChar || inExplicatus) {
      const sink = targets[targets.length - 1];
      if (sink) sink.text += text;
    } else if (metaField !== null) {
      metaText += text;
    }
  });
  parser.on('cdata', (text) => {
    if (skipDepth === 0 && (inChar || inExplicatus)) {
      const sink = targets[targets.length - 1];
      if (sink) sink.text += text;
    }
  });

  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    const name = tag.name;
    if (!sawRoot) {
      sawRoot = true;
      if (name !== 'Dokument') {
        throw new SourceParseError(
          'not_lexdania',
          `Dokumentet er ikke LexDania: rodelementet er <${name}>, ikke <Dokument> (linje ${parser.line}).`,
          parser.line,
          parser.column,
        );
      }
    }
    if (SKIPPED.has(name) || (name === 'Char' && tag.attributes['formaChar'] === 'Superscript')) {
      skipDepth = 1;
      return;
    }
    const parent = names[names.length - 1];
    names.push(name);

    switch (name) {
      case 'Char':
        inChar = true;
        return;
      case 'Linea':
        return;
      case 'Explicatus':
        inExplicatus = true;
        if (quoteDepth > 0) {
          // Quoted new wording prints its designations inline: "»§ 66. Tilsidesætter … Stk. 2. …«".
          const sink = targets[targets.length - 1];
          if (sink && !sink.text.endsWith('»')) sink.text += ' ';
        } else {
          explicatus = { text: '' };
          pushTarget(explicatus);
        }
        return;
      case 'Meta':
        metaDepth = names.length;
        return;
      case 'TitelGruppe':
        pushTarget(title);
        return;
      case 'Kapitel':
        chapterDesignation = chapterHeading = chapter = null;
        return;
      case 'Rubrica':
        if (quoteDepth > 0) return;
        if (parent === 'Kapitel' || parent === 'ParagrafGruppe') {
          rubrica = { text: '' };
          pushTarget(rubrica);
        } else {
          pushTarget(null); // Afsnit and Bog headings: not needed for the chapter context
        }
        return;
      case 'AendringNyTekst': {
        quoteDepth++;
        const sink = targets[targets.length - 1];
        if (sink) sink.text = `${sink.text.trimEnd()} »`;
        return;
      }
      case 'Stk':
        if (quoteDepth === 0 && frames.length > 0) openFrame(outlineNode('stk'));
        return;
      case 'Indentatio':
        if (quoteDepth === 0 && frames.length > 0) {
          openFrame(outlineNode(tag.attributes['formaInd'] === 'Litra' ? 'litra' : 'nr'));
        }
        return;
      case 'AendringsNummer':
        if (quoteDepth === 0 && frames.length > 0) openFrame(outlineNode('nr'));
        return;
    }
    if (metaDepth > 0) {
      if (names.length === metaDepth + 1 && META_FIELDS.has(name) && !meta.has(name)) {
        metaField = name;
        metaText = '';
      }
      return;
    }
    if (PARAGRAF_ELEMENTS.has(name) && quoteDepth === 0 && frames.length === 0) {
      if (chapter === null && (chapterDesignation || chapterHeading)) chapter = chapterLabel(chapterDesignation, chapterHeading);
      const paragraf: OutlineParagraf = { ...outlineNode('paragraf'), kind: 'paragraf', chapter, heading: pendingHeading };
      pendingHeading = null;
      openFrame(paragraf);
    }
  });

  parser.on('closetag', () => {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    const depth = names.length;
    const name = names.pop()!;
    const parent = names[names.length - 1];

    if (name === 'Char') {
      inChar = false;
      return;
    }
    if (name === 'Linea' || name === 'Exitus' || name === 'Td' || name === 'Th') {
      // Lines, paragraphs of text and table cells are separated by a space; Chars inside a line are not.
      const sink = targets[targets.length - 1];
      if (sink) sink.text += ' ';
      return;
    }
    if (name === 'Explicatus') {
      inExplicatus = false;
      if (quoteDepth > 0) {
        const sink = targets[targets.length - 1];
        if (sink) sink.text += ' ';
      }
    }

    let closedTarget: TextSink | null = null;
    if (targetDepths[targetDepths.length - 1] === depth) {
      closedTarget = targets.pop() ?? null;
      targetDepths.pop();
    }

    if (name === 'Explicatus' && closedTarget === explicatus) {
      const frame = frames[frames.length - 1];
      if (frame && frameDepths[frameDepths.length - 1] === depth - 1) frame.designation = explicatus.text;
      else if (parent === 'Kapitel') chapterDesignation = explicatus.text;
      return;
    }
    if (name === 'Rubrica' && closedTarget === rubrica) {
      if (parent === 'Kapitel') chapterHeading = rubrica.text;
      else pendingHeading = normalizeText(rubrica.text) || null;
      return;
    }
    if (frameDepths[frameDepths.length - 1] === depth) {
      const frame = frames.pop()!;
      frameDepths.pop();
      if (frames.length === 0) collector.addParagraf(frame as OutlineParagraf);
      return;
    }
    switch (name) {
      case 'AendringNyTekst': {
        quoteDepth--;
        const sink = targets[targets.length - 1];
        if (sink) {
          const text = sink.text.trimEnd();
          sink.text = text.endsWith('»') ? `${text.slice(0, -1)} ` : `${text}« `;
        }
        return;
      }
      case 'ParagrafGruppe':
        pendingHeading = null;
        return;
      case 'Kapitel':
        chapterDesignation = chapterHeading = chapter = null;
        return;
      case 'Meta':
        metaDepth = 0;
        return;
    }
    if (metaField === name && depth === metaDepth + 1) {
      meta.set(name, metaValue(metaText));
      metaField = null;
    }
  });

  parser.write(source).close();
  if (!sawRoot) throw new SourceParseError('not_lexdania', 'Dokumentet har intet rodelement.');

  const year = integerOrNull(meta.get('Year'));
  const number = integerOrNull(meta.get('Number'));
  const shortName = meta.get('DokumentKortNavn') || null;
  const version: ParsedVersion = {
    shortName,
    title: meta.get('DocumentTitle') || normalizeText(title.text) || shortName || '',
    documentType: meta.get('DocumentType')?.split(/[\s#]/, 1)[0] || null,
    accessionNumber: meta.get('AccessionNumber') || null,
    year,
    number,
    dateSigned: isoDateOrNull(meta.get('DiesSigni')),
    status: meta.get('Status') || null,
    eli: year !== null && number !== null ? `https://www.retsinformation.dk/eli/lta/${year}/${number}` : null,
    popularTitle: meta.get('PopularTitle') || null,
    provisions: collector.provisions,
  };
  if (collector.warnings.length > 0) version.warnings = collector.warnings;
  return version;
}

/** Meta fields write line breaks as the two characters backslash and n. */
function metaValue(text: string): string {
  return normalizeText(text.replace(/\\n/g, ' '));
}

function integerOrNull(text: string | undefined): number | null {
  if (!text || !/^\d+$/.test(text)) return null;
  return Number(text);
}

function isoDateOrNull(text: string | undefined): string | null {
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
