// Reads one amendment instruction (ændringsdefinition, "I § 6, stk. 1, ændres »21« til: »30«.") into targets and actions.
import { provisionLabel, type Designation, type ProvisionParts } from '../sources/labels.js';
import type { InstructionAction, InstructionResult, InstructionTarget, ParsedInstruction } from './amendment.types.js';

// ---------------------------------------------------------------------------------------------------------------
// Tokens. Quoted words (»…«) are taken out first: whatever they hold is text, never grammar.

type Token =
  | { t: 'quote'; text: string }
  | { t: 'num'; n: number }
  | { t: 'word'; w: string; raw: string }
  | { t: 'punct'; p: string };

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
// Sticky: matched where the tokenizer stands, without slicing the rest of the line off first.
const NUMBER = /\d+/y;
const WORD = /\p{L}+(?:-\p{L}+)*/uy;
const LETTER = /\p{L}/u;

function tokenize(input: string): Token[] {
  const text = input.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ') {
      i++;
    } else if (c === '»') {
      // An unclosed quote runs to the end: a line cut short still says what it replaces.
      const end = text.indexOf('«', i + 1);
      tokens.push({ t: 'quote', text: text.slice(i + 1, end < 0 ? text.length : end) });
      i = end < 0 ? text.length : end + 1;
    } else if (c === '«') {
      i++;
    } else if (c >= '0' && c <= '9') {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text)![0];
      tokens.push({ t: 'num', n: Number(m) });
      i += m.length;
    } else if (LETTER.test(c)) {
      WORD.lastIndex = i;
      const m = WORD.exec(text)![0];
      tokens.push({ t: 'word', w: m.toLowerCase(), raw: m });
      i += m.length;
    } else if (c === '§') {
      if (text[i + 1] === '§') {
        tokens.push({ t: 'punct', p: '§§' });
        i += 2;
      } else {
        tokens.push({ t: 'punct', p: '§' });
        i++;
      }
    } else {
      tokens.push({ t: 'punct', p: c === '–' ? '-' : c });
      i++;
    }
  }
  return tokens;
}

class InstructionError extends Error {}

const COUNT_WORDS = new Set(['et', 'ét', 'en', 'to', 'tre', 'fire', 'fem', 'seks', 'syv', 'otte', 'ni', 'ti', 'alle', 'begge']);
const ORDINAL_WORDS = new Set(['første', 'andet', 'anden', 'tredje', 'fjerde', 'femte', 'sidste']);
const VERBS = new Set(['ændres', 'udgår', 'indsættes', 'ophæves', 'affattes', 'bliver', 'nyaffattes']);

/** Where a reference list is read: the path of the provision being named, from the § down. */
interface Path {
  paragraf: Designation | null;
  stk: number | null;
  nr: Designation | null;
  litra: string | null;
  sentences: number[] | null;
  element?: InstructionTarget['element'];
  /** For a chapter, annex, part or the title: its own label. */
  other?: string;
}

const EMPTY_PATH: Path = { paragraf: null, stk: null, nr: null, litra: null, sentences: null };

class Parser {
  private pos = 0;
  readonly instruction: ParsedInstruction = { targets: [], everywhere: false, actions: [] };
  /** The targets the instruction opened with; a later clause without its own targets acts on them. */
  private main: InstructionTarget[] = [];
  private mainPaths: Path[] = [];
  /** The place the last clause named: a bare "2. pkt." in a later clause continues from it, not from the first. */
  private recentPaths: Path[] = [];

  constructor(private readonly tokens: Token[]) {}

  parse(): ParsedInstruction {
    if (this.tokens.length === 0) throw new InstructionError('Instruktionen er tom.');
    while (this.pos < this.tokens.length) {
      if (this.acceptPunct(',') || this.acceptPunct('.') || this.acceptPunct(';') || this.acceptWord('og') || this.acceptWord('samt')) continue;
      this.clause();
    }
    if (this.instruction.actions.length === 0) throw new InstructionError('Instruktionen siger ikke, hvad der skal ske (ændres, indsættes, ophæves, affattes).');
    // When some action names a place of its own, every action says where it acts, so none is read against the wrong one.
    if (this.instruction.actions.some((a) => a.targets)) {
      for (const action of this.instruction.actions) if (!action.targets && action.kind !== 'renummereres') action.targets = this.main;
    }
    const seen = new Set<string>();
    for (const t of [...this.main, ...this.instruction.actions.flatMap((a) => a.targets ?? [])]) {
      const id = `${t.element ?? ''}|${t.label}|${t.sentences?.join(',') ?? ''}`;
      if (!seen.has(id)) {
        seen.add(id);
        this.instruction.targets.push(t);
      }
    }
    return this.instruction;
  }

  // -- one clause: [I|Efter|Før] targets [, der bliver …], verb …; or »x« ændres til: »y«; or Overalt i loven …

