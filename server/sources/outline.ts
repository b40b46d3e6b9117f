// The outline both importers build (a § with its stk., nr. and litra as printed), and the one place that
// turns it into labelled, keyed provisions, so XML and pasted text follow the same citation rules.
import {
  parseItemDesignation,
  parseLabel,
  parseStkDesignation,
  provisionKey,
  provisionLabel,
  type ProvisionParts,
} from './labels.js';
import type { ParsedProvision, ProvisionKind } from './provision.types.js';

export interface OutlineNode {
  kind: 'paragraf' | 'stk' | 'nr' | 'litra';
  /** The printed designation as found ("§ 12 a.", "Stk. 2.", "3)", "b)"), or null when there is none. */
  designation: string | null;
  /** Own text, not yet normalised; pieces may be separated by spaces in any amount. */
  text: string;
  children: OutlineNode[];
}

export interface OutlineParagraf extends OutlineNode {
  kind: 'paragraf';
  chapter: string | null;
  heading: string | null;
}

export function outlineNode(kind: OutlineNode['kind'], designation: string | null = null): OutlineNode {
  return { kind, designation, text: '', children: [] };
}

/**
 * Characters that print as nothing: soft hyphens, and the zero-width (non-)joiners and spaces Retsinformation's
 * editor leaves inside words and after "§" ("§ \u200c\u200c66", "v\u200dar\u200det…").
 */
export const INVISIBLE = /[\u00ad\u200b-\u200d\u2060]/g;

/** Invisible characters out, NBSP and every other whitespace run as one space, trimmed. */
export function normalizeText(text: string): string {
  INVISIBLE.lastIndex = 0;
  const visible = INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text;
  // Only runs of two or more, and single whitespace other than a plain space, need replacing: far fewer matches
  // than replacing every space with itself. (\s covers NBSP, U+2005, U+2028, U+2029 and U+FEFF.)
  return visible.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

const REPEALED = /^\(ophævet\)\.?$/i;
// The printed text of a § that lost its Explicatus can start with its own designation, "§ 78. Ingen må …".
const LEADING_DESIGNATION = /^(§§?\s*\d+[^.]{0,20}?)\.(?:\s+|$)/;

/** Collects provisions in document order, with unique keys. */
export class ProvisionCollector {
  readonly provisions: ParsedProvision[] = [];
  readonly warnings: string[] = [];
  private readonly keys = new Set<string>();

  /** Adds a § (or range) and everything under it; a § whose number cannot be read is left out with a warning. */
  addParagraf(node: OutlineParagraf): void {
    let text = node.text;
    let parts = node.designation ? paragrafParts(node.designation) : null;
    let children = node.children;
    if (!parts) {
      const first = children[0]?.kind === 'stk' ? children[0] : node;
      const m = LEADING_DESIGNATION.exec(normalizeText(first.text));
      parts = m ? paragrafParts(m[1]!) : null;
      if (parts && m) {
        if (first === node) text = normalizeText(node.text).slice(m[0].length);
        else children = [{ ...first, text: normalizeText(first.text).slice(m[0].length) }, ...children.slice(1)];
      }
    }
    if (!parts) {
      const where = node.chapter ? ` i ${node.chapter}` : '';
      const what = normalizeText(node.text || (children[0]?.text ?? '')).slice(0, 60);
      this.warnings.push(`En paragraf uden nummer${where} er sprunget over ("${what}")`);
      return;
    }
    const stks = children.filter((c) => c.kind === 'stk');
    const first = stks[0];
    if (stks.length === 1 && first && (first.designation === null || parseStkDesignation(first.designation)?.stk === 1)) {
      // A § with one stk. is cited as the § itself: the stk.'s words and items are the §'s own.
      text = joinText(text, first.text);
      children = children.flatMap((c) => (c === first ? c.children : [c]));
    }
    const kind: ProvisionKind = parts.paragrafTo ? 'range' : 'paragraf';
    const key = this.push(parts, kind, text, null, node.chapter, node.heading);
    this.addChildren(children, parts, key, node.chapter);
  }

  private addChildren(nodes: OutlineNode[], parentParts: ProvisionParts, parentKey: string, chapter: string | null): void {
    let stkNumber = 0;
    let nrNumber = 0;
    let litraIndex = 0;
    for (const node of nodes) {
      let parts: ProvisionParts;
      let kind: ProvisionKind;
      if (node.kind === 'stk') {
        const d = node.designation ? parseStkDesignation(node.designation) : null;
        const stk = d?.stk ?? stkNumber + 1;
        stkNumber = d?.stkTo ?? stk;
        parts = { ...parentParts, stk, stkTo: d?.stkTo ?? null, nr: null, litra: null };
        kind = 'stk';
      } else {
        const d = node.designation ? parseItemDesignation(node.designation) : null;
        if (d && 'litra' in d) {
          parts = { ...parentParts, litra: d.litra };
          litraIndex = d.litra.charCodeAt(0) - 96;
          kind = 'litra';
        } else if (d && 'nr' in d) {
          parts = { ...parentParts, nr: d.nr, litra: null };
          nrNumber = d.nr.number;
          kind = 'nr';
        } else if (node.kind === 'litra') {
          litraIndex += 1;
          parts = { ...parentParts, litra: String.fromCharCode(96 + litraIndex) };
          kind = 'litra';
        } else {
          nrNumber += 1;
          parts = { ...parentParts, nr: { number: nrNumber, letter: null }, litra: null };
          kind = 'nr';
        }
      }
      const key = this.push(parts, kind, node.text, parentKey, chapter, null);
      this.addChildren(node.children, parts, key, chapter);
    }
  }

  private push(
    parts: ProvisionParts,
    kind: ProvisionKind,
    rawText: string,
    parentKey: string | null,
    chapter: string | null,
    heading: string | null,
  ): string {
    let key = provisionKey(parts);
    const label = provisionLabel(parts);
    if (this.keys.has(key)) {
      // Two provisions printed with the same designation: keep both, the second one marked, and say so.
      let n = 2;
      while (this.keys.has(`${key}~${n}`)) n++;
      this.warnings.push(`${label} forekommer mere end én gang; nr. ${n} har fået nøglen ${key}~${n}`);
      key = `${key}~${n}`;
    }
    this.keys.add(key);
    // An Explicatus printed without its full stop leaves the stop at the start of the text ("Stk. 3" + ". Retten …").
    const text = normalizeText(rawText).replace(/^\.(?:\s+|$)/, '');
    const provision: ParsedProvision = {
      key,
      label,
      kind,
      text,
      parentKey,
      position: this.provisions.length,
      chapter,
      repealed: REPEALED.test(text),
    };
    if (heading) provision.heading = heading;
    this.provisions.push(provision);
    return key;
  }
}

function paragrafParts(designation: string): ProvisionParts | null {
  const parts = parseLabel(designation);
  if (!parts || parts.stk !== null || parts.nr !== null || parts.litra !== null) return null;
  return parts;
}

function joinText(a: string, b: string): string {
  return a && b ? `${a} ${b}` : a || b;
}

/** "Kapitel 3." + "Ret til sygedagpenge" → "Kapitel 3. Ret til sygedagpenge". */
export function chapterLabel(designation: string | null, heading: string | null): string | null {
  const d = designation ? normalizeText(designation).replace(/\.$/, '') : '';
  const h = heading ? normalizeText(heading) : '';
  if (d && h) return `${d}. ${h}`;
  return d || h || null;
}
