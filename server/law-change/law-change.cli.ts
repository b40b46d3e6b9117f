// `sporbar amendments --lines FILE` and `sporbar consolidate BASE AMENDING…`: the instruction parser and the
// application engine on files, for scripting and for checking them against the official consolidations.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Invalid } from '../http/errors.js';
import { parseSourceText } from '../sources/parse-source.js';
import { readAmendingAct } from './amending-act.js';
import { consolidate } from './consolidate.js';
import { parseInstructionLines } from './instructions.js';

function readText(file: string | undefined): string {
  if (!file) throw new Invalid('Angiv en fil');
  return readBytes(file).toString('utf8');
}

/** `sporbar amendments --lines FILE [--json]`: every `year-number; instruction` line parsed, the rest with the reason. */
export async function amendmentLinesCommand(args: string[]): Promise<number | void> {
  const { values, positionals } = parseArgs({ args, options: { lines: { type: 'boolean' }, json: { type: 'boolean', default: false } }, allowPositionals: true });
  const report = parseInstructionLines(readText(positionals[0]));
  if (values.json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  for (const u of report.unparsed) console.log(`linje ${u.line}: ${u.reason}\n  ${u.text}`);
  const share = report.lines ? ((report.parsed / report.lines) * 100).toFixed(1) : '0';
  console.log(`${report.parsed} af ${report.lines} instruktioner læst (${share} %); ${report.unparsed.length} ikke forstået`);
}

/**
 * `sporbar consolidate BASE.xml AMENDING.xml… [--part "LOV nr 1741 af 22/12/2015=§ 10"]… [--json]`: the base act with
 * the amending acts applied in the order given, in `parse --json`'s shape, plus what applied and what did not.
 */
export async function consolidateCommand(args: string[]): Promise<number | void> {
  const { values, positionals } = parseArgs({
    args,
    options: { part: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const [baseFile, ...actFiles] = positionals;
  if (!baseFile || actFiles.length === 0) throw new Invalid('Angiv den gældende lov og mindst én ændringslov: sporbar consolidate BASE.xml ÆNDRING.xml …');
  const parts = new Map<string, string>();
  for (const p of values.part ?? []) {
    const at = p.lastIndexOf('=');
    if (at <= 0) throw new Invalid(`--part "${p}" skal have formen "LOV nr 1741 af 22/12/2015=§ 10"`);
    parts.set(p.slice(0, at).trim(), p.slice(at + 1).trim());
  }
  const base = parseSourceText(readBytes(baseFile), baseFile);
  const acts = actFiles.map((file) => {
    const act = readAmendingAct(readBytes(file));
    return { act, part: parts.get(act.shortName) ?? null };
  });
  const unknown = [...parts.keys()].filter((name) => !acts.some((a) => a.act.shortName === name));
  if (unknown.length) throw new Invalid(`--part nævner ${unknown.join(', ')}, som ikke er blandt ændringslovene (${acts.map((a) => a.act.shortName).join(', ')})`);
  let result;
  try {
    result = consolidate(base, acts);
  } catch (err) {
    throw new Invalid((err as Error).message);
  }
  const v = result.version;
  if (values.json) {
    process.stdout.write(
      JSON.stringify({ shortName: v.shortName, title: v.title, provisions: v.provisions.map((p) => ({ label: p.label, text: p.text })), applied: result.applied, unapplied: result.unapplied }, null, 2) + '\n',
    );
    return;
  }
  console.log(`${v.shortName ?? '(uden kortnavn)'} med ${acts.map((a) => a.act.shortName + (a.part ? ` (${a.part})` : '')).join(', ')} — ${v.title}`);
  for (const u of result.unapplied) console.log(`ikke anvendt: ${u.act}, nr. ${u.number}: ${u.reason}\n  ${u.instruction}`);
  console.log(`${result.applied} ændringer anvendt, ${result.unapplied.length} ikke; ${v.provisions.length} bestemmelser`);
}

/** A file's bytes; one that cannot be read is an Invalid naming the reason in Danish. */
export function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new Invalid(`Kan ikke læse ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'filen findes ikke' : (err as Error).message}`);
  }
}