  private clause(): void {
    const tok = this.peek();
    if (tok?.t === 'quote') return this.quoteLedClause();
    if (this.occurrences()) {
      this.acceptWord('i');
      if (this.isVerb()) return this.verbClause(null, null);
      if (this.peek()?.t === 'quote') return this.quoteLedClause();
    }
    if (this.isWord('overalt') && this.isWordAt(1, 'i') && this.startsReferenceAt(2)) {
      // "Overalt i § 60 ændres …": every occurrence in that provision, which is what a replacement does anyway.
      this.pos += 1;
    } else if (this.isWord('overalt')) {
      this.pos++;
      this.expectWord('i');
      if (!this.acceptWord('loven') && !this.acceptWord('lovteksten')) this.fail('efter »overalt i« ventes »loven«');
      this.instruction.everywhere = true;
      this.acceptPunct(',');
      if (this.isWord('bortset') && this.isWordAt(1, 'fra')) {
        // "Overalt i loven bortset fra § 8, stk. 8, ændres …"
        this.pos += 2;
        this.acceptWord('i');
        this.instruction.except = this.references(EMPTY_PATH).targets;
        this.acceptPunct(',');
      }
      this.main = [];
      return this.verbClause(null, null);
    }
    if (this.isWord('i') && this.isWordAt(1, 'stedet')) {
      this.pos += 2;
      return this.verbClause(null, 'instead');
    }
    if (this.isWord('som') && (this.isWordAt(1, 'fodnote') || this.isWordAt(1, 'bilag') || this.isWordAt(1, 'nyt') || this.isWordAt(1, 'ny'))) {
      // "Som fodnote til lovens titel indsættes:", "Som bilag 1 indsættes bilag 1 til denne lov."
      const start = this.pos;
      this.pos++;
      const what = this.word();
      if (what === 'nyt' || what === 'ny') this.word();
      while (this.peek() && !this.isWord('indsættes')) this.pos++;
      if (!this.acceptWord('indsættes')) this.fail('»som …« uden »indsættes«');
      const tail = this.restRaw(start);
      this.pos = this.tokens.length;
      this.instruction.actions.push({ kind: 'indsaettes', position: 'as', anchorLabel: null, anchorWords: null, words: null, as: tail, targets: [otherTarget(what === 'fodnote' ? 'fodnote' : what === 'bilag' ? 'bilag' : 'kapitel', 'lovens titel')] });
      return;
    }
    if (this.isWord('som') && this.startsReferenceAt(1)) {
      // "…, og som nr. 4 indsættes:", "og som 3. pkt. indsættes:"
      this.pos++;
      const as = this.designationPhrase();
      this.expectWord('indsættes');
      this.acceptPunct(':');
      const words = this.peek()?.t === 'quote' ? this.quote() : null;
      this.push({ kind: 'indsaettes', position: 'as', anchorLabel: null, anchorWords: null, words, as });
      return;
    }
    let position: 'after' | 'before' | null = null;
    if (this.acceptWord('efter')) position = 'after';
    else if (this.acceptWord('før')) position = 'before';
    else this.acceptWord('i');
    if (position && this.peek()?.t === 'quote') {
      // "…, og efter »x« indsættes: »y«" — words inside the instruction's target.
      const anchorWords = this.quote();
      this.acceptWord('indsættes');
      this.acceptPunct(':');
      const words = this.peek()?.t === 'quote' ? this.quote() : null;
      this.push({ kind: 'indsaettes', position, anchorLabel: null, anchorWords, words, as: null });
      return;
    }
    if (this.occurrences()) this.acceptWord('i');
    if (this.isVerb()) return this.verbClause(position, null);
    const relative = this.recentPaths[this.recentPaths.length - 1] ?? this.mainPaths[this.mainPaths.length - 1] ?? EMPTY_PATH;
    const { targets, paths, renumbered } = this.references(relative);
    if (targets.length === 0) this.fail(`forstår ikke ${this.describe(this.peek())} på dette sted`);
    this.recentPaths = paths;
    this.acceptPunct(',');
    if (position) {
      // "Efter § 16 indsættes:", "og efter 1. pkt. indsættes:", "og efter »x«: »y«"
      this.verbClause(position, null, targets);
    } else {
      if (this.main.length === 0 || this.instruction.actions.length === 0) {
        this.main = targets;
        this.mainPaths = paths;
      }
      for (const r of renumbered) this.instruction.actions.push(r);
      if (!this.isVerb()) {
        if (renumbered.length > 0 && (this.peek() === undefined || this.isPunct('.'))) return;
        this.fail(`efter henvisningen ventes et udsagnsord (ændres, indsættes, ophæves, affattes), ikke ${this.describe(this.peek())}`);
      }
      this.verbClause(null, null, targets === this.main ? undefined : targets);
    }
  }

  /** `»x« ændres til: »y«`, `»x« til: »y«`, `»x« og »z« udgår` — continuing the instruction's targets. */
  private quoteLedClause(): void {
    // "…, og i 2. pkt. ændres »x« til: »y«, og »z« udgår": words named after a clause that changed words in a place of
    // its own are words of that place, not of the instruction's first target.
    const last = this.instruction.actions.at(-1);
    const continued = last && (last.kind === 'erstattes' || (last.kind === 'indsaettes' && last.anchorWords !== null)) ? last.targets : undefined;
    const froms = this.quotes();
    this.occurrences();
    if (this.acceptWord('udgår')) {
      this.push({ kind: 'erstattes', replacements: froms.map((from) => ({ from, to: '' })) }, continued);
      return;
    }
    this.acceptWord('ændres');
    this.occurrences();
    this.replacementTail(froms, continued);
  }

  private replacementTail(froms: string[], targets?: InstructionTarget[]): void {
    this.occurrences();
    // "ændres »§ 140, stk. 8«, til: »§ 54, stk. 1«": a stray comma before "til".
    if (this.isPunct(',') && this.isWordAt(1, 'til')) this.pos++;
    this.acceptPunct(':');
    if (!this.acceptWord('til')) this.fail(`efter »${froms[0]}« ventes »til:«`);
    this.acceptPunct(':');
    const to = this.quote();
    this.push({ kind: 'erstattes', replacements: froms.map((from) => ({ from, to })) }, targets);
  }

  private push(action: InstructionAction, targets?: InstructionTarget[]): void {
    this.instruction.actions.push(targets && targets.length > 0 ? { ...action, targets } : action);
  }

