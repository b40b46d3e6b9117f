// Applies the numbered changes of amending acts to an act in force, provision by provision: the projected text.
import { parseItemDesignation, parseKey, parseLabel, parseStkDesignation, provisionLabel, type ProvisionParts } from '../sources/labels.js';
import { normalizeText, ProvisionCollector, type OutlineNode, type OutlineParagraf } from '../sources/outline.js';
import type { ParsedVersion } from '../sources/provision.types.js';
import type { InstructionAction, InstructionTarget, NewTextBlock, ParsedInstruction, PrintedChange } from './amendment.types.js';
import { parseInstruction } from './instructions.js';

type NodeKind = 'paragraf' | 'stk' | 'nr' | 'litra';

/** A provision while changes are applied: found by the designation it had before the current act, printed with its new one. */
interface Node {
  kind: NodeKind;
  /** Current designation: `12 a` (§ or nr.), `2` (stk.), `b` (litra), `20-31` (a § range, never renumbered). */
  d: string;
  /** The designation when the current act began; null for what the act inserted. Instructions cite these. */
  orig: string | null;
  /** The designation before each act applied (by the act's place in the order); null where it was not in force. */
  history?: (string | null)[];
  text: string;
  heading: string | null;
  chapter: string | null;
  children: Node[];
  removed: boolean;
  /** A range placeholder (`§§ 20-31`). */
  range?: boolean;
}

export interface UnappliedChange {
  act: string;
  number: number;
  instruction: string;
  reason: string;
}

export interface AppliedAmendments {
  version: ParsedVersion;
  applied: number;
  unapplied: UnappliedChange[];
}

class CannotApply extends Error {}

/**
 * The act `base` with `changes` applied in order. Each act's instructions cite the act as it stood before that act
 * (the drafting convention: "§ 4, stk. 5, der bliver stk. 6"), so stk., nr. and litra are renumbered once an act's
 * changes are all in. A change that cannot be applied is listed with the reason, never dropped.
 */
export function applyAmendments(base: ParsedVersion, changes: { act: string; change: PrintedChange }[]): AppliedAmendments {
  const tree = treeOf(base);
  // A repealed § is printed as the act already prints its repealed §§: "(Ophævet)" in most, "(Ophævet)." in some.
  const repealedText = base.provisions.find((p) => p.repealed)?.text ?? '(Ophævet)';
  const unapplied: UnappliedChange[] = [];
  let applied = 0;
  let i = 0;
  const signed: (string | null)[] = [];
  while (i < changes.length) {
    const act = changes[i]!.act;
    signed.push(signingDate(act));
    beginAct(tree, signed);
    const touched = new Set<Node[]>();
    for (; i < changes.length && changes[i]!.act === act; i++) {
      const { change } = changes[i]!;
      const failure = applyChange(tree, change, touched, repealedText);
      if (failure) unapplied.push({ act, number: change.number, instruction: change.instruction, reason: failure });
      else applied++;
    }
    for (const siblings of touched) renumber(siblings);
  }
  return { version: versionOf(base, tree), applied, unapplied };
}

// ---------------------------------------------------------------------------------------------------------------
// The tree: from a parsed version, and back through the same collector the parser uses.

function designationOf(parts: ProvisionParts, kind: NodeKind): string {
  if (kind === 'paragraf') return parts.paragrafTo ? '' : des(parts.paragraf);
  if (kind === 'stk') return String(parts.stk);
  if (kind === 'nr') return des(parts.nr!);
  return parts.litra!;
}

function des(d: { number: number; letter: string | null }): string {
  return d.letter ? `${d.number} ${d.letter}` : String(d.number);
}

function treeOf(version: ParsedVersion): Node[] {
  const byKey = new Map<string, Node>();
  const top: Node[] = [];
  for (const p of version.provisions) {
    const parts = parseKey(p.key.replace(/~\d+$/, ''));
    const kind: NodeKind = p.kind === 'range' ? 'paragraf' : p.kind;
    const node: Node = {
      kind,
      d: p.kind === 'range' ? p.label.replace(/^§§\s*/, '') : parts ? designationOf(parts, kind) : p.label,
      orig: null,
      text: p.text,
      heading: p.heading ?? null,
      chapter: p.chapter,
      children: [],
      removed: false,
      range: p.kind === 'range' || undefined,
    };
    byKey.set(p.key, node);
    const parent = p.parentKey ? byKey.get(p.parentKey) : undefined;
    if (!parent) top.push(node);
    else parent.children.push(node);
  }
  // A § printed without stk. is its stk. 1: make it explicit, so a new stk. 2 has a sibling to follow.
  for (const paragraf of top) {
    if (!paragraf.range && !paragraf.children.some((c) => c.kind === 'stk')) {
      paragraf.children = [{ kind: 'stk', d: '1', orig: null, text: paragraf.text, heading: null, chapter: null, children: paragraf.children, removed: false }];
      paragraf.text = '';
    }
  }
  return top;
}

function versionOf(base: ParsedVersion, tree: Node[]): ParsedVersion {
  const collector = new ProvisionCollector();
  for (const p of tree) {
    if (p.removed) continue;
    const designation = p.range ? `§§ ${p.d}.` : `§ ${p.d}.`;
    const paragraf: OutlineParagraf = { kind: 'paragraf', designation, text: p.text, children: outline(p.children), chapter: p.chapter, heading: p.heading };
    collector.addParagraf(paragraf);
  }
  const version: ParsedVersion = { ...base, provisions: collector.provisions };
  if (collector.warnings.length > 0) version.warnings = [...(base.warnings ?? []), ...collector.warnings];
  return version;
}

function outline(nodes: Node[]): OutlineNode[] {
  return nodes
    .filter((n) => !n.removed)
    .map((n) => ({
      kind: n.kind,
      designation: n.kind === 'stk' ? `Stk. ${n.d}.` : n.kind === 'paragraf' ? `§ ${n.d}.` : `${n.d})`,
      text: n.text,
      children: outline(n.children),
    }));
}

