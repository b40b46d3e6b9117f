// The shapes of an amending act (LOV "om ændring af …") and of a bill, as read from LexDania, and of the
// instructions in them, as parsed: what the reader (amending-act.ts), the instruction parser (instructions.ts)
// and the application to an act in force (apply.ts) hand one another.

/** A block of new text printed under an instruction (AendringNyTekst), with its own printed designation. */
export interface NewTextBlock {
  /** What the block is: a whole §, a stk., a nr. (`1)`), a litra (`a)`), text without a designation (a pkt., a heading), or a new chapter (`Kapitel 3`, its §§ as children). */
  kind: 'paragraf' | 'stk' | 'nr' | 'litra' | 'text' | 'kapitel';
  /** As printed: `§ 6 a.`, `Stk. 2.`, `3)`, `b)`; null when the block has none (a lone stk. 1, a sentence). */
  designation: string | null;
  /** A heading printed above a new § or chapter (Rubrica), if any; a new heading alone is a `text` block with heading = text. */
  heading?: string | null;
  /** The block's own words, whitespace collapsed, soft hyphens out; without its children's. */
  text: string;
  children: NewTextBlock[];
}

/** One numbered change ("1.", "2.", …) of an amending act's §, as printed. */
export interface PrintedChange {
  /** The change's number; 1 when the § holds a single unnumbered change. */
  number: number;
  /** The instruction (AendringDefinition) as one line, whitespace collapsed: `§ 40, stk. 1, affattes således:`. */
  instruction: string;
  /** The new text that follows the instruction, if any. */
  newText: NewTextBlock[];
  /** The renumbering printed after it (Rykningsklausul, or a second Aendring): `Stk. 3-5 bliver herefter stk. 4-6.`; null if none. */
  renumbering: string | null;
}

/** One § of an amending act that amends one other act. */
export interface AmendingSection {
  /** `§ 1` */
  paragraph: string;
  /** The opening sentence, as printed: `I lov om sygedagpenge, jf. lovbekendtgørelse nr. 920 af 22. august 2011, foretages følgende ændringer:`. */
  intro: string;
  /** The amended act's title as the intro names it, lowercase first letter: `lov om sygedagpenge`, `retsplejeloven`. */
  actTitle: string;
  /** A popular name the intro prints in parentheses after the title: `integrationsloven`; null if none. */
  popularName: string | null;
  /** The consolidation or act the intro cites, in short-name form: `LBK nr 920 af 22/08/2011`, `LOV nr 563 af 09/06/2006`; null if none. */
  cites: string | null;
  changes: PrintedChange[];
}

/** When (part of) an amending act takes effect. */
export interface InForceRule {
  /** ISO date; null when a minister sets it ("fastsætter tidspunktet") or it could not be read. */
  date: string | null;
  /** What the rule covers: the whole act, or some §§ and numbered changes of them. */
  covers: 'all' | { paragraph: string; numbers: number[] | null }[];
  /** The sentence, as printed. */
  text: string;
  /** "Ministeren fastsætter tidspunktet for lovens ikrafttræden": the user supplies the date. */
  setByMinister?: boolean;
  /** "dagen efter bekendtgørelsen i Lovtidende": date is the day after the act's publication (DiesSigni + 1 when not known). */
  dayAfterPublication?: boolean;
}

export interface AmendingAct {
  /** `LOV nr 1599 af 22/12/2010`; for a bill `L 42`. */
  shortName: string;
  /** `Lov om ændring af lov om sygedagpenge` (without the parenthesised subtitle). */
  title: string;
  subtitle: string | null;
  documentType: string | null;
  /** ISO date signed (DiesSigni), or null. */
  dateSigned: string | null;
  sections: AmendingSection[];
  inForce: InForceRule[];
  /** What the reader could not place, in Danish. */
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Parsed instructions.

/** One place an instruction points at: a provision, optionally down to a sentence (pkt.). */
export interface InstructionTarget {
  /** The provision's citation label as `parse --json` prints labels: `§ 6, stk. 1`, `§ 24, stk. 2, nr. 1`, `§ 2 a, stk. 5`. */
  label: string;
  /** Sentence number(s) inside it (`2. pkt.`, `1. og 2. pkt.`), or null for the whole provision. */
  sentences: number[] | null;
  /**
   * What is meant when it is not a provision's text: a heading (`Overskriften før § 55`, `overskriften til kapitel
   * 3`: label is what the heading belongs to), a chapter or annex as a whole (`kapitel 3`, `bilag 1`), the act's
   * title or its footnote (`lovens titel`), or the opening words of a provision before its numbers (`indledningen`).
   */
  element?: 'overskrift' | 'kapitel' | 'bilag' | 'titel' | 'fodnote' | 'indledning';
}

export type InstructionAction = (
  /** `§ 40, stk. 1, affattes således:` — the target's whole text is replaced by the new text. */
  | { kind: 'affattes' }
  /** `§ 13 ophæves.` / `Stk. 3 ophæves.` / `2. pkt. ophæves.` */
  | { kind: 'ophaeves' }
  /** `… ændres »old« til: »new«` (several pairs possible); `new` empty for `udgår`. */
  | { kind: 'erstattes'; replacements: { from: string; to: string }[] }
  /**
   * `indsættes` — new provisions or sentences: `I § 6 indsættes som stk. 2:`, `Efter § 6 indsættes:`, `I § 82 a
   * indsættes efter stk. 2 som nyt stykke:`, `I § 5, stk. 1, indsættes efter »…«: »…«` (words inside a text).
   */
  | {
      kind: 'indsaettes';
      /**
       * Where: `after`/`before` an anchor (a provision label, or quoted words), `as` a numbered provision (`som stk.
       * 2`), `instead` of what the same instruction repeals (`ophæves, og i stedet indsættes:`), or at the `end`.
       */
      position: 'after' | 'before' | 'as' | 'end' | 'instead';
      /** The provision label the new text goes after/before (`§ 6`, `§ 82 a, stk. 2`), or null. */
      anchorLabel: string | null;
      /** The sentence of the anchor the new sentences go after/before (`efter 2. pkt.`), when the anchor is one. */
      anchorSentence?: number;
      /** Quoted words the new words go after/before, for an insertion inside a text; null otherwise. */
      anchorWords: string | null;
      /** What is inserted when the instruction carries it inline (`»…«`); null when it follows as new text blocks. */
      words: string | null;
      /** The designation the new provision gets (`stk. 2`, `nr. 3`, `§ 6 a`), when stated. */
      as: string | null;
    }
  /** `Stk. 3-5 bliver herefter stk. 4-6.` and `…, der bliver stk. 4, …` renumbering, alone or alongside another action. */
  | { kind: 'renummereres'; from: string; to: string }
) & {
  /**
   * Where this action acts when the instruction names a place of its own for it (`I § 373 ophæves stk. 9, og efter
   * stk. 10 … indsættes`, `…, og i 2. pkt. ændres …`); absent: the instruction's targets.
   */
  targets?: InstructionTarget[];
};

export interface ParsedInstruction {
  /** Every place the instruction touches: its own targets and those its actions name, in order, without repeats. */
  targets: InstructionTarget[];
  /** `overalt i loven`: every occurrence in the whole act. */
  everywhere: boolean;
  /** `Overalt i loven bortset fra § 8, stk. 8, …`: the places left out. */
  except?: InstructionTarget[];
  /** The main action, then any renumberings stated in the same instruction. */
  actions: InstructionAction[];
}

export type InstructionResult = { ok: true; instruction: ParsedInstruction } | { ok: false; reason: string };