  private verbClause(position: 'after' | 'before' | null, instead: 'instead' | null, targets: InstructionTarget[] | undefined = undefined): void {
    const verb = this.word();
    switch (verb) {
      case 'ændres': {
        this.acceptPunct(':');
        this.occurrences();
        if (this.isWord('i') && this.startsReferenceAt(1)) {
          // "ændres i 2. pkt. »x« til: »y«"
          this.pos++;
          const own = this.references(this.recentPaths[this.recentPaths.length - 1] ?? this.mainPaths[this.mainPaths.length - 1] ?? EMPTY_PATH);
          targets = own.targets;
          this.recentPaths = own.paths;
          for (const r of own.renumbered) this.instruction.actions.push(r);
          this.acceptPunct(',');
        }
        if (this.peek()?.t !== 'quote') {
          // "ændres i stk. 2 »x« til …" is not a form the conventions use; say so.
          this.fail('efter »ændres« ventes de ord, der ændres, i »…«');
        }
        const froms = this.quotes();
        return this.replacementTail(froms, targets);
      }
      case 'udgår': {
        this.acceptPunct(':');
        this.occurrences();
        if (this.peek()?.t === 'quote') {
          const froms = this.quotes();
          return this.push({ kind: 'erstattes', replacements: froms.map((from) => ({ from, to: '' })) }, targets);
        }
        const { targets: own } = this.references(this.mainPaths[this.mainPaths.length - 1] ?? EMPTY_PATH);
        return this.push({ kind: 'ophaeves' }, own.length ? own : targets);
      }
      case 'ophæves': {
        // "I § 373 ophæves stk. 9" names what goes after the verb.
        const { targets: own } = this.startsReference() ? this.references(this.mainPaths[this.mainPaths.length - 1] ?? EMPTY_PATH) : { targets: [] };
        this.push({ kind: 'ophaeves' }, own.length ? own : targets);
        if (this.acceptPunct(',') && this.isWord('og') && this.isWordAt(1, 'i') && this.isWordAt(2, 'stedet')) {
          this.pos += 3;
          this.expectWord('indsættes');
          this.insertionTail(null, own.length ? own : targets, 'instead');
        }
        return;
      }
      case 'affattes':
      case 'nyaffattes':
        this.acceptWord('således');
        this.acceptPunct(':');
        if (this.peek()?.t === 'quote') {
          // "Overskriften før § 5 affattes således: »…«" prints the new words inline.
          const words = this.quote();
          return this.push({ kind: 'erstattes', replacements: [{ from: '', to: words }] }, targets);
        }
        return this.push({ kind: 'affattes' }, targets);
      case 'indsættes':
        return this.insertionTail(position, targets, instead);
      case 'bliver': {
        this.acceptWord('herefter');
        const from = targets ?? this.main;
        const { targets: to } = this.references(this.mainPaths[this.mainPaths.length - 1] ?? EMPTY_PATH);
        if (from.length === 0 || to.length === 0) this.fail('»bliver herefter« uden det, der omnummereres');
        this.push({ kind: 'renummereres', from: rangeLabel(from), to: rangeLabel(to) });
        return;
      }
      default:
        this.fail(`ventede et udsagnsord, fandt »${verb}«`);
    }
  }

  /** After `indsättes`: [efter|før anchor] [som …] [i kapitel N | før overskriften før § N] : [»words«]. */
  private insertionTail(position: 'after' | 'before' | null, targets: InstructionTarget[] | undefined, instead: 'instead' | null): void {
    let anchorLabel: string | null = null;
    let anchorWords: string | null = null;
    let as: string | null = null;
    let anchorSentence: number | null = null;
    let pos: 'after' | 'before' | 'as' | 'end' | 'instead' = instead ?? position ?? 'end';
    let own = targets;
    if (position && targets?.length) {
      anchorLabel = targets[0]!.label;
      anchorSentence = targets[0]!.sentences?.at(-1) ?? null;
    }
    for (;;) {
      if (this.isWord('efter') || this.isWord('før')) {
        const word = this.word();
        if (word === 'før' && this.isWord('overskriften') && this.tokenAt(1)?.t === 'quote') {
          // "Efter § 123 c indsættes før overskriften »Voksne«:" — the place is already named.
          this.pos++;
          this.quote();
          continue;
        }
        if (word === 'før' && this.isWord('overskriften')) {
          // "Efter § 63 indsättes før overskriften før § 64:" — the place is already named.
          this.references(EMPTY_PATH);
          continue;
        }
        if (word === 'før' && anchorLabel !== null && (this.isWord('afsnit') || this.isWord('kapitel'))) {
          // "Efter § 40 indsættes før afsnit IV:" — the place is already named; the new § ends the part before it.
          this.pos++;
          if (this.peek()?.t === 'num' || this.peek()?.t === 'word') this.pos++;
          continue;
        }
        pos = word === 'efter' ? 'after' : 'before';
        if (this.peek()?.t === 'quote') anchorWords = this.quote();
        else {
          const { targets: anchor } = this.references(this.mainPaths[this.mainPaths.length - 1] ?? EMPTY_PATH);
          if (anchor.length === 0) this.fail(`efter »${word}« ventes et sted`);
          const last = pos === 'after' ? anchor[anchor.length - 1]! : anchor[0]!;
          anchorLabel = last.label;
          anchorSentence = (pos === 'after' ? last.sentences?.at(-1) : last.sentences?.[0]) ?? null;
        }
        this.acceptPunct(',');
        if (this.isWord('der') && this.isWordAt(1, 'bliver')) {
          this.pos += 2;
          this.references(EMPTY_PATH);
          this.acceptPunct(',');
        }
        continue;
      }
      if (this.acceptWord('som')) {
        as = this.designationPhrase();
        if (pos === 'end') pos = 'as';
        continue;
      }
      if (this.isWord('i') && (this.isWordAt(1, 'kapitel') || this.isWordAt(1, 'afsnit'))) {
        this.pos++;
        this.references(EMPTY_PATH);
        continue;
      }
      if (this.isWord('i') && this.startsReferenceAt(1)) {
        this.pos++;
        own = this.references(this.mainPaths[this.mainPaths.length - 1] ?? EMPTY_PATH).targets;
        continue;
      }
      if (this.isWord('bilag') || this.isWord('kapitel')) {
        as = this.restRaw(this.pos);
        this.pos = this.tokens.length;
        break;
      }
      break;
    }
    let words: string | null = null;
    if (this.acceptPunct(':') || this.peek()?.t === 'quote') {
      if (this.peek()?.t === 'quote') words = this.quote();
    }
    const action: InstructionAction = { kind: 'indsaettes', position: pos, anchorLabel, anchorWords, words, as };
    if (anchorSentence !== null) action.anchorSentence = anchorSentence;
    this.push(action, own);
    // "…, og efter »z«: »w«" — a second insertion of words, verb left out.
    while ((this.isPunct(',') && this.isWordAt(1, 'og') && (this.isWordAt(2, 'efter') || this.isWordAt(2, 'før')) && this.tokenAt(3)?.t === 'quote') || ((this.isWord('og') || this.isPunct(',')) && (this.isWordAt(1, 'efter') || this.isWordAt(1, 'før')) && this.tokenAt(2)?.t === 'quote')) {
      if (this.acceptPunct(',')) this.acceptWord('og');
      else this.acceptWord('og');
      const p = this.word() === 'efter' ? 'after' : 'before';
      const anchor = this.quote();
      this.acceptWord('indsættes');
      this.acceptPunct(':');
      this.push({ kind: 'indsaettes', position: p, anchorLabel: null, anchorWords: anchor, words: this.peek()?.t === 'quote' ? this.quote() : null, as: null }, own);
    }
  }

