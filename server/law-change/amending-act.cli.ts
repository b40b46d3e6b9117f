// `sporbar amendments FILE`: what an amending act changes, act by act, with each change's instruction read and its
// date in force, for scripting and for lovovervågning.
import { parseArgs } from 'node:util';
import { Invalid } from '../http/errors.js';
import { inForceRuleFor, readAmendingAct } from './amending-act.js';
import type { AmendingAct, NewTextBlock, PrintedChange } from './amendment.types.js';
import { parseInstruction } from './instructions.js';
import { readBytes } from './law-change.cli.js';

export interface AmendmentsJson {
  act: string;
  title: string;
  amends: {
    paragraph: string;
    act: string;
    cites: string | null;
    changes: {
      number: number;
      instruction: string;
      renumbering?: string;
      action: string;
      targets: string[];
      everywhere?: true;
      text: string | null;
      inForce: string | null;
    }[];
    unparsed: { number: number; instruction: string; reason: string; inForce: string | null }[];
  }[];
  inForce: { date: string | null; covers: AmendingAct['inForce'][number]['covers']; text: string; setByMinister?: boolean; dayAfterPublication?: boolean }[];
  warnings: string[];
}

/** The CLI's JSON: each § of the act as the act it amends, its changes parsed, the rest with the reason. */
export function amendmentsJson(act: AmendingAct): AmendmentsJson {
  return {
    act: act.shortName,
    title: act.title,
    amends: act.sections.map((section) => {
      const changes: AmendmentsJson['amends'][number]['changes'] = [];
      const unparsed: AmendmentsJson['amends'][number]['unparsed'] = [];
      for (const change of section.changes) {
        const inForce = inForceRuleFor(act, section.paragraph, change.number)?.date ?? null;
        // The renumbering printed after a change is part of what it does ("… ophæves. Stk. 3 bliver herefter stk. 2.").
        const parsed = parseInstruction(change.renumbering ? `${change.instruction} ${change.renumbering}` : change.instruction);
        if (!parsed.ok) {
          unparsed.push({ number: change.number, instruction: change.instruction, reason: parsed.reason, inForce });
          continue;
        }
        const { instruction } = parsed;
        changes.push({
          number: change.number,
          instruction: change.instruction,
          ...(change.renumbering ? { renumbering: change.renumbering } : {}),
          action: instruction.actions[0]?.kind ?? '',
          targets: instruction.targets.map((t) => (t.sentences ? `${t.label}, ${t.sentences.join('. og ')}. pkt.` : t.label)),
          ...(instruction.everywhere ? { everywhere: true as const } : {}),
          text: newTextOf(change),
          inForce,
        });
      }
      return { paragraph: section.paragraph, act: section.actTitle, cites: section.cites, changes, unparsed };
    }),
    inForce: act.inForce,
    warnings: act.warnings,
  };
}

/** The new text as printed, one line: designations before their words ("Stk. 4. … hvis 1) … 2) …"). */
function newTextOf(change: PrintedChange): string | null {
  if (change.newText.length === 0) return null;
  const render = (b: NewTextBlock): string =>
    [b.kind === 'text' ? null : b.heading, b.designation, b.text, ...b.children.map(render)].filter((s): s is string => !!s).join(' ');
  return change.newText.map(render).join(' ');
}

/** `sporbar amendments FILE [--json]`. */
export async function amendmentsCommand(args: string[]): Promise<number | void> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new Invalid('Angiv en fil med en ændringslov (LexDania-XML)');
  const json = amendmentsJson(readAmendingAct(readBytes(file)));
  if (values.json) {
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return;
  }
  console.log(`${json.act} — ${json.title}`);
  for (const a of json.amends) {
    console.log(`\n${a.paragraph}: ${a.act}${a.cites ? ` (${a.cites})` : ''}`);
    for (const c of a.changes) console.log(`  ${c.number}. ${c.action.padEnd(12)} ${c.targets.join('; ') || '(overalt)'}${c.inForce ? `  i kraft ${c.inForce}` : ''}`);
    for (const u of a.unparsed) console.log(`  ${u.number}. ikke forstået: ${u.reason}\n     ${u.instruction}`);
  }
  const open = json.inForce.filter((r) => r.setByMinister);
  if (open.length) console.log(`\nIkrafttræden fastsættes af ministeren for: ${open.map((r) => r.text).join(' ')}`);
  for (const w of json.warnings) console.log(`Advarsel: ${w}`);
}
