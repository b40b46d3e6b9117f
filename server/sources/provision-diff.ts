// Provision-by-provision comparison of two versions of an act: what changed in substance, what only moved, what is new.
import { diffWords } from 'diff';
import type { ParsedProvision, ParsedVersion } from './provision.types.js';
import { substantiveForm } from './substance.js';

export type ChangeKind = 'unchanged' | 'changed' | 'added' | 'removed' | 'renumbered';

export interface WordChange {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface ProvisionChange {
  kind: ChangeKind;
  /** The old key; for an added provision, the new one. */
  key: string;
  label: string;
  /** Only when the provision now sits under another label (renumbered). */
  newKey?: string;
  newLabel?: string;
  /** True when the words changed in substance, not just in form or place. */
  substantive: boolean;
  /** Subtree text in the old version; present on every entry that is not unchanged and had an old side. */
  old?: string;
  /** Subtree text in the new version; present on every entry that is not unchanged and has a new side. */
  new?: string;
  /** Word diff of old against new, for substantive changed and renumbered entries. */
  words?: WordChange[];
  /** Word-bigram Dice similarity of the substantive old and new text, alongside words. */
  similarity?: number;
}

export interface ProvisionDiff {
  /** Every provision, in new-version order, removed ones where they stood. */
  changes: ProvisionChange[];
  stats: { unchanged: number; changed: number; substantive: number; added: number; removed: number; renumbered: number };
}

/** Near-identical: word-bigram Dice at or above this pairs two texts under different labels. */
const SIMILAR = 0.8;
/** How far (in provisions) from where an old provision would land a moved one is looked for. */
const WINDOW = 50;
/** Identical text this long is taken as moved wherever it landed; shorter text only nearby or in the same chapter. */
const DISTINCTIVE_LENGTH = 80;
/** Sibling groups larger than this (pairs) compare by similarity only within a window of ordinals. */
const ALL_PAIRS_LIMIT = 4096;
const SIBLING_WINDOW = 32;

interface TreeNode {
  p: ParsedProvision;
  /** Index in document order. */
  index: number;
  /** The key relative to the parent (`s2` in `p12.s2`), which is what a renumbering keeps or changes. */
  local: string;
  parent: TreeNode | null;
  children: TreeNode[];
  /** The pair that accounts for this node's words. */
  pair: Pair | null;
  /** When a § gains or loses its stk.: the pair that keeps the § itself. */
  container: Pair | null;
  /** The sibling group the node was compared in, and its ordinal there. */
  group: Group | null;
  ord: number;
  subst?: string;
  subtree?: string;
  substSubtree?: string;
  shingles?: Set<string>;
}

type Role = 'normal' | 'container' | 'content';

interface Pair {
  old: TreeNode;
  new: TreeNode;
  role: Role;
  /** The group the pair was found in; its parent pair gives the context. Null for moves across parents. */
  group: Group | null;
  /** Substantive own text overrides, when part of the own text moved into or out of a stk. */
  oldOwn?: string;
  newOwn?: string;
  formOnly?: boolean;
}

interface Group {
  olds: TreeNode[];
  news: TreeNode[];
  parent: Pair | null;
}

interface Side {
  nodes: TreeNode[];
  roots: TreeNode[];
  /** For each node index, the index of the last node in its subtree. */
  subtreeEnd: Int32Array;
}

function buildSide(provisions: readonly ParsedProvision[]): Side {
  const nodes: TreeNode[] = [];
  const roots: TreeNode[] = [];
  const byKey = new Map<string, TreeNode>();
  for (const p of provisions) {
    const parent = p.parentKey === null ? null : (byKey.get(p.parentKey) ?? null);
    const local = parent && p.key.startsWith(parent.p.key + '.') ? p.key.slice(parent.p.key.length + 1) : p.key;
    // Every field is set up front so that all nodes share one shape for the engine.
    const node: TreeNode = {
      p,
      index: nodes.length,
      local,
      parent,
      children: [],
      pair: null,
      container: null,
      group: null,
      ord: 0,
      subst: undefined,
      subtree: undefined,
      substSubtree: undefined,
      shingles: undefined,
    };
    nodes.push(node);
    if (!byKey.has(p.key)) byKey.set(p.key, node);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const subtreeEnd = new Int32Array(nodes.length);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    const last = node.children[node.children.length - 1];
    subtreeEnd[i] = last ? subtreeEnd[last.index] : i;
  }
  return { nodes, roots, subtreeEnd };
}

function subst(node: TreeNode): string {
  return (node.subst ??= substantiveForm(node.p.text));
}

function subtree(node: TreeNode): string {
  if (node.subtree !== undefined) return node.subtree;
  const parts = [node.p.text];
  for (const c of node.children) parts.push(subtree(c));
  return (node.subtree = parts.filter((s) => s.length > 0).join(' '));
}

// The substantive form of the whole subtree text, exactly what `fingerprint` hashes for a stored provision.
function substSubtree(node: TreeNode): string {
  return (node.substSubtree ??= node.children.length === 0 ? subst(node) : substantiveForm(subtree(node)));
}

function shingles(node: TreeNode): Set<string> {
  return (node.shingles ??= bigrams(substSubtree(node)));
}

/** Word bigrams, or the one word of a one-word text. */
function bigrams(text: string): Set<string> {
  const words = text.toLowerCase().split(' ').filter((w) => w.length > 0);
  const set = new Set<string>();
  if (words.length === 1) set.add(words[0]);
  for (let i = 1; i < words.length; i++) set.add(words[i - 1] + ' ' + words[i]);
  return set;
}

/** Word-bigram Dice; 0 without counting when the set sizes alone rule out reaching `floor`. */
function dice(a: Set<string>, b: Set<string>, floor = 0): number {
  const total = a.size + b.size;
  if (total === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if ((2 * small.size) / total < floor) return 0;
  let common = 0;
  for (const s of small) if (large.has(s)) common++;
  return (2 * common) / total;
}

/** Dice of two provisions' subtrees; texts whose lengths alone rule out reaching `floor` are not split into words at all. */
function similarity(o: TreeNode, n: TreeNode, floor = 0): number {
  if (floor > 0) {
    const [a, b] = [substSubtree(o).length, substSubtree(n).length];
    // Word counts track character counts loosely, hence the slack.
    if (Math.min(a, b) < ((0.8 * floor) / (2 - floor)) * Math.max(a, b)) return 0;
  }
  return dice(shingles(o), shingles(n), floor);
}

/** `whole` without the leading `prefix` (at a word boundary), or null when it does not start with it. */
function afterPrefix(prefix: string, whole: string): string | null {
  if (prefix.length === 0) return whole;
  if (whole.length > prefix.length && whole.startsWith(prefix) && whole[prefix.length] === ' ') return whole.slice(prefix.length + 1);
  return null;
}

const hasStk = (node: TreeNode) => node.children.some((c) => c.p.kind === 'stk');
/** "(Ophævet)" for a repealed provision, "(Udelades)" for one the consolidation leaves out: a number without words. */
const OMITTED = /^\(udelades\)\.?$/i;
const placeholder = (node: TreeNode) => node.p.repealed || (node.p.text.length < 16 && OMITTED.test(subst(node)));
const usable = (node: TreeNode) => !placeholder(node) && substSubtree(node).length > 0;

/** Pairs old provisions with new ones: by label where the words agree, otherwise by where the words went. */
class Matcher {
  readonly pairs: Pair[] = [];
  readonly groups: Group[] = [];
  private readonly queue: Group[] = [];
  private queued = 0;

  constructor(
    readonly oldSide: Side,
    readonly newSide: Side,
  ) {}

  run(): void {
    this.enqueue(this.oldSide.roots, this.newSide.roots, null);
    for (;;) {
      const before = this.pairs.length;
      this.drain();
      this.pairIdenticalMoves();
      this.pairSimilarMoves();
      for (const group of this.groups) this.pairWithinGap(group);
      this.pairRewrites();
      if (this.pairs.length === before) break;
    }
  }

  private pair(o: TreeNode, n: TreeNode, group: Group | null): Pair {
    const pair = this.record({ old: o, new: n, role: 'normal', group });
    o.pair = pair;
    n.pair = pair;
    this.enqueue(o.children, n.children, pair);
    return pair;
  }

  private record(pair: Pair): Pair {
    this.pairs.push(pair);
    return pair;
  }

  private enqueue(olds: readonly TreeNode[], news: readonly TreeNode[], parent: Pair | null): void {
    if (olds.length === 0 && news.length === 0) return;
    const group: Group = { olds: olds.filter((o) => !o.pair), news: news.filter((n) => !n.pair), parent };
    if (group.olds.length === 0 && group.news.length === 0) return;
    group.olds.forEach((o, i) => ((o.group = group), (o.ord = i)));
    group.news.forEach((n, i) => ((n.group = group), (n.ord = i)));
    this.groups.push(group);
    this.queue.push(group);
  }

  private drain(): void {
    while (this.queued < this.queue.length) this.matchSiblings(this.queue[this.queued++]);
  }

  /** Siblings under a pair: same label and same words first, then words that moved to another label. */
  private matchSiblings(group: Group): void {
    // Siblings usually keep their order, so the same ordinal is tried before a lookup by label.
    let newByLocal: Map<string, TreeNode> | null = null;
    for (const o of group.olds) {
      let n: TreeNode | undefined = group.news[o.ord];
      if (n?.local !== o.local) {
        if (!newByLocal) {
          newByLocal = new Map();
          for (const c of group.news) if (!newByLocal.has(c.local)) newByLocal.set(c.local, c);
        }
        n = newByLocal.get(o.local);
      }
      if (!n || n.pair || o.pair) continue;
      if (o.p.text === n.p.text) this.pair(o, n, group);
      else if (!this.pairRestructured(o, n, group) && subst(o) === subst(n)) this.pair(o, n, group);
    }
    if (group.olds.every((o) => o.pair) || group.news.every((n) => n.pair)) return;

    const olds = group.olds.filter((o) => !o.pair && usable(o));
    const news = group.news.filter((n) => !n.pair && usable(n));
    if (olds.length === 0 || news.length === 0) return;

    const byText = new Map<string, TreeNode[]>();
    for (const n of news) {
      const list = byText.get(substSubtree(n));
      if (list) list.push(n);
      else byText.set(substSubtree(n), [n]);
    }
    for (const o of olds) {
      const candidates = byText.get(substSubtree(o))?.filter((n) => !n.pair);
      if (!candidates?.length) continue;
      const best = candidates.find((n) => n.local === o.local) ?? nearest(candidates, (n) => Math.abs(n.ord - o.ord));
      this.pair(o, best, group);
    }

    const restOld = olds.filter((o) => !o.pair);
    const restNew = news.filter((n) => !n.pair);
    const everyPair = restOld.length * restNew.length <= ALL_PAIRS_LIMIT;
    const scored: Scored[] = [];
    for (const o of restOld) {
      for (const n of restNew) {
        if (!everyPair && Math.abs(n.ord - o.ord) > SIBLING_WINDOW) continue;
        const score = similarity(o, n, SIMILAR);
        if (score >= SIMILAR) scored.push({ o, n, score: score + (n.local === o.local ? 0.001 : 0) });
      }
    }
    this.acceptBest(scored, group);
  }

  /**
   * A § that gains its first stk. 2 moves its own words into one of its new stk. (usually stk. 1); one
   * that loses all but one stk. takes that stk.'s words onto itself. Either way the words need not have
   * changed, they got a new label. The § itself is paired as a container, its words with the stk.
   */
  private pairRestructured(o: TreeNode, n: TreeNode, group: Group): boolean {
    // A § repealed whole ("(Ophævet)") has no words to move.
    if (placeholder(o) || placeholder(n)) return false;
    if (!hasStk(o) && hasStk(n)) {
      const moved = afterPrefix(subst(n), subst(o));
      const target = moved ? stkHolding(n, moved) : null;
      if (!moved || !target) return false;
      const container = this.record({ old: o, new: n, role: 'container', group });
      const content = this.record({ old: o, new: target, role: 'content', group: within(container), oldOwn: moved });
      o.pair = content;
      o.container = container;
      n.pair = container;
      target.pair = content;
      this.enqueue(o.children, target.children, content);
      this.enqueue([], n.children, container);
      return true;
    }
    if (hasStk(o) && !hasStk(n)) {
      const kept = afterPrefix(subst(o), subst(n));
      const source = kept ? stkHolding(o, kept) : null;
      if (!kept || !source) return false;
      const container = this.record({ old: o, new: n, role: 'container', group });
      const content = this.record({ old: source, new: n, role: 'content', group: within(container), newOwn: kept });
      o.pair = container;
      source.pair = content;
      n.pair = content;
      n.container = container;
      this.enqueue(source.children, n.children, content);
      this.enqueue(o.children, [], container);
      return true;
    }
    return false;
  }

  private acceptBest(scored: Scored[], group: Group | null): void {
    scored.sort((a, b) => b.score - a.score || a.o.index - b.o.index || a.n.index - b.n.index);
    for (const { o, n } of scored) {
      if (o.pair || n.pair) continue;
      this.pair(o, n, group);
      this.drain();
    }
  }

  /** Where each unpaired old provision would be in the new version, judged from its nearest paired predecessor. */
  private expectedIndexes(): Int32Array {
    const expected = new Int32Array(this.oldSide.nodes.length);
    let anchorOld = -1;
    let anchorNew = -1;
    for (const o of this.oldSide.nodes) {
      if (o.pair) {
        anchorOld = o.index;
        anchorNew = o.pair.new.index;
      }
      expected[o.index] = anchorNew + (o.index - anchorOld);
    }
    return expected;
  }

  /** The same words under a label in another place: "§ 12, stk. 3 bliver § 12 a". */
  private pairIdenticalMoves(): void {
    const byText = new Map<string, TreeNode[]>();
    for (const n of this.newSide.nodes) {
      if (n.pair || !usable(n)) continue;
      const list = byText.get(substSubtree(n));
      if (list) list.push(n);
      else byText.set(substSubtree(n), [n]);
    }
    if (byText.size === 0) return;
    const expected = this.expectedIndexes();
    for (const o of this.oldSide.nodes) {
      if (o.pair || !usable(o)) continue;
      const text = substSubtree(o);
      const candidates = byText.get(text)?.filter((n) => !n.pair && (text.length >= DISTINCTIVE_LENGTH || close(o, n, expected)));
      if (!candidates?.length) continue;
      this.pair(o, nearest(candidates, (n) => Math.abs(n.index - expected[o.index])), null);
      this.drain();
    }
  }

  /** Near-identical words under a label in another place: moved and edited. */
  private pairSimilarMoves(): void {
    const news = this.newSide.nodes.filter((n) => !n.pair && usable(n));
    if (news.length === 0) return;
    const byChapter = new Map<string, TreeNode[]>();
    for (const n of news) {
      const list = byChapter.get(n.p.chapter ?? '');
      if (list) list.push(n);
      else byChapter.set(n.p.chapter ?? '', [n]);
    }
    const expected = this.expectedIndexes();
    const scored: Scored[] = [];
    for (const o of this.oldSide.nodes) {
      if (o.pair || !usable(o)) continue;
      const seen = new Set<TreeNode>();
      const at = expected[o.index];
      for (let i = lowerBound(news, at - WINDOW); i < news.length && news[i].index <= at + WINDOW; i++) seen.add(news[i]);
      const sameChapter = byChapter.get(o.p.chapter ?? '');
      if (o.p.chapter !== null && sameChapter && sameChapter.length <= 4 * WINDOW) for (const n of sameChapter) seen.add(n);
      for (const n of seen) {
        const score = similarity(o, n, SIMILAR);
        if (score >= SIMILAR) scored.push({ o, n, score: score + (n.p.key === o.p.key ? 0.001 : 0) });
      }
    }
    this.acceptBest(scored, null);
  }

  /**
   * Between two siblings that kept their place, a leftover old and a leftover new sibling are the same
   * provision when their order and a fair share of words say so: "Stk. 2 og 3 bliver herefter stk. 3
   * og 4" with the old stk. 2 reworded on the way. The alignment keeps order, so two rewrites never cross,
   * and a new label must beat the old label's own counterpart clearly.
   */
  private pairWithinGap(group: Group): void {
    let run: TreeNode[] = [];
    let from = -1;
    const alignRun = (to: number) => {
      const news = group.news.slice(from + 1, Math.max(from + 1, to)).filter((n) => !n.pair && usable(n));
      if (run.length > 0 && news.length > 0 && run.length * news.length <= ALL_PAIRS_LIMIT) {
        for (const [o, n] of alignInOrder(run, news)) this.pair(o, n, group);
      }
      run = [];
    };
    for (const o of group.olds) {
      const counterpart = o.pair?.new;
      if (counterpart?.group === group) {
        alignRun(counterpart.ord);
        from = counterpart.ord;
      } else if (!o.pair && usable(o)) {
        run.push(o);
      }
    }
    alignRun(group.news.length);
    this.drain();
  }

  /** What is left under the same label was rewritten (or repealed, or a repealed number reused). */
  private pairRewrites(): void {
    for (let g = 0; g < this.groups.length; g++) {
      const group = this.groups[g];
      for (const o of group.olds) {
        if (o.pair) continue;
        const n = group.news.find((c) => !c.pair && c.local === o.local);
        if (n) this.pair(o, n, group);
      }
      this.drain();
    }
  }
}

/** Reworded but recognisable: at least this share of word bigrams in common, for a sibling in the right place. */
const RECOGNISABLE = 0.3;
/** How much more a sibling under a new label must share than the one under the old label. */
const CLEARLY_BETTER = 0.2;

/** Order-preserving alignment of leftover siblings maximising the shared words (Needleman–Wunsch without gap costs). */
function alignInOrder(olds: TreeNode[], news: TreeNode[]): [TreeNode, TreeNode][] {
  const weight = olds.map((o) => {
    const sameLabel = news.find((n) => n.local === o.local);
    const floor = sameLabel ? similarity(o, sameLabel) + CLEARLY_BETTER : 0;
    return news.map((n) => {
      const score = similarity(o, n, RECOGNISABLE);
      if (score < RECOGNISABLE) return -1;
      return n === sameLabel || score >= floor ? score : -1;
    });
  });
  const w = news.length + 1;
  const best = new Float64Array((olds.length + 1) * w);
  for (let i = 1; i <= olds.length; i++) {
    for (let j = 1; j <= news.length; j++) {
      const match = weight[i - 1][j - 1] >= 0 ? best[(i - 1) * w + j - 1] + weight[i - 1][j - 1] : -1;
      best[i * w + j] = Math.max(best[(i - 1) * w + j], best[i * w + j - 1], match);
    }
  }
  const pairs: [TreeNode, TreeNode][] = [];
  for (let i = olds.length, j = news.length; i > 0 && j > 0; ) {
    const here = best[i * w + j];
    if (here === best[(i - 1) * w + j]) i--;
    else if (here === best[i * w + j - 1]) j--;
    else {
      pairs.push([olds[i - 1], news[j - 1]]);
      i--;
      j--;
    }
  }
  return pairs.reverse();
}

/** The unpaired stk. of `node` that holds `text`: the same words, else the most alike, else stk. 1. */
function stkHolding(node: TreeNode, text: string): TreeNode | null {
  const stks = node.children.filter((c) => c.p.kind === 'stk' && !c.pair);
  const same = stks.find((c) => subst(c) === text);
  if (same) return same;
  const words = bigrams(text);
  let best: TreeNode | null = null;
  let bestScore = RECOGNISABLE;
  for (const c of stks) {
    const score = dice(words, bigrams(subst(c)), RECOGNISABLE);
    if (score >= bestScore && (!best || score > bestScore)) [best, bestScore] = [c, score];
  }
  return best ?? stks.find((c) => c.local === 's1') ?? stks[0] ?? null;
}

/** The context of a pair found inside another: whether it is form only depends on the enclosing pair. */
function within(parent: Pair): Group {
  return { olds: [], news: [], parent };
}

interface Scored {
  o: TreeNode;
  n: TreeNode;
  score: number;
}

function close(o: TreeNode, n: TreeNode, expected: Int32Array): boolean {
  return Math.abs(n.index - expected[o.index]) <= WINDOW || (o.p.chapter !== null && o.p.chapter === n.p.chapter);
}

function nearest(nodes: TreeNode[], distance: (n: TreeNode) => number): TreeNode {
  let best = nodes[0];
  for (const n of nodes) if (distance(n) < distance(best)) best = n;
  return best;
}

/** First position in `nodes` (sorted by index) whose index is at least `index`. */
function lowerBound(nodes: TreeNode[], index: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid].index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the old and new subtree say the same in substance, here or in an enclosing pair whose words were rearranged. */
function formOnly(pair: Pair | null): boolean {
  if (!pair) return false;
  if (pair.formOnly === undefined) {
    const parent = pair.group?.parent ?? null;
    pair.formOnly = substSubtree(pair.old) === substSubtree(pair.new) || (parent !== null && rearranged(parent) && formOnly(parent));
  }
  return pair.formOnly;
}

/**
 * Words can only have moved between a provision and its relatives (a list run into its sentence) when
 * the enclosing pair's own words or its set of children changed. Checking that first spares normalising
 * every large § around every edited stk.
 */
function rearranged(parent: Pair): boolean {
  if (parent.role !== 'normal' || subst(parent.old) !== subst(parent.new)) return true;
  const pairedUnder = (c: TreeNode, other: TreeNode) => c.pair?.role === 'normal' && (c.pair.old === c ? c.pair.new : c.pair.old).parent === other;
  return !parent.old.children.every((c) => pairedUnder(c, parent.new)) || !parent.new.children.every((c) => pairedUnder(c, parent.old));
}

function describePair(pair: Pair): ProvisionChange {
  const { old: o, new: n } = pair;
  const entry: ProvisionChange = { kind: 'unchanged', key: o.p.key, label: o.p.label, substantive: false };
  if (pair.role === 'container' || (o.p.key === n.p.key && o.p.text === n.p.text)) return entry;
  const [oldGone, newGone] = [placeholder(o), placeholder(n)];
  if (!oldGone && newGone) entry.kind = 'removed';
  else if (oldGone && !newGone) entry.kind = 'added';
  else if (o.p.key !== n.p.key) entry.kind = 'renumbered';
  else if (o.p.text !== n.p.text) entry.kind = 'changed';
  else return entry;
  if (o.p.key !== n.p.key) {
    entry.newKey = n.p.key;
    entry.newLabel = n.p.label;
  }
  if (oldGone !== newGone) entry.substantive = !formOnly(pair);
  else if (!oldGone) entry.substantive = (pair.oldOwn ?? subst(o)) !== (pair.newOwn ?? subst(n)) && !formOnly(pair);
  entry.old = subtree(o);
  entry.new = subtree(n);
  if (entry.substantive && (entry.kind === 'changed' || entry.kind === 'renumbered')) {
    const shared = similarity(o, n);
    entry.words = wordDiff(entry.old, entry.new, shared < RECOGNISABLE);
    entry.similarity = Math.round(shared * 1000) / 1000;
  }
  return entry;
}

/**
 * jsdiff's word diff of two texts. Most edits touch a few words in a long provision, so the common
 * start and end (cut at spaces) are set aside first: the diff then runs over the edited middle only.
 * A `rewritten` provision ("affattes således") reads best as the old words out and the new words in,
 * rather than interleaved around the few small words they share.
 */
export function wordDiff(oldText: string, newText: string, rewritten = false): WordChange[] {
  if (oldText === newText) return [{ value: oldText }];
  const limit = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < limit && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  // Both kept parts end or begin with a space, so no word is split between kept and diffed text.
  start = oldText.lastIndexOf(' ', start - 1) + 1;
  let end = 0;
  while (end < limit - start && oldText.charCodeAt(oldText.length - 1 - end) === newText.charCodeAt(newText.length - 1 - end)) end++;
  const cut = end === 0 ? -1 : oldText.indexOf(' ', oldText.length - end);
  end = cut < 0 ? 0 : oldText.length - cut;
  const words: WordChange[] = [];
  const keep = (value: string) => {
    if (value.length === 0) return;
    const last = words[words.length - 1];
    if (last && !last.added && !last.removed) last.value += value;
    else words.push({ value });
  };
  keep(oldText.slice(0, start));
  const oldMiddle = oldText.slice(start, oldText.length - end);
  const newMiddle = newText.slice(start, newText.length - end);
  if (rewritten) {
    if (oldMiddle.length > 0) words.push({ value: oldMiddle, removed: true });
    if (newMiddle.length > 0) words.push({ value: newMiddle, added: true });
  } else if (oldMiddle.length > 0 || newMiddle.length > 0) {
    for (const { value, added, removed } of diffWords(oldMiddle, newMiddle)) {
      if (added) words.push({ value, added });
      else if (removed) words.push({ value, removed });
      else keep(value);
    }
  }
  keep(oldText.slice(oldText.length - end));
  return words;
}

/** Whether an unpaired provision sits in a subtree whose words are the same in substance (a list run into a sentence, say). */
function insideFormOnly(node: TreeNode): boolean {
  return formOnly(node.group?.parent ?? null);
}

/**
 * Compares two versions of the same act provision by provision. Provisions are paired by label where
 * their words agree, and by their words where the label changed (renumbering, a § gaining stk.);
 * what is left under the same label was rewritten. Each entry judges the provision's own words, so a
 * § whose stk. 2 changed is itself unchanged and the stk. is reported.
 */
export function diffVersions(oldV: ParsedVersion, newV: ParsedVersion): ProvisionDiff {
  const oldSide = buildSide(oldV.provisions);
  const newSide = buildSide(newV.provisions);
  const matcher = new Matcher(oldSide, newSide);
  matcher.run();

  // Removed provisions, by the new index they follow (-1: before everything), in old order.
  const removedAfter = new Map<number, ProvisionChange[]>();
  let anchor: TreeNode | null = null;
  for (const o of oldSide.nodes) {
    if (o.pair) {
      // Words that moved elsewhere in the act would drag their removed neighbours along; only pairs found in place anchor.
      if (o.pair.group) anchor = o;
      continue;
    }
    const entry: ProvisionChange = { kind: 'removed', key: o.p.key, label: o.p.label, substantive: !placeholder(o) && !insideFormOnly(o), old: subtree(o) };
    const at = removedAt(o, anchor, newSide);
    const list = removedAfter.get(at);
    if (list) list.push(entry);
    else removedAfter.set(at, [entry]);
  }

  const changes: ProvisionChange[] = [...(removedAfter.get(-1) ?? [])];
  for (const n of newSide.nodes) {
    if (n.container) changes.push(describePair(n.container));
    if (n.pair) changes.push(describePair(n.pair));
    else changes.push({ kind: 'added', key: n.p.key, label: n.p.label, substantive: !placeholder(n) && !insideFormOnly(n), new: subtree(n) });
    const removed = removedAfter.get(n.index);
    if (removed) changes.push(...removed);
  }

  const stats = { unchanged: 0, changed: 0, substantive: 0, added: 0, removed: 0, renumbered: 0 };
  for (const c of changes) {
    stats[c.kind]++;
    if (c.substantive) stats.substantive++;
  }
  return { changes, stats };
}

/** A removed provision stands after its nearest paired predecessor: right after it if it was a child of it, else after its whole subtree. */
function removedAt(o: TreeNode, anchor: TreeNode | null, newSide: Side): number {
  if (!anchor?.pair) return -1;
  const counterpart = anchor.pair.new;
  for (let up = o.parent; up; up = up.parent) if (up === anchor) return counterpart.index;
  return newSide.subtreeEnd[counterpart.index];
}

export interface CliDiffChange {
  label: string;
  newLabel?: string;
  kind: ChangeKind;
  substantive: boolean;
  old?: string;
  new?: string;
}

/** The `sporbar diff OLD NEW --json` document: every provision that is not unchanged, labels as `sporbar parse` prints them. */
export function toCliJson(diff: ProvisionDiff): { changes: CliDiffChange[] } {
  return {
    changes: diff.changes
      .filter((c) => c.kind !== 'unchanged')
      .map((c) => ({
        label: c.label,
        ...(c.newLabel !== undefined ? { newLabel: c.newLabel } : {}),
        kind: c.kind,
        substantive: c.substantive,
        ...(c.old !== undefined ? { old: c.old } : {}),
        ...(c.new !== undefined ? { new: c.new } : {}),
      })),
  };
}
