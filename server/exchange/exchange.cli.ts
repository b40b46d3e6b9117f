// `sporbar export` and `sporbar import FILE --solution CODE`: the export and import services for scripting a
// tender package, on the database in SPORBAR_DB.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { systemActor } from '../auth/permissions.js';
import { loadConfig } from '../config.js';
import { migrateToLatest, openDatabase, type Db } from '../db/database.js';
import { Invalid } from '../http/errors.js';
import { ExportQuery, exportSpecification } from './export.service.js';
import { getSolution } from '../solutions/solutions.service.js';
import { commitImport, describeImport, importFormatOf, readImportFile } from './import.service.js';

async function withDatabase<T>(run: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { db, sqlite } = openDatabase(config.dbFile, { auditKey: config.auditKey });
  try {
    await migrateToLatest(db);
    return await run(db);
  } finally {
    await db.destroy().catch(() => undefined);
    if (sqlite.open) sqlite.close();
  }
}

/** `sporbar export CODE --format reqif|reqifz|xlsx|docx|html [--baseline NAME] -o FILE` */
export async function exportCommand(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string', short: 'f' }, baseline: { type: 'string' }, output: { type: 'string', short: 'o' }, user: { type: 'string', default: process.env.USER ?? 'cli' } },
    allowPositionals: true,
  });
  const code = positionals[0];
  if (!code) throw new Invalid('Angiv løsningens kode, fx sporbar export KY --format reqif -o KY.reqif');
  const format = values.format ?? (values.output ? /\.([a-z]+)$/i.exec(values.output)?.[1]?.toLowerCase() : undefined);
  const query = ExportQuery.parse({ format, baseline: values.baseline });
  const output = values.output ?? `${code}.${query.format}`;
  await withDatabase(async (db) => {
    const out = await exportSpecification(db, code, query, systemActor(values.user!));
    await pipeline(Readable.fromWeb(out.body as import('node:stream/web').ReadableStream<Uint8Array>), fs.createWriteStream(output));
    console.log(`Skrev ${output} (${query.format}, ${out.requirements} krav, ${out.links} sporingslinks)`);
  });
}

/** Whether `sporbar import` means requirements (to a solution) rather than a legal source. */
export function isRequirementImport(args: string[]): boolean {
  return args.includes('--solution') || args.some((a) => a.startsWith('--solution=')) || args.some((a) => !a.startsWith('-') && importFormatOf(a) !== null);
}

/** `sporbar import FILE --solution CODE [--dry-run] [--only-valid]` */
export async function importRequirementsCommand(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: {
      solution: { type: 'string', short: 's' },
      'dry-run': { type: 'boolean', default: false },
      'only-valid': { type: 'boolean', default: false },
      user: { type: 'string', default: process.env.USER ?? 'cli' },
    },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file) throw new Invalid('Angiv en fil (.reqif, .reqifz, .xlsx eller .csv)');
  if (!values.solution) throw new Invalid(`Angiv løsningen kravene skal ind i: sporbar import ${file} --solution KODE`);
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (err) {
    throw new Invalid(`Kan ikke læse ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'filen findes ikke' : (err as Error).message}`);
  }
  const actor = systemActor(values.user!);
  await withDatabase(async (db) => {
    if (values['dry-run']) {
      const preview = await describeImport(db, (await getSolution(db, values.solution!)).id, await readImportFile(content, file), {});
      const { requirements, relations, links, ...rest } = preview.counts;
      const report = {
        requirements,
        relations,
        links,
        valid: preview.summary.valid,
        invalid: preview.summary.invalid,
        create: preview.summary.create,
        update: preview.summary.update,
        unchanged: preview.summary.unchanged,
        ...rest,
        mapping: preview.mapping,
        messages: preview.messages.filter((m) => m.severity === 'error').slice(0, 50),
        warnings: preview.warnings,
      };
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      return;
    }
    const result = await commitImport(db, values.solution!, { content, filename: file }, { onlyValid: values['only-valid'] }, actor);
    console.log(
      `Importeret til ${result.solution}: ${result.created} nye krav, ${result.updated} opdateret, ${result.unchanged} uændret, ${result.links} nye sporingslinks${result.skipped ? `, ${result.skipped} rækker sprunget over` : ''}`,
    );
  });
}