  /** What follows `som`: `stk. 2`, `nr. 3`, `2. pkt.`, `nyt stykke`, `nye numre`, `nyt 2. pkt.`, `§ 6 a`, `nyt kapitel`. */
  private designationPhrase(): string {
    const start = this.pos;
    this.acceptWord('nyt') || this.acceptWord('nye') || this.acceptWord('ny');
    if (this.isWord('overskrift')) {
      // "Før § 50 indsættes som overskrift:" — a heading for the § it stands before.
      this.pos++;
      return 'overskrift';
    }
    if (this.isWord('stykke') || this.isWord('stykker') || this.isWord('nummer') || this.isWord('numre') || this.isWord('punktum') || this.isWord('punktummer') || this.isWord('litra') || this.isWord('litraer') || this.isWord('kapitel') || this.isWord('kapitler') || this.isWord('afsnit') || this.isWord('paragraf') || this.isWord('paragraffer') || this.isWord('bilag')) {
      const noun = this.word();
      if ((noun === 'kapitel' || noun === 'litra' || noun === 'bilag') && (this.peek()?.t === 'num' || (this.peek()?.t === 'word' && (this.peek() as { w: string }).w.length === 1))) this.references(EMPTY_PATH, noun);
      return this.restRaw(start, this.pos);
    }
    if (this.startsReference()) {
      this.references(EMPTY_PATH);
      return this.restRaw(start, this.pos);
    }
    this.fail(`efter »som« ventes hvad det indsatte bliver (stk., nr., pkt.), ikke ${this.describe(this.peek())}`);
  }

  // -- references: "§ 2 a, stk. 5, § 9 f, stk. 4, 2. pkt., og § 47 a, stk. 1", "stk. 2-4", "nr. 1 og 2", "kapitel 3"

  private startsReference(): boolean {
    return this.startsReferenceAt(0);
  }

  private startsReferenceAt(offset: number): boolean {
    const tok = this.tokenAt(offset);
    if (!tok) return false;
    if (tok.t === 'punct') return tok.p === '§' || tok.p === '§§';
    if (tok.t === 'num') return this.isSentenceRefAt(offset) || this.isStedAt(offset);
    if (tok.t !== 'word') return false;
    if (['stk', 'nr', 'litra', 'litraerne', 'kapitel', 'kapitlerne', 'overskriften', 'overskrifterne', 'kapiteloverskriften', 'lovens', 'fodnoten', 'bilag', 'afsnit', 'indledningen', 'titlen', 'stykke', 'nummer', 'punktum', 'nr'].includes(tok.w)) return true;
    if ((COUNT_WORDS.has(tok.w) || ORDINAL_WORDS.has(tok.w)) && (this.isWordAt(offset + 1, 'steder') || this.isWordAt(offset + 1, 'sted'))) return true;
    return false;
  }

  private isSentenceRefAt(offset: number): boolean {
    // "2. pkt.", "1. og 2. pkt.", "3.-5. pkt.", "5., 7. og 8. pkt."
    let i = offset;
    for (let guard = 0; guard < 40; guard++) {
      if (this.tokenAt(i)?.t !== 'num') return false;
      if (this.isWordAt(i + 1, 'pkt')) return true;
      if (this.isPunctAt(i + 1, '-') && this.tokenAt(i + 2)?.t === 'num') {
        // "2-4. pkt."
        i += 2;
        continue;
      }
      if (!this.isPunctAt(i + 1, '.')) return false;
      i += 2;
      if (this.isWordAt(i, 'pkt') || this.isWordAt(i, 'punktum') || this.isWordAt(i, 'punktummer')) return true;
      if (this.isPunctAt(i, '-') || this.isPunctAt(i, ',') || this.isWordAt(i, 'og')) i++;
      else return false;
    }
    return false;
  }