/**
 * Before the next act (the last of `signed`): each provision's designation as that act cites it. An act cites the act
 * as it stood when it was signed, with every act signed before it, even one in force later ("som ændret ved lov nr.
 * 1539"): where an act signed after it has been applied first (in force earlier), it cites the numbers from before that
 * act ("§ 25, stk. 2" that the later act has since made stk. 3).
 */
function beginAct(tree: Node[], signed: (string | null)[]): void {
  const now = signed.length - 1;
  const date = signed[now];
  const later = date ? signed.findIndex((d, k) => k < now && d !== null && d > date) : -1;
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      (n.history ??= [])[now] = n.removed ? null : n.d;
      n.orig = later >= 0 ? (n.history[later] ?? null) : n.history[now]!;
      walk(n.children);
    }
  };
  walk(tree);
}

/** `LOV nr 1539 af 21/12/2010` → `2010-12-21`; null for a bill or a name without a date. */
function signingDate(act: string): string | null {
  const m = /af (\d{2})\/(\d{2})\/(\d{4})\s*$/.exec(act);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

/** After an act: stk. are numbered 1, 2, 3 …; plain nr. and litra follow on from one another; lettered ones (nr. 2 a) keep theirs. */
function renumber(siblings: Node[]): void {
  let stk = 0;
  let nr = 0;
  let litra = 0;
  for (const n of siblings) {
    if (n.removed) continue;
    if (n.kind === 'stk') n.d = String(++stk);
    else if (n.kind === 'nr') {
      const m = /^(\d+)(?: ([a-zæøå]))?$/.exec(n.d);
      if (m && m[2]) nr = Number(m[1]);
      else n.d = String(++nr);
    } else if (n.kind === 'litra') {
      if (n.d.length === 1) n.d = String.fromCharCode(97 + litra++);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Finding what an instruction names.

interface Place {
  node: Node;
  /** The list the node sits in, so siblings can be inserted and renumbered. */
  siblings: Node[];
}

function findIn(siblings: Node[], kind: NodeKind, d: string): Node | undefined {
  const live = siblings.filter((n) => n.kind === kind && !n.removed);
  return live.find((n) => n.orig === d) ?? live.find((n) => n.orig === null && n.d === d) ?? siblings.find((n) => n.kind === kind && n.orig === d);
}

function resolve(tree: Node[], label: string): Place {
  const parts = parseLabel(label);
  if (!parts) throw new CannotApply(`»${label}« er ikke en henvisning til en bestemmelse`);
  const paragraf = findIn(tree, 'paragraf', des(parts.paragraf));
  if (!paragraf) throw new CannotApply(`§ ${des(parts.paragraf)} findes ikke i loven`);
  let place: Place = { node: paragraf, siblings: tree };
  if (parts.stk !== null) {
    const stk = findIn(paragraf.children, 'stk', String(parts.stk));
    if (!stk) throw new CannotApply(`${label}: stk. ${parts.stk} findes ikke`);
    place = { node: stk, siblings: paragraf.children };
  } else if (parts.nr || parts.litra) {
    // "§ 6, nr. 2": a § without stk. holds its items in its (implicit) stk. 1.
    const only = paragraf.children.filter((c) => c.kind === 'stk' && !c.removed);
    if (only.length !== 1) throw new CannotApply(`${label}: paragraffen har flere stykker; angiv stykket`);
    place = { node: only[0]!, siblings: paragraf.children };
  }
  if (parts.nr) {
    const nr = findIn(place.node.children, 'nr', des(parts.nr));
    if (!nr) throw new CannotApply(`${label}: nr. ${des(parts.nr)} findes ikke`);
    place = { node: nr, siblings: place.node.children };
  }
  if (parts.litra) {
    const litra = findIn(place.node.children, 'litra', parts.litra);
    if (!litra) throw new CannotApply(`${label}: litra ${parts.litra} findes ikke`);
    place = { node: litra, siblings: place.node.children };
  }
  return place;
}

/** Where a provision keeps its own sentences: a § without stk. keeps them in its implicit stk. 1. */
function ownTextNode(node: Node): Node {
  if (node.kind !== 'paragraf' || node.text) return node;
  const live = node.children.filter((c) => c.kind === 'stk' && !c.removed);
  return live.length === 1 ? live[0]! : node;
}

/** The node and everything under it that is still in force. */
function textNodes(node: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    if (n.removed) return;
    out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Applying one numbered change.

function applyChange(tree: Node[], change: PrintedChange, touched: Set<Node[]>, repealedText: string): string | null {
  const result = parseInstruction(change.instruction);
  if (!result.ok) return `Instruktionen kan ikke læses: ${result.reason}`;
  const instruction = withCurrentSentences(result.instruction);
  mergeReplacements(instruction);
  mergeReplacements(result.instruction);
  let blocks = [...change.newText];
  const failures: string[] = [];
  const inserted: Inserted = new Map();
  instruction.actions.forEach((action, i) => {
    try {
      blocks = applyAction(tree, instruction, action, blocks, touched, repealedText, inserted);
    } catch (err) {
      if (!(err instanceof CannotApply)) throw err;
      // "ændres i 4. pkt., der bliver 5. pkt., … og efter 3. pkt. indsættes": the sentence that moves has not moved
      // yet when its own instruction inserts the new one later, so the number as cited is tried too.
      const cited = result.instruction.actions[i]!;
      if (instruction !== result.instruction && (cited.kind === 'erstattes' || (cited.kind === 'indsaettes' && cited.anchorWords !== null))) {
        try {
          blocks = applyAction(tree, result.instruction, citedOnly(cited, result.instruction, action, instruction), blocks, touched, repealedText, inserted);
          return;
        } catch (again) {
          if (!(again instanceof CannotApply)) throw again;
        }
      }
      failures.push(err.message);
    }
  });
  return failures.length ? failures.join('; ') : null;
}

/**
 * The action as cited, for the places it names differently from the action as read with the current sentence
 * numbers: the places both name the same were changed already (words are replaced in each place that has them).
 */
function citedOnly(cited: InstructionAction, citedIn: ParsedInstruction, current: InstructionAction, currentIn: ParsedInstruction): InstructionAction {
  if (cited.kind !== 'erstattes') return cited;
  const done = new Set((current.targets ?? currentIn.targets).map((t) => JSON.stringify(t)));
  return { ...cited, targets: (cited.targets ?? citedIn.targets).filter((t) => !done.has(JSON.stringify(t))) };
}

/**
 * "ændres »anmelde« til: »anmode« og »anmeldelse« til: »anmodning«" is one replacement of several pairs in the text
 * as it stood, though the parser reads it as two clauses: adjacent replacements at the same place become one.
 */
function mergeReplacements(instruction: ParsedInstruction): void {
  const same = (a?: InstructionTarget[], b?: InstructionTarget[]) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const out: InstructionAction[] = [];
  for (const a of instruction.actions) {
    const prev = out[out.length - 1];
    if (prev?.kind === 'erstattes' && a.kind === 'erstattes' && same(prev.targets, a.targets) && a.replacements.every((r) => r.from) && prev.replacements.every((r) => r.from)) {
      out[out.length - 1] = { ...prev, replacements: [...prev.replacements, ...a.replacements] };
    } else out.push(a);
  }
  instruction.actions = out;
}

/**
 * Sentences are not renumbered by the engine, so an instruction that says "3. pkt., der bliver 4. pkt." (an earlier
 * change of the same act put a sentence before it) is read with the sentence number the text now has.
 */
function withCurrentSentences(instruction: ParsedInstruction): ParsedInstruction {
  const moved = new Map<string, number[]>();
  for (const a of instruction.actions) {
    if (a.kind !== 'renummereres') continue;
    const to = /((?:\d+\. og )*\d+)\. pkt\.$/.exec(a.to);
    if (to && /pkt\.$/.test(a.from)) moved.set(a.from, to[1]!.split('. og ').map(Number));
  }
  if (moved.size === 0) return instruction;
  const current = (t: InstructionTarget): InstructionTarget => {
    const key = t.sentences ? `${t.label}, ${t.sentences.join('. og ')}. pkt.` : '';
    const to = moved.get(key);
    return to ? { ...t, sentences: to } : t;
  };
  return {
    ...instruction,
    targets: instruction.targets.map(current),
    actions: instruction.actions.map((a) => (a.targets ? { ...a, targets: a.targets.map(current) } : a)),
  };
}

/** Applies one action; returns the new-text blocks it did not use (for the next action of the same change). */
function applyAction(
  tree: Node[],
  instruction: ParsedInstruction,
  action: InstructionAction,
  blocks: NewTextBlock[],
  touched: Set<Node[]>,
  repealedText: string,
  inserted: Inserted,
): NewTextBlock[] {
  const targets = action.targets ?? instruction.targets;
  switch (action.kind) {
    case 'renummereres':
      // The engine renumbers stk., nr. and litra itself when the act is done; the statement only confirms it.
      return blocks;
    case 'erstattes':
      replaceWords(tree, instruction, targets, action.replacements);
      return blocks;
    case 'ophaeves':
      for (const t of targets) repeal(tree, t, touched, repealedText);
      return blocks;
    case 'affattes':
      return rewrite(tree, targets, blocks, touched);
    case 'indsaettes':
      return insert(tree, targets, action, blocks, touched, inserted);
  }
}

function isProvision(t: InstructionTarget): boolean {
  return !t.element || t.element === 'indledning';
}

function replaceWords(tree: Node[], instruction: ParsedInstruction, targets: InstructionTarget[], replacements: { from: string; to: string }[]): void {
  if (instruction.everywhere && (targets.length === 0 || !instruction.targets.length)) {
    const except = new Set((instruction.except ?? []).flatMap((t) => (isProvision(t) ? safeTextNodes(tree, t.label) : [])));
    const nodes = tree.flatMap((p) => textNodes(p)).filter((n) => !except.has(n));
    for (const r of replacements) {
      const from = normalizeText(r.from);
      let found = false;
      for (const n of nodes) {
        if (n.text.includes(from)) {
          n.text = substitute(n.text, from, normalizeText(r.to));
          found = true;
        }
        if (n.heading?.includes(from)) n.heading = substitute(n.heading, from, normalizeText(r.to));
      }
      if (!found) throw new CannotApply(`»${r.from}« findes ikke i loven`);
    }
    return;
  }
  // Each place named is changed where it can be; the places that cannot are reported together at the end.
  const failures: string[] = [];
  for (const t of targets) {
    if (t.element === 'overskrift') {
      replaceInHeading(tree, t, replacements);
      continue;
    }
    if (!isProvision(t)) continue; // the title, its footnote, annexes: not provisions of the act
    try {
      replaceWordsAt(tree, t, replacements);
    } catch (err) {
      if (!(err instanceof CannotApply)) throw err;
      failures.push(err.message);
    }
  }
  if (failures.length) throw new CannotApply(failures.join('; '));
}

function replaceWordsAt(tree: Node[], t: InstructionTarget, replacements: { from: string; to: string }[]): void {
  const place = resolve(tree, t.label);
  const nodes = t.sentences ? [ownTextNode(place.node)] : textNodes(place.node);
  // The pairs of one instruction replace words of the text as it stood: "»anmelde« til: »anmode« og »anmeldelse«
  // til: »anmodning«" must not turn "anmeldelse" into "anmodelse" first.
  const pairs = replacements.map((r) => ({ from: normalizeText(r.from), to: normalizeText(r.to), found: false }));
  for (const n of nodes) {
    const next = t.sentences ? withSentences(n.text, t.sentences, (s) => substituteAll(s, pairs)) : substituteAll(n.text, pairs);
    if (next !== n.text) n.text = next;
  }
  const trailing = !t.sentences && pairs.some((p) => !p.found) ? wordsAfterList(tree, t.label, place) : null;
  if (trailing) {
    const rest = pairs.filter((p) => !p.found);
    trailing.text = substituteAll(trailing.text, rest);
  }
  const missing = pairs.filter((p) => !p.found).map((p) => `»${p.from}«`);
  if (missing.length) throw new CannotApply(`${missing.join(' og ')} findes ikke i ${t.label}${t.sentences ? `, ${t.sentences.join('. og ')}. pkt.` : ''}`);
}

/**
 * The words a stk. prints after its list ("… på grund af 1) … 4) … kan børn og unge-udvalget …") stand on the line
 * after its last item, and amending acts cite them as that item's ("§ 58, stk. 1, nr. 4"). The act in force reads
 * them as the stk.'s: its own text, when the place named is the last item and the stk.'s text does not end where the
 * list begins. Null when the place is not such an item.
 */
function wordsAfterList(tree: Node[], label: string, place: Place): Node | null {
  if (place.node.kind !== 'nr' && place.node.kind !== 'litra') return null;
  const live = place.siblings.filter((n) => !n.removed && n.kind === place.node.kind);
  if (live[live.length - 1] !== place.node) return null;
  const parts = parseLabel(label);
  if (!parts) return null;
  const up = place.node.kind === 'nr' ? { ...parts, nr: null, litra: null } : { ...parts, litra: null };
  let parent: Node;
  try {
    parent = ownTextNode(resolve(tree, provisionLabel(up)).node);
  } catch {
    return null;
  }
  return parent.children.includes(place.node) ? parent : null;
}

function safeTextNodes(tree: Node[], label: string): Node[] {
  try {
    return textNodes(resolve(tree, label).node);
  } catch {
    return [];
  }
}

function replaceInHeading(tree: Node[], t: InstructionTarget, replacements: { from: string; to: string }[]): void {
  const parts = parseLabel(t.label);
  const node = parts ? findIn(tree, 'paragraf', des(parts.paragraf)) : undefined;
  if (!node) return; // chapter headings are not provisions; nothing a label points at changes
  for (const r of replacements) node.heading = r.from ? substitute(node.heading ?? '', normalizeText(r.from), normalizeText(r.to)) : normalizeText(r.to);
}

/** Replaces every occurrence; where words are removed, the spaces around the gap are tidied ("a , b" → "a, b"), nowhere else. */
function substitute(text: string, from: string, to: string): string {
  if (!from || !text.includes(from)) return text;
  return text.split(from).reduce((done, next) => join(join(done, spaced(from, to)), next));
}

/**
 * Words in place of words that began with a comma or full stop (», jf. lov om …« til: »efter lov om …«): the comma
 * hung on the word before, the new words must not, so they open with a space.
 */
function spaced(from: string, to: string): string {
  return /^[,.;:]/.test(from) && /^[\p{L}\d§»(]/u.test(to) ? ` ${to}` : to;
}

/**
 * Replaces several pairs at once, in the text as it stood, longest words first where two start at the same place.
 * Each pair's words are found as printed; failing that, as the act in force prints them when it differs only in
 * form: a space before a comma ("stk. 4 ,") or a minister's title the act cites by a later name (a ressort change
 * by royal resolution reaches the amending acts before the consolidated text).
 */
function substituteAll(text: string, pairs: { from: string; to: string; found: boolean }[]): string {
  const live = pairs
    .map((p, i) => ({ source: p.from ? ownReference(text, p.from) ?? (text.includes(p.from) ? escape(p.from) : loosePattern(p.from)) : '', length: p.from.length, i }))
    .filter((x) => x.source)
    .sort((x, y) => y.length - x.length);
  if (live.length === 0) return text;
  const re = new RegExp(live.map((x) => `(${x.source})`).join('|'), 'gu');
  const pieces: string[] = [];
  const news: string[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const which = live[m.slice(1).findIndex((g) => g !== undefined)]!.i;
    pairs[which]!.found = true;
    pieces.push(text.slice(last, m.index));
    news.push(spaced(pairs[which]!.from, pairs[which]!.to));
    last = m.index + m[0].length;
  }
  if (news.length === 0) return text;
  pieces.push(text.slice(last));
  return news.reduce((done, to, k) => join(join(done, to), pieces[k + 1]!), pieces[0]!);
}

/**
 * "ændres »stk. 3« til: »stk. 4«" names a stk. of the provision itself: not the "stk. 3" of "§ 76, stk. 3, i lov om
 * social service" beside it. A reference that opens with stk. (or nr.) is matched where no § (or stk.) qualifies it,
 * when the text has such a place; else (null) as printed.
 */
function ownReference(text: string, from: string): string | null {
  const level = /^(stk|nr)\.\s/.exec(from)?.[1];
  if (!level || !text.includes(from)) return null;
  const qualifier = level === 'stk' ? String.raw`§§?\s*\d+(?:\s*[a-zæøå])?,\s*` : String.raw`(?:§§?\s*\d+(?:\s*[a-zæøå])?|stk\.\s*\d+),\s*`;
  const source = `(?<!${qualifier})${escape(from)}(?![\d])`;
  return new RegExp(source, 'u').test(text) ? source : null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A minister's or ministry's title, whatever the ressort: "social- og indenrigsministeren", "Beskæftigelsesministeriet",
 * "ministeren for børn, ligestilling, integration og sociale forhold", "Ministeriet for Børn, Undervisning og Ligestilling".
 */
export const MINISTER_TITLE = String.raw`(?:\p{L}+-(?:,| og) )*(?:\p{L}*minist|Minist)(?:eren|erens|eriet|eriets|er)(?: for \p{L}+(?:, \p{L}+)*,? og (?:sociale )?\p{L}+)?(?!\p{L})`;

function loosePattern(from: string): string {
  let source = '';
  let last = 0;
  for (const m of from.matchAll(new RegExp(MINISTER_TITLE, 'gu'))) {
    source += `${looseSpacing(from.slice(last, m.index))}(?:${MINISTER_TITLE})`;
    last = m.index + m[0].length;
  }
  return source + looseSpacing(from.slice(last));
}

function looseSpacing(s: string): string {
  return [...s].map((ch) => (/[,.;:)]/.test(ch) ? ` ?${escape(ch)}` : escape(ch))).join('');
}

/** Two pieces of text side by side, with one space where they meet at most, and none before a comma or full stop. */
function join(left: string, right: string): string {
  if (!left) return right.replace(/^ /, (m) => m);
  if (!right) return left;
  // Words gone between a comma and the full stop ("§ 107, eller § 144." less »eller § 144«): the stop closes it.
  if (/, ?$/.test(left) && /^ ?\./.test(right)) return left.replace(/, ?$/, '') + right.replace(/^ /, '');
  if (left.endsWith(' ') && (right.startsWith(' ') || /^[,.;:)]/.test(right))) return left.slice(0, -1) + right;
  return left + right;
}

function repeal(tree: Node[], t: InstructionTarget, touched: Set<Node[]>, repealedText: string): void {
  if (t.element === 'overskrift') {
    const parts = parseLabel(t.label);
    const node = parts ? findIn(tree, 'paragraf', des(parts.paragraf)) : undefined;
    if (node) node.heading = null;
    return;
  }
  if (t.element === 'kapitel') {
    // "Kapitel 7 ophæves.": the chapter goes with its §§; the consolidation prints neither.
    const number = /^kapitel\s+(\d+\s*[a-zæøå]?)$/i.exec(t.label)?.[1];
    const chapter = number ? new RegExp(`^Kapitel ${escape(number)}(?![\\w ])`, 'i') : null;
    const members = chapter ? tree.filter((n) => !n.removed && n.chapter !== null && chapter.test(n.chapter)) : [];
    if (members.length === 0) throw new CannotApply(`${t.label} findes ikke i loven`);
    for (const n of members) n.removed = true;
    return;
  }
  if (!isProvision(t)) return;
  const place = resolve(tree, t.label);
  if (t.sentences) {
    const node = ownTextNode(place.node);
    const list = listOfLastSentence(node, t.sentences);
    node.text = withSentences(node.text, t.sentences, () => '');
    dropList(list);
    return;
  }
  if (place.node.kind === 'paragraf') {
    // A repealed § keeps its number in the consolidation: "§ 35. (Ophævet)"
    place.node.text = repealedText;
    place.node.children = [];
    return;
  }
  place.node.removed = true;
  touched.add(place.siblings);
}

function rewrite(tree: Node[], targets: InstructionTarget[], blocks: NewTextBlock[], touched: Set<Node[]>): NewTextBlock[] {
  const rest = [...blocks];
  for (const t of targets) {
    if (t.element === 'overskrift') {
      const block = rest.shift();
      const parts = parseLabel(t.label);
      const node = parts ? findIn(tree, 'paragraf', des(parts.paragraf)) : undefined;
      if (node && block) node.heading = block.heading ?? block.text;
      continue;
    }
    if (!isProvision(t)) {
      rest.length = 0;
      continue;
    }
    const place = resolve(tree, t.label);
    if (t.sentences) {
      const block = rest.shift();
      if (!block) throw new CannotApply(`${t.label}: ingen ny tekst til ${t.sentences.join('. og ')}. pkt.`);
      const words = [block.text, ...rest.splice(0, Math.max(0, t.sentences.length - 1)).map((b) => b.text)].join(' ');
      const own = ownTextNode(place.node);
      const list = /[.!?]$/.test(words.trim()) ? listOfLastSentence(own, t.sentences) : [];
      own.text = withSentences(own.text, t.sentences, (_s, i) => (i === 0 ? words : ''));
      dropList(list);
      continue;
    }
    const node = place.node;
    const isLastTarget = t === targets[targets.length - 1];
    const mine = isLastTarget ? rest.splice(0) : rest.splice(0, 1);
    if (mine.length === 0) throw new CannotApply(`${t.label}: ingen ny tekst at affatte med`);
    if (node.kind === 'paragraf') {
      const fresh = paragrafNodes(mine, node.chapter);
      const first = fresh[0];
      if (!first) throw new CannotApply(`${t.label}: den nye tekst er ikke en paragraf`);
      node.text = first.text;
      node.children = first.children;
      if (first.heading) node.heading = first.heading;
      continue;
    }
    const fresh = itemNodes(mine, node.kind);
    const [first, ...more] = fresh;
    if (!first) throw new CannotApply(`${t.label}: den nye tekst mangler`);
    node.text = first.text;
    node.children = first.children;
    if (more.length) {
      // "stk. 2 affattes således:" printed with a stk. 3 after it: the rest is inserted behind it.
      place.siblings.splice(place.siblings.indexOf(node) + 1, 0, ...more);
      touched.add(place.siblings);
    }
  }
  return rest;
}

function insert(
  tree: Node[],
  targets: InstructionTarget[],
  action: Extract<InstructionAction, { kind: 'indsaettes' }>,
  blocks: NewTextBlock[],
  touched: Set<Node[]>,
  inserted: Inserted,
): NewTextBlock[] {
  const target = targets[0];
  if (action.anchorWords !== null) {
    // Words inside a text: "indsættes efter »x«: »y«".
    // Each place named gets the words ("I § 72, stk. 3, § 74, stk. 3, og § 75, stk. 1, indsættes efter »…«: »og 4«").
    if (action.words === null) throw new CannotApply('indsættelsen mangler de nye ord');
    const anchor = normalizeText(action.anchorWords);
    const words = normalizeText(action.words);
    const failures: string[] = [];
    const seen = new Set<string>();
    for (const t of targets) {
      // "I stk. 2, 1. pkt., der bliver stk. 4, 1. pkt." is read as the same place twice: the words go in once.
      const key = JSON.stringify(t);
      if (!isProvision(t) || seen.has(key)) continue;
      seen.add(key);
      try {
        insertWordsAt(tree, t, anchor, words, action.position, inserted);
      } catch (err) {
        if (!(err instanceof CannotApply)) throw err;
        failures.push(err.message);
      }
    }
    if (failures.length) throw new CannotApply(failures.join('; '));
    return blocks;
  }
  if (action.as === 'overskrift') {
    // "Før § 50 indsættes som overskrift:" — the heading printed over the § named.
    const label = action.anchorLabel ?? target?.label;
    const parts = label ? parseLabel(label) : null;
    const node = parts && action.position !== 'after' ? findIn(tree, 'paragraf', des(parts.paragraf)) : undefined;
    const block = blocks[0];
    const heading = action.words ?? block?.heading ?? block?.text;
    if (!node || !heading) throw new CannotApply('der står ikke, hvilken paragraf overskriften skal stå før');
    node.heading = normalizeText(heading);
    return blocks.slice(action.words === null ? 1 : 0);
  }
  const inline = action.words !== null ? [{ kind: 'text' as const, designation: null, text: action.words, children: [] }] : [];
  const news = [...inline, ...blocks];
  if (target && !isProvision(target)) return [];
  const sentence = action.position === 'instead' && target?.sentences ? target.sentences[0]! : sentenceNumber(action.as);
  if (sentence !== null || action.anchorSentence !== undefined) {
    // New sentences: "indsættes som 3. pkt.", "indsættes efter 1. pkt.", and "2. pkt. ophæves, og i stedet indsættes:"
    // where the repealed one stood.
    const label = action.anchorLabel ?? target?.label;
    if (!label) throw new CannotApply('der står ikke, hvor punktummet skal indsættes');
    const place = { node: ownTextNode(resolve(tree, label).node) };
    const words = news.map((b) => b.text).join(' ');
    const sentences = splitSentences(place.node.text);
    const at = action.anchorSentence !== undefined ? (action.position === 'before' ? action.anchorSentence - 1 : action.anchorSentence) : sentence! - 1;
    sentences.splice(Math.min(at, sentences.length), 0, words);
    place.node.text = sentences.filter(Boolean).join(' ');
    return [];
  }
  if (news.length === 0) throw new CannotApply('der er ingen ny tekst at indsætte');
  const asParts = action.as ? designationKind(action.as) : null;
  // Where the new provisions go: after/before a named one, in place of a repealed one, or as numbered under a parent.
  if (action.anchorLabel !== null && (action.position === 'after' || action.position === 'before')) {
    const anchor = resolve(tree, action.anchorLabel);
    const fresh = anchor.node.kind === 'paragraf' ? paragrafNodes(news, anchor.node.chapter) : itemNodes(news, asParts?.kind ?? anchor.node.kind);
    let at = anchor.siblings.indexOf(anchor.node) + (action.position === 'after' ? 1 : 0);
    // Behind what this act already inserted after the same anchor.
    if (action.position === 'after') while (at < anchor.siblings.length && anchor.siblings[at]!.orig === null && anchor.siblings[at]!.kind === anchor.node.kind) at++;
    anchor.siblings.splice(at, 0, ...fresh);
    if (anchor.node.kind === 'paragraf') dropRepealedNamesakes(anchor.siblings, fresh);
    touched.add(anchor.siblings);
    return [];
  }
  if (action.position === 'instead') {
    if (!target) throw new CannotApply('der står ikke, hvad der indsættes i stedet for');
    const place = resolve(tree, target.label);
    const fresh = place.node.kind === 'paragraf' ? paragrafNodes(news, place.node.chapter) : itemNodes(news, place.node.kind);
    const at = place.siblings.indexOf(place.node);
    if (place.node.kind === 'paragraf') place.siblings.splice(at, 1, ...fresh);
    else place.siblings.splice(at + 1, 0, ...fresh);
    touched.add(place.siblings);
    return [];
  }
  if (!target) throw new CannotApply('der står ikke, hvor den nye tekst skal indsættes');
  const kind = asParts?.kind ?? blockKind(news[0]!) ?? 'stk';
  // "§ 357, stk. 4, 1. pkt., ophæves, og som stk. 5 indsættes:": a new stk. goes in the §, a new nr. in the stk.,
  // whatever level the instruction's place was named at.
  const place = resolve(tree, parentLabel(target.label, kind));
  let parent = place.node;
  if (parent.kind === 'paragraf' && kind !== 'stk' && kind !== 'paragraf') {
    // "I § 6 indsættes som nr. 3": the items of a § without stk. sit in its stk. 1.
    const only = parent.children.filter((c) => c.kind === 'stk' && !c.removed);
    if (only.length === 1) parent = only[0]!;
  }
  const fresh = kind === 'paragraf' ? paragrafNodes(news, parent.chapter) : itemNodes(news, kind);
  const siblings = kind === 'paragraf' ? tree : parent.children;
  let at = siblings.length;
  if (asParts?.number !== undefined && kind !== 'paragraf') {
    // "som stk. 2": after the sibling that was number N-1, behind what the act already put there.
    const before = siblings.findIndex((n) => n.kind === kind && n.orig !== null && ordinal(n.orig) >= asParts.number!);
    if (before >= 0) at = before;
    // Once the act has repealed one ("Stk. 1 ophæves. Stk. 2-5 bliver herefter stk. 1-4."), "som stk. 5" is the number
    // the new stk. will bear: behind the four that are left.
    if (siblings.some((n) => n.kind === kind && n.removed && n.orig !== null)) {
      const live = siblings.filter((n) => n.kind === kind && !n.removed);
      const after = live[asParts.number - 2];
      if (after) at = siblings.indexOf(after) + 1;
    }
  }
  if (kind === 'paragraf') at = siblings.indexOf(place.node) + 1;
  siblings.splice(at, 0, ...fresh);
  touched.add(siblings);
  return [];
}

/**
 * A new § takes the number of one the act in force has: a repealed one ("§ 78. (Ophævet)"), or one the amending act
 * puts a new § in place of ("Efter § 148 indsættes: § 148 a. …" where a § 148 a stood). The act can print only one
 * § of a number, so the new § is printed in its place.
 */
function dropRepealedNamesakes(siblings: Node[], fresh: Node[]): void {
  const names = new Set(fresh.map((n) => n.d));
  for (let k = siblings.length - 1; k >= 0; k--) {
    const n = siblings[k]!;
    if (!fresh.includes(n) && names.has(n.d) && !n.range && (isRepealed(n) || n.orig !== null)) siblings.splice(k, 1);
  }
}

function isRepealed(n: Node): boolean {
  const own = ownTextNode(n);
  return /^\(Ophævet\)\.?$/.test(own.text.trim()) && own.children.length === 0;
}

/** The label of the provision a new one of `kind` goes into, from the label of a place at that level or below. */
function parentLabel(label: string, kind: NodeKind): string {
  const parts = parseLabel(label);
  if (!parts) return label;
  if (kind === 'stk' || kind === 'paragraf') return provisionLabel({ ...parts, stk: null, stkTo: null, nr: null, litra: null });
  if (kind === 'nr') return provisionLabel({ ...parts, nr: null, litra: null });
  return provisionLabel({ ...parts, litra: null });
}

function ordinal(d: string): number {
  if (/^[a-zæøå]$/.test(d)) return d.charCodeAt(0) - 96;
  return Number(/^\d+/.exec(d)?.[0] ?? 0);
}

/**
 * Where one change has put words into a text already: "indsættes efter »… vederlag«: »til formændene og
 * næstformændene«, og efter »og« indsættes: »om«" reads on from there, so »og« is the next one, not the first.
 */
type Inserted = Map<Node, number>;

function insertWordsAt(tree: Node[], t: InstructionTarget, anchor: string, words: string, position: string, inserted: Inserted): void {
  const place = resolve(tree, t.label);
  let found = false;
  for (const n of t.sentences ? [ownTextNode(place.node)] : textNodes(place.node)) {
    let next: string;
    if (t.sentences) next = withSentences(n.text, t.sentences, (s) => insertWords(s, anchor, words, position));
    else {
      const from = inserted.get(n) ?? 0;
      next = insertWords(n.text, anchor, words, position, from);
      if (next === n.text && from > 0) next = insertWords(n.text, anchor, words, position);
      if (next !== n.text) inserted.set(n, insertedEnd(n.text, next));
    }
    if (next !== n.text) {
      n.text = next;
      found = true;
    }
  }
  if (!found) throw new CannotApply(`»${anchor}« findes ikke i ${t.label}`);
}

/** Where the words put into `before` end in `after`: the end of what the two do not share. */
function insertedEnd(before: string, after: string): number {
  let tail = 0;
  while (tail < before.length && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return after.length - tail;
}

function insertWords(text: string, anchor: string, words: string, position: string, from = 0): string {
  const at = wordAt(text, anchor, from);
  if (at < 0) return text;
  if (position === 'before') {
    const sep = /[\s(]$/.test(words) ? '' : ' ';
    return `${text.slice(0, at)}${words}${sep}${text.slice(at)}`;
  }
  const end = at + anchor.length;
  const sep = /^[,.;:)]/.test(words) || /[(]$/.test(anchor) ? '' : ' ';
  return join(`${text.slice(0, end)}${sep}${words} `, text.slice(end).replace(/^ /, ' '));
}

/** Where `anchor` stands as a word of its own (»der« is not the "der" of "undersøgelse"), else as printed anywhere. */
function wordAt(text: string, anchor: string, from = 0): number {
  const re = new RegExp(`${/^[\p{L}\d]/u.test(anchor) ? '(?<![\\p{L}\\d])' : ''}${escape(anchor)}${/[\p{L}\d]$/u.test(anchor) ? '(?![\\p{L}\\d])' : ''}`, 'gu');
  re.lastIndex = from;
  const whole = re.exec(text);
  return whole ? whole.index : text.indexOf(anchor, from);
}

function sentenceNumber(as: string | null): number | null {
  const m = as ? /(\d+)\.\s*(?:og\s*\d+\.\s*)?(?:pkt|punktum)/.exec(as) : null;
  if (m) return Number(m[1]);
  return as && /punktum/.test(as) ? 1e6 : null;
}

function designationKind(as: string): { kind: NodeKind; number?: number } | null {
  const s = as.toLowerCase();
  let m = /stk\.?\s*(\d+)/.exec(s);
  if (m) return { kind: 'stk', number: Number(m[1]) };
  m = /nr\.?\s*(\d+)/.exec(s);
  if (m) return { kind: 'nr', number: Number(m[1]) };
  m = /litra\s*([a-zæøå])/.exec(s);
  if (m) return { kind: 'litra', number: m[1]!.charCodeAt(0) - 96 };
  if (/§/.test(s) || /paragraf|kapitel/.test(s)) return { kind: 'paragraf' };
  if (/styk/.test(s)) return { kind: 'stk' };
  if (/num/.test(s)) return { kind: 'nr' };
  if (/litra/.test(s)) return { kind: 'litra' };
  return null;
}

function blockKind(block: NewTextBlock): NodeKind | null {
  if (block.kind === 'kapitel') return 'paragraf';
  if (block.kind === 'text') return null;
  return block.kind;
}

// ---------------------------------------------------------------------------------------------------------------
// New text blocks into nodes, as the parser would have read them from a consolidated act.

function paragrafNodes(blocks: NewTextBlock[], chapter: string | null): Node[] {
  const out: Node[] = [];
  let heading: string | null = null;
  let currentChapter = chapter;
  for (const printed of blocks) {
    const b = printedParagraf(printed);
    if (b.kind === 'kapitel') {
      const d = b.designation ? normalizeText(b.designation).replace(/\.$/, '') : '';
      currentChapter = d && b.heading ? `${d}. ${normalizeText(b.heading)}` : d || b.heading || currentChapter;
      out.push(...paragrafNodes(b.children, currentChapter));
      continue;
    }
    if (b.kind === 'paragraf') {
      const parts = b.designation ? parseLabel(b.designation) : null;
      if (!parts) throw new CannotApply(`den nye paragraf har ingen betegnelse, der kan læses (${b.designation ?? 'ingen'})`);
      const node: Node = { kind: 'paragraf', d: des(parts.paragraf), orig: null, text: '', heading: b.heading ?? heading, chapter: currentChapter, children: [], removed: false };
      heading = null;
      const stks = b.children.filter((c) => c.kind === 'stk');
      const items = b.children.filter((c) => c.kind !== 'stk');
      const first: NewTextBlock = { kind: 'stk', designation: null, text: b.text, children: items };
      node.children = itemNodes(b.text || items.length || stks.length === 0 ? [first, ...stks] : stks, 'stk');
      out.push(node);
      continue;
    }
    if (b.kind === 'text' && out.length === 0 && b.heading !== undefined && b.heading !== null) {
      heading = b.heading;
      continue;
    }
    if (b.kind === 'text' && b.text && !/^§/.test(b.text)) {
      // A heading printed on its own line before the next §.
      heading = b.text;
      continue;
    }
    const last = out[out.length - 1];
    if (last && (b.kind === 'stk' || b.kind === 'nr' || b.kind === 'litra')) {
      // Items printed after a § belong to its last stk.
      if (b.kind === 'stk') last.children.push(...itemNodes([b], 'stk'));
      else last.children[last.children.length - 1]?.children.push(...itemNodes([b], b.kind));
    }
  }
  return out;
}

const LEVEL: Record<NodeKind, number> = { paragraf: 0, stk: 1, nr: 2, litra: 3 };

/** "§ 53 a. En person har ikke ret …" printed as plain text, without the markup of a §: the § it is. */
function printedParagraf(b: NewTextBlock): NewTextBlock {
  const m = b.kind === 'text' ? /^(§\s*\d+(?:\s*[a-zæøå])?\.)\s+(?=\S)/.exec(b.text) : null;
  return m ? { ...b, kind: 'paragraf', designation: m[1]!, text: b.text.slice(m[0].length) } : b;
}

function itemNodes(blocks: NewTextBlock[], kind: NodeKind): Node[] {
  const out: Node[] = [];
  for (const b of blocks) {
    const own: NodeKind = b.kind === 'text' || b.kind === 'kapitel' || b.kind === 'paragraf' ? kind : b.kind;
    const last = out[out.length - 1];
    if (last && last.kind === kind && LEVEL[own] > LEVEL[kind]) {
      // "stk. 1 affattes således: … godkendt enten 1) … 2) …": items printed after the new stk.'s words are its own.
      last.children.push(...itemNodes([b], own));
      continue;
    }
    if (b.kind === 'text' && out.length > 0 && own !== 'stk' && !b.designation) {
      // A sentence printed after an item is more of that item's words.
      out[out.length - 1]!.text = `${out[out.length - 1]!.text} ${b.text}`.trim();
      continue;
    }
    let d = '';
    if (b.designation) {
      if (own === 'stk') d = String(parseStkDesignation(b.designation)?.stk ?? '');
      else {
        const item = parseItemDesignation(b.designation);
        d = item && 'nr' in item ? des(item.nr) : item && 'litra' in item ? item.litra : '';
      }
    }
    const children = b.children.length ? itemNodes(b.children, own === 'stk' ? 'nr' : 'litra') : [];
    if (!d) {
      // Unnumbered as printed (the first stk. of a §): the number that follows the one before.
      const prev = out[out.length - 1];
      d = own === 'litra' ? String.fromCharCode(prev ? prev.d.charCodeAt(0) + 1 : 97) : String(prev ? ordinal(prev.d) + 1 : 1);
    }
    out.push({ kind: own, d, orig: null, text: normalizeText(b.text), heading: null, chapter: null, children, removed: false });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences (pkt.): a full stop followed by a capital letter ends one, except after the abbreviations laws use.

const ABBREVIATIONS = new Set(['jf', 'stk', 'nr', 'pkt', 'm.v', 'mv', 'f.eks', 'bl.a', 'kr', 'pct', 'ca', 'el.lign', 'lign', 'osv', 'dvs', 'evt', 'inkl', 'ekskl', 'vedr', 'hhv', 'mht', 'pga', 'art', 'afd', 'litra', 'tlf', 'm.m', 'mm', 'o.l', 'ol', 'p.t', 'pr', 'jan', 'feb', 'aug', 'sept', 'okt', 'nov', 'dec', 'nr.-', 's', 'A/S']);

const CLOSING_ABBREVIATIONS = new Set(['pkt', 'kr', 'pct', 'm.v', 'mv', 'osv', 'm.m', 'mm', 'o.l', 'ol', 'el.lign', 'lign']);

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  // A sentence may open with a § ("§ 9, stk. 8, finder tilsvarende anvendelse."); a missing space after the full stop
  // ("stk. 2.Anmodning") is a misprint the sentence still ends at.
  const re = /([.?!])(?:\s+(?=[A-ZÆØÅ»§])|(?<=[\p{Ll}\d][.?!])(?=[A-ZÆØÅ]\p{Ll}))/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const before = text.slice(start, m.index);
    const word = /(\S+)$/.exec(before)?.[1]?.toLowerCase() ?? '';
    const abbreviation = word.replace(/^[(»]/, '');
    // "…, jf. stk. 4, 2. og 3. pkt. Direktøren kan …": an abbreviation that closes a reference or an amount ends the
    // sentence when a capital letter follows; one that opens a reference ("jf. §", "stk. 2") never does.
    if (m[1] === '.' && ABBREVIATIONS.has(abbreviation) && !(CLOSING_ABBREVIATIONS.has(abbreviation) && /^\s+[A-ZÆØÅ]\p{Ll}/u.test(text.slice(m.index + 1)))) continue;
    out.push(text.slice(start, m.index + 1).trim());
    start = m.index + m[0].length;
  }
  const last = text.slice(start).trim();
  if (last) out.push(last);
  return out;
}

/** Rewrites the given sentences (1-based) of a text; an emptied sentence goes. */
/**
 * The items (nr., litra) a provision's last sentence runs on into ("… opstille mål i forhold til barnets 1) udvikling,
 * 2) …"): they are words of that sentence, so they go when it is repealed or rewritten as a closed sentence.
 */
function listOfLastSentence(node: Node, numbers: number[]): Node[] {
  const sentences = splitSentences(node.text);
  if (!numbers.includes(sentences.length) || /[.!?:]$/.test(node.text.trim())) return [];
  return node.children.filter((c) => !c.removed && (c.kind === 'nr' || c.kind === 'litra'));
}

function dropList(items: Node[]): void {
  for (const n of items) n.removed = true;
}

function withSentences(text: string, numbers: number[], change: (sentence: string, index: number) => string): string {
  const sentences = splitSentences(text);
  const missing = numbers.filter((n) => n > sentences.length);
  if (missing.length) throw new CannotApply(`teksten har kun ${sentences.length} punktum(mer), ikke ${missing.join('. og ')}. pkt.`);
  numbers.forEach((n, i) => (sentences[n - 1] = change(sentences[n - 1]!, i)));
  return sentences.filter((s) => s.trim()).join(' ');
}
