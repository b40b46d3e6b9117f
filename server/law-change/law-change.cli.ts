// `sporbar amendments --lines FILE` and `sporbar consolidate BASE AMENDING…`: the instruction parser and the
// application engine on files, for scripting and for checking them against the official consolidations.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Invalid } from '../http/errors.js';
import { parseInstructionLines } from './instructions.js';

function readText(file: string | undefined): string {
  if (!file) throw new Invalid('Angiv en fil');
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Invalid(`Kan ikke læse ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'filen findes ikke' : (err as Error).message}`);
  }
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