  private isStedAt(offset: number): boolean {
    return this.isPunctAt(offset + 1, '.') && (this.isWordAt(offset + 2, 'sted') || this.isWordAt(offset + 2, 'steder'));
  }

  /**
   * Reads a list of references relative to `base` (a clause's own "i stk. 3" under the § the instruction named),
   * each new part replacing the same level and everything below it. Notes "der bliver stk. 4" as renumberings.
   */
  private references(base: Path, leading?: string): { targets: InstructionTarget[]; paths: Path[]; renumbered: InstructionAction[] } {
    const paths: Path[] = [];
    const renumbered: InstructionAction[] = [];
    let current: Path = { ...base, sentences: null, element: undefined, other: undefined };
    let pending = false;
    let lastLevel = -1;
    let started = false;
    let joined = false;
    const emit = () => {
      if (pending) paths.push(current);
      pending = false;
    };
    for (let guard = 0; guard < 400; guard++) {
      const before = this.pos;
      if (started && !joined && this.isWord('med') && this.isWordAt(1, 'tilhørende') && this.isWordAt(2, 'overskrift')) {
        // "§ 65 med tilhørende overskrift affattes således:" — the § names the place; its heading comes with it.
        this.pos += 3;
        continue;
      }
      if (started && !joined) {
        // A list goes on after ", " / " og " / ", og " / ", i " only when another reference follows.
        let look = 0;
        if (this.isPunctAt(look, ',')) look++;
        if (this.isWordAt(look, 'og') || this.isWordAt(look, 'samt') || this.isWordAt(look, 'eller')) look++;
        if (this.isWordAt(look, 'i') && this.startsReferenceAt(look + 1)) look++;
        // "§ 24 stk. 2": a comma left out before a finer part.
        const finer = look === 0 && (this.isWord('stk') || this.isWord('nr') || this.isWord('litra'));
        if ((look === 0 && !finer) || !this.startsReferenceAt(look) || this.isListEndAt(look)) break;
        this.pos += look;
      }
      // Occurrence counts ("to steder i", "1. sted") say how often, not where.
      if (this.occurrences()) {
        this.acceptWord('i');
        started = true;
        joined = true;
        if (!this.startsReference()) break;
        continue;
      }
      joined = false;
      if (this.isWord('med') && this.isWordAt(1, 'tilhørende') && this.isWordAt(2, 'overskrift')) {
        this.pos += 3;
        continue;
      }
      const level = this.component(current, leading);
      leading = undefined;
      if (!level) {
        this.pos = before;
        break;
      }
      started = true;
      const { path, levelIndex, many } = level;
      if (pending && levelIndex <= lastLevel) emit();
      if (many) {
        for (const p of many.slice(0, -1)) paths.push(p);
        current = many[many.length - 1]!;
      } else {
        current = path;
      }
      pending = true;
      lastLevel = levelIndex;
      const renumberAt = this.isPunct(',') && (this.isWordAt(1, 'der') || this.isWordAt(1, 'som')) && this.isWordAt(2, 'bliver') ? 3 : this.isPunct(',') && this.isWordAt(1, 'bliver') && !this.isWordAt(2, 'herefter') && this.startsReferenceAt(2) ? 2 : 0;
      if (renumberAt) {
        this.pos += renumberAt;
        const from = current;
        const to = this.component({ ...from }, undefined);
        if (!to) this.fail('»der bliver« uden ny betegnelse');
        renumbered.push({ kind: 'renummereres', from: sentenceLabel(from), to: sentenceLabel(to.path) });
      }
    }
    emit();
    return { targets: paths.map(pathTarget), paths, renumbered };
  }

  /** A list stops before "og efter …" and "og i stedet". */
  private isListEndAt(offset: number): boolean {
    return this.isWordAt(offset, 'stedet');
  }

  /** One part of a reference: `§ 9 f`, `§§ 9 i-9 n`, `stk. 2-4`, `nr. 1 og 2`, `litra b`, `2. og 3. pkt.`, `kapitel 3`. */
  private component(current: Path, leading?: string): { path: Path; levelIndex: number; many?: Path[] } | null {
    const tok = this.peek();
    if (!tok) return null;
    if (leading === 'kapitel' || leading === 'bilag' || leading === 'litra') {
      return this.otherComponent(leading, current);
    }
    if (tok.t === 'punct' && (tok.p === '§' || tok.p === '§§')) {
      this.pos++;
      const list = this.designationList(true);
      const many = list.map((d) => ({ ...EMPTY_PATH, paragraf: d }));
      return { path: many[0]!, levelIndex: 0, many };
    }
    if (tok.t === 'num' && this.isSentenceRefAt(0)) {
      const sentences = this.sentenceList();
      return { path: { ...current, sentences }, levelIndex: 4 };
    }
    if (tok.t !== 'word') return null;
    switch (tok.w) {
      case 'stk':
      case 'stykke': {
        this.pos++;
        this.acceptPunct('.');
        const list = this.numberList();
        const many = list.map((n) => ({ ...current, stk: n, nr: null, litra: null, sentences: null, element: undefined, other: undefined }));
        return { path: many[0]!, levelIndex: 1, many };
      }
      case 'nr':
      case 'nummer': {
        this.pos++;
        this.acceptPunct('.');
        const list = this.designationList(false);
        const many = list.map((d) => ({ ...current, nr: d, litra: null, sentences: null, element: undefined, other: undefined }));
        return { path: many[0]!, levelIndex: 2, many };
      }
      case 'litra':
      case 'litraerne': {
        this.pos++;
        return this.otherComponent('litra', current);
      }
      case 'kapitel':
      case 'kapitlerne':
      case 'afsnit':
      case 'bilag': {
        this.pos++;
        return this.otherComponent(tok.w === 'kapitlerne' ? 'kapitel' : tok.w, current);
      }
      case 'overskriften':
      case 'overskrifterne':
      case 'kapiteloverskriften': {
        // "Overskriften til kapitel 3", "Overskriften før § 55", "kapiteloverskriften til kapitel 2"
        this.pos++;
        this.acceptWord('til') || this.acceptWord('før') || this.acceptWord('efter') || this.acceptWord('i');
        const start = this.pos;
        const inner = this.references(EMPTY_PATH);
        let label = inner.targets.map((t) => t.label).join(', ') || 'overskrift';
        if (tok.w === 'overskriften' && inner.targets.length > 1) {
          // "Overskriften før § 49 og § 49 ophæves": one heading, then the § itself as a target of its own.
          this.pos = start;
          const one = this.component(EMPTY_PATH);
          if (one) label = pathTarget(one.path).label;
        }
        return { path: { ...EMPTY_PATH, element: 'overskrift', other: label }, levelIndex: 0 };
      }
      case 'fodnoten':
      case 'lovens':
      case 'titlen': {
        this.pos++;
        if (tok.w === 'lovens' && this.isWord('bilag')) {
          this.pos++;
          return this.otherComponent('bilag', current);
        }
        if (tok.w === 'lovens' && this.acceptWord('fodnote')) {
          return { path: { ...EMPTY_PATH, element: 'fodnote', other: 'lovens titel' }, levelIndex: 0 };
        }
        if (tok.w === 'fodnoten') {
          this.acceptWord('til');
          this.acceptWord('lovens');
        }
        this.acceptWord('titel');
        return { path: { ...EMPTY_PATH, element: tok.w === 'fodnoten' ? 'fodnote' : 'titel', other: 'lovens titel' }, levelIndex: 0 };
      }
      case 'indledningen': {
        this.pos++;
        this.acceptWord('til') || this.acceptWord('i');
        if (this.startsReference()) {
          const inner = this.references(current);
          const t = inner.paths[0] ?? current;
          return { path: { ...t, element: 'indledning' }, levelIndex: 4 };
        }
        return { path: { ...current, element: 'indledning' }, levelIndex: 4 };
      }
      case 'punktum': {
        return null;
      }
    }
    return null;
  }

  private otherComponent(kind: string, current: Path): { path: Path; levelIndex: number; many?: Path[] } {
    const parts: string[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok?.t === 'num') {
        let d = String(tok.n);
        this.pos++;
        const letter = this.peek();
        if (letter?.t === 'word' && letter.w.length === 1 && !['i', 'og'].includes(letter.w)) {
          d += ` ${letter.w}`;
          this.pos++;
        }
        parts.push(d);
      } else if (tok?.t === 'word' && (/^[ivxl]+$/.test(tok.w) || (kind === 'litra' && tok.w.length <= 2 && tok.w !== 'og'))) {
        parts.push(tok.w);
        this.pos++;
      } else if (tok?.t === 'word' && /^[a-zæøå]-[a-zæøå]$/.test(tok.w)) {
        // "litra a-c", "Bilag B-D": the tokenizer reads them as one hyphenated word.
        for (let c = tok.w.charCodeAt(0); c <= tok.w.charCodeAt(2); c++) parts.push(String.fromCharCode(c));
        this.pos++;
      } else break;
      if (this.isPunct('-') || (this.isWord('og') && this.tokenAt(1)?.t === 'num' && kind !== 'litra')) {
        this.pos++;
        continue;
      }
      if (kind === 'litra' && (this.isPunct('-') || (this.isWord('og') && this.tokenAt(1)?.t === 'word' && (this.tokenAt(1) as { w: string }).w.length === 1))) {
        this.pos++;
        continue;
      }
      if (this.isPunct(',') && this.tokenAt(1)?.t === 'num' && !this.isPunctAt(2, '.')) {
        this.pos++;
        continue;
      }
      break;
    }
    if (parts.length === 0) this.fail(`efter »${kind}« ventes et nummer`);
    if (kind === 'litra') {
      const many = parts.map((l) => ({ ...current, litra: l, sentences: null }));
      return { path: many[0]!, levelIndex: 3, many };
    }
    const many = parts.map((p) => ({ ...EMPTY_PATH, element: kind === 'bilag' ? ('bilag' as const) : ('kapitel' as const), other: `${kind} ${p}` }));
    return { path: many[0]!, levelIndex: 0, many };
  }

  /** `9 f`, `9 i-9 n`, `63 og 64`, `20-31`, `12, 13 og 15` (after § or nr.). */
  private designationList(paragraf: boolean): Designation[] {
    const list: Designation[] = [];
    const first = this.designation();
    list.push(first);
    for (;;) {
      if (this.isPunct('-') && (this.tokenAt(1)?.t === 'num' || this.isPunctAt(1, '§') || this.tokenAt(1)?.t === 'word')) {
        this.pos++;
        this.acceptPunct('§');
        const prev = list[list.length - 1]!;
        const to = this.tokenAt(0)?.t === 'word' ? { number: prev.number, letter: this.word() } : this.designation();
        list.push(...expandRange(prev, to).slice(1));
        continue;
      }
      const sep = this.isPunct(',') ? 1 : 0;
      if (this.isWordAt(sep, 'og') && this.tokenAt(sep + 1)?.t === 'num' && !this.isSentenceRefAt(sep + 1) && !this.isStedAt(sep + 1)) {
        this.pos += sep + 1;
        list.push(this.designation());
        continue;
      }
      if (sep && this.tokenAt(1)?.t === 'num' && !this.isSentenceRefAt(1) && !this.isStedAt(1) && paragraf) {
        this.pos += 1;
        list.push(this.designation());
        continue;
      }
      break;
    }
    return list;
  }

  private designation(): Designation {
    const tok = this.peek();
    if (tok?.t !== 'num') this.fail(`ventede et nummer, fandt ${this.describe(tok)}`);
    this.pos++;
    const next = this.peek();
    // A letter after the number: "§ 9 f", "§ 25 C" (some acts print it in capitals); "i" only when no reference follows.
    if (next?.t === 'word' && next.w.length === 1 && next.w !== 'i' || (next?.t === 'word' && next.w === 'i' && !this.startsReferenceAt(1) && !this.isWordAt(1, 'stedet') && !this.isWordAt(1, 'kapitel') && !this.isWordAt(1, 'loven') && this.tokenAt(1)?.t !== 'quote')) {
      this.pos++;
      return { number: tok.n, letter: (next as { w: string }).w };
    }
    return { number: tok.n, letter: null };
  }

  /** `2`, `2-4`, `2 og 3`, `2, 3 og 5` after stk. */
  private numberList(): number[] {
    const list: number[] = [];
    const first = this.peek();
    if (first?.t !== 'num') this.fail(`efter »stk.« ventes et nummer, fandt ${this.describe(first)}`);
    this.pos++;
    list.push(first.n);
    for (;;) {
      if (this.isPunct('-') && this.tokenAt(1)?.t === 'num') {
        this.pos++;
        const to = (this.peek() as { n: number }).n;
        this.pos++;
        for (let n = list[list.length - 1]! + 1; n <= to; n++) list.push(n);
        continue;
      }
      const sep = this.isPunct(',') ? 1 : 0;
      if (this.isWordAt(sep, 'og') && this.tokenAt(sep + 1)?.t === 'num' && !this.isSentenceRefAt(sep + 1) && !this.isStedAt(sep + 1)) {
        this.pos += sep + 1;
        list.push((this.peek() as { n: number }).n);
        this.pos++;
        continue;
      }
      if (sep && this.tokenAt(1)?.t === 'num' && !this.isSentenceRefAt(1) && !this.isStedAt(1)) {
        this.pos++;
        list.push((this.peek() as { n: number }).n);
        this.pos++;
        continue;
      }
      break;
    }
    return list;
  }

  /** `2. pkt.`, `1. og 2. pkt.`, `3.-5. pkt.`, `5., 7. og 8. pkt.` */
  private sentenceList(): number[] {
    const list: number[] = [];
    for (;;) {
      const n = (this.peek() as { n: number }).n;
      this.pos += this.isPunctAt(1, '.') ? 2 : 1;
      if (this.isPunct('-') && this.tokenAt(1)?.t === 'num') {
        this.pos++;
        const to = (this.peek() as { n: number }).n;
        this.pos += this.isPunctAt(1, '.') ? 2 : 1;
        for (let k = n; k <= to; k++) list.push(k);
      } else list.push(n);
      if (this.acceptWord('pkt') || this.acceptWord('punktum') || this.acceptWord('punktummer')) {
        this.acceptPunct('.');
        return list;
      }
      this.acceptPunct(',');
      this.acceptWord('og');
    }
  }

  /** `to steder`, `tre steder i`, `1. sted`, `alle steder`: how often, which the application does not need. */
  private occurrences(): boolean {
    const tok = this.peek();
    if (tok?.t === 'word' && (COUNT_WORDS.has(tok.w) || ORDINAL_WORDS.has(tok.w)) && (this.isWordAt(1, 'steder') || this.isWordAt(1, 'sted'))) {
      this.pos += 2;
      return true;
    }
    if (tok?.t === 'num' && this.isStedAt(0)) {
      this.pos += 3;
      return true;
    }
    return false;
  }

  // -- token helpers

  private quotes(): string[] {
    const list = [this.quote()];
    for (;;) {
      const sep = this.isPunct(',') ? 1 : 0;
      const and = this.isWordAt(sep, 'og') || this.isWordAt(sep, 'samt') ? 1 : 0;
      // "»x«, »y« ændres til: …" starts the next change: the quote belongs to it.
      const next = this.tokenAt(sep + and + 1);
      if (next?.t === 'word' && (VERBS.has(next.w) || next.w === 'til' || COUNT_WORDS.has(next.w))) return list;
      if (and && this.tokenAt(sep + 1)?.t === 'quote') {
        this.pos += sep + 1;
        list.push(this.quote());
      } else if (sep && this.tokenAt(1)?.t === 'quote') {
        this.pos++;
        list.push(this.quote());
      } else return list;
    }
  }

  private quote(): string {
    const tok = this.peek();
    if (tok?.t !== 'quote') this.fail(`ventede ord i »…«, fandt ${this.describe(tok)}`);
    this.pos++;
    return tok.text;
  }

  private isVerb(): boolean {
    const tok = this.peek();
    return tok?.t === 'word' && VERBS.has(tok.w);
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private tokenAt(offset: number): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private isWord(w: string): boolean {
    return this.isWordAt(0, w);
  }

  private isWordAt(offset: number, w: string): boolean {
    const tok = this.tokens[this.pos + offset];
    return tok?.t === 'word' && tok.w === w;
  }

  private isPunct(p: string): boolean {
    return this.isPunctAt(0, p);
  }

  private isPunctAt(offset: number, p: string): boolean {
    const tok = this.tokens[this.pos + offset];
    return tok?.t === 'punct' && tok.p === p;
  }

  private acceptWord(w: string): boolean {
    if (!this.isWord(w)) return false;
    this.pos++;
    return true;
  }

  private acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.pos++;
    return true;
  }

  private expectWord(w: string): void {
    if (!this.acceptWord(w)) this.fail(`ventede »${w}«, fandt ${this.describe(this.peek())}`);
  }

  private word(): string {
    const tok = this.peek();
    if (tok?.t !== 'word') this.fail(`ventede et ord, fandt ${this.describe(tok)}`);
    this.pos++;
    return tok.w;
  }

  private restRaw(start: number, end = this.tokens.length): string {
    return this.tokens
      .slice(start, end)
      .map((t) => (t.t === 'word' ? t.raw : t.t === 'num' ? String(t.n) : t.t === 'quote' ? `»${t.text}«` : t.p))
      .join(' ')
      .replace(/ ([.,:])/g, '$1')
      .replace(/ - /g, '-');
  }

  private describe(tok: Token | undefined): string {
    if (!tok) return 'slutningen af instruktionen';
    if (tok.t === 'quote') return `»${tok.text.slice(0, 30)}«`;
    if (tok.t === 'num') return `tallet ${tok.n}`;
    if (tok.t === 'word') return `»${tok.raw}«`;
    return `»${tok.p}«`;
  }

  private fail(reason: string): never {
    throw new InstructionError(reason.charAt(0).toUpperCase() + reason.slice(1));
  }
}

function expandRange(from: Designation, to: Designation): Designation[] {
  if (from.number === to.number && to.letter) {
    const a = from.letter ? from.letter.charCodeAt(0) : 96;
    const list: Designation[] = from.letter ? [] : [from];
    for (let c = from.letter ? a : 97; c <= to.letter.charCodeAt(0); c++) list.push({ number: from.number, letter: String.fromCharCode(c) });
    return list;
  }
  if (!from.letter && !to.letter && to.number > from.number && to.number - from.number < 200) {
    const list: Designation[] = [];
    for (let n = from.number; n <= to.number; n++) list.push({ number: n, letter: null });
    return list;
  }
  return [from, to];
}

function pathParts(path: Path): ProvisionParts | null {
  if (!path.paragraf) return null;
  return { paragraf: path.paragraf, paragrafTo: null, rangeJoin: '-', stk: path.stk, stkTo: null, nr: path.nr, litra: path.litra };
}

function pathLabel(path: Path): string {
  if (path.other) return path.other;
  const parts = pathParts(path);
  if (parts) return provisionLabel(parts);
  // A relative reference with no § before it ("Stk. 3 og 4 bliver herefter stk. 1 og 2"): as far as it goes.
  const bits: string[] = [];
  if (path.stk !== null) bits.push(`stk. ${path.stk}`);
  if (path.nr) bits.push(`nr. ${path.nr.letter ? `${path.nr.number} ${path.nr.letter}` : path.nr.number}`);
  if (path.litra) bits.push(`litra ${path.litra}`);
  return bits.join(', ');
}

/** `§ 60, stk. 4, 3. pkt.` for a renumbering of sentences ("3. pkt., der bliver 4. pkt."). */
function sentenceLabel(path: Path): string {
  return path.sentences ? `${pathLabel(path)}, ${path.sentences.join('. og ')}. pkt.` : pathLabel(path);
}

function pathTarget(path: Path): InstructionTarget {
  const target: InstructionTarget = { label: pathLabel(path), sentences: path.sentences };
  if (path.element) target.element = path.element;
  return target;
}

function otherTarget(element: NonNullable<InstructionTarget['element']>, label: string): InstructionTarget {
  return { label, sentences: null, element };
}

/** `stk. 3`, `stk. 4`, `stk. 5` → `§ 6, stk. 3-5` for a renumbering's from/to. */
function rangeLabel(targets: InstructionTarget[]): string {
  if (targets.length === 1) return targets[0]!.label;
  return targets.map((t) => t.label).join(' og ');
}

/** Parses one instruction; never throws: what it cannot read comes back with a reason in Danish. */
export function parseInstruction(text: string): InstructionResult {
  try {
    return { ok: true, instruction: new Parser(tokenize(text)).parse() };
  } catch (err) {
    if (err instanceof InstructionError) return { ok: false, reason: err.message };
    throw err;
  }
}

export interface InstructionLinesReport {
  lines: number;
  parsed: number;
  unparsed: { line: number; text: string; reason: string }[];
}

/** Reads the `year-number; instruction` line format of `amendment-instructions/` (blank lines skipped, counted as none). */
export function parseInstructionLines(content: string): InstructionLinesReport {
  const report: InstructionLinesReport = { lines: 0, parsed: 0, unparsed: [] };
  const rows = content.replace(/^\ufeff/, '').split(/\r?\n/);
  rows.forEach((row, index) => {
    if (!row.trim()) return;
    report.lines++;
    const m = /^\s*\d{4}-\d+\s*;\s?(.*)$/.exec(row);
    const text = m ? m[1]! : row;
    const result = parseInstruction(text);
    if (result.ok) report.parsed++;
    else report.unparsed.push({ line: index + 1, text, reason: result.reason });
  });
  return report;
}
