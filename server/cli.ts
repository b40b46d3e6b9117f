// The `sporbar` command line: the same services as the HTTP API, for scripting and for lovovervågning.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from './auth/permissions.js';
import { loadConfig } from './config.js';
import { verifyAuditChain } from './audit/audit.repository.js';
import { UnsoundBackup, backupDatabase, checkBackup, restoreDatabase } from './db/backup.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { DomainError } from './http/errors.js';
import { exportCommand, importRequirementsCommand, isRequirementImport } from './exchange/exchange.cli.js';
import { SourceParseError } from './sources/errors.js';
import { parseSourceText } from './sources/parse-source.js';
import { diffVersions, toCliJson } from './sources/provision-diff.js';
import { ImportOptions, importSourceDocument } from './sources/sources.service.js';

const USAGE = `Brug: sporbar <kommando> [valg]

Kommandoer:
  parse FIL [--json]               Læs en LexDania-XML- eller tekstfil og vis dens bestemmelser
  diff GAMMEL NY [--json]          Forskellen mellem to versioner, bestemmelse for bestemmelse
  import FIL [--in-force ÅÅÅÅ-MM-DD] [--popular-title NAVN] [--source-id ID] [--user NAVN]
                                   Registrér filen som ny version i databasen (SPORBAR_DB)
  import FIL --solution KODE [--dry-run] [--only-valid]
                                   Importér krav fra .reqif, .reqifz, .xlsx eller .csv til løsningen;
                                   --dry-run skriver intet og viser antal krav og relationer som JSON
  export KODE --format reqif|reqifz|xlsx|docx|html [--baseline NAVN] -o FIL
                                   Kravspecifikationen, nu eller som baselinen frøs den
  audit verify                     Kontrollér revisionssporets hashkæde; viser første brudte post
  backup FIL                       Tag en konsistent sikkerhedskopi mens serveren kører
  restore FIL [--yes]              Gendan databasen fra en sikkerhedskopi (stop serveren først)

Miljø: SPORBAR_DB (standard ./data/sporbar.db)`;

class UsageError extends Error {}

function readFile(file: string | undefined): Buffer {
  if (!file) throw new UsageError('Angiv en fil');
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new UsageError(`Kan ikke læse ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'filen findes ikke' : (err as Error).message}`);
  }
}

async function parseCommand(args: string[]) {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const file = positionals[0];
  const parsed = parseSourceText(readFile(file), file);
  if (values.json) {
    process.stdout.write(
      JSON.stringify({ shortName: parsed.shortName, title: parsed.title, provisions: parsed.provisions.map((p) => ({ label: p.label, text: p.text })) }, null, 2) + '\n',
    );
    return;
  }
  console.log(`${parsed.shortName ?? '(uden kortnavn)'} — ${parsed.title}`);
  for (const p of parsed.provisions) console.log(`${p.label}${p.repealed ? ' (ophævet)' : ''}: ${p.text.slice(0, 100)}${p.text.length > 100 ? ' …' : ''}`);
  console.log(`${parsed.provisions.length} bestemmelser`);
}

async function diffCommand(args: string[]) {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  if (positionals.length !== 2) throw new UsageError('Angiv to filer: den gamle og den nye version');
  const [oldFile, newFile] = positionals;
  const diff = diffVersions(parseSourceText(readFile(oldFile), oldFile), parseSourceText(readFile(newFile), newFile));
  if (values.json) {
    process.stdout.write(JSON.stringify(toCliJson(diff), null, 2) + '\n');
    return;
  }
  const names = { changed: 'ændret', added: 'tilføjet', removed: 'ophævet', renumbered: 'omnummereret', unchanged: 'uændret' };
  for (const c of diff.changes) {
    if (c.kind === 'unchanged') continue;
    const label = c.newLabel ? `${c.label} → ${c.newLabel}` : c.label;
    console.log(`${names[c.kind].padEnd(13)} ${c.substantive ? '*' : ' '} ${label}`);
  }
  const s = diff.stats;
  console.log(`\n${s.changed} ændret (${s.substantive} i substans, markeret *), ${s.added} tilføjet, ${s.removed} ophævet, ${s.renumbered} omnummereret, ${s.unchanged} uændret`);
}

async function importCommand(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'in-force': { type: 'string' },
      'popular-title': { type: 'string' },
      'source-id': { type: 'string' },
      user: { type: 'string', default: process.env.USER ?? 'cli' },
    },
    allowPositionals: true,
  });
  const file = positionals[0];
  const content = readFile(file);
  const options = ImportOptions.parse({
    inForceFrom: values['in-force'],
    popularTitle: values['popular-title'],
    sourceId: values['source-id'],
  });
  const { db, sqlite } = openDatabase(loadConfig().dbFile);
  try {
    await migrateToLatest(db);
    const result = await importSourceDocument(db, content, file, options, systemActor(values.user!));
    console.log(
      `Registreret: ${result.version.shortName} (${result.version.provisionCount} bestemmelser, i kraft ${result.version.inForceFrom}) som version af "${result.source.title}"` +
        (result.previousVersionId ? `; forrige version id ${result.previousVersionId}` : '; første version'),
    );
  } finally {
    await db.destroy().catch(() => undefined);
    if (sqlite.open) sqlite.close();
  }
}

async function withDatabase<T>(run: (opened: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const opened = openDatabase(loadConfig().dbFile);
  try {
    await migrateToLatest(opened.db);
    return await run(opened);
  } finally {
    await opened.db.destroy().catch(() => undefined);
    if (opened.sqlite.open) opened.sqlite.close();
  }
}

async function auditCommand(args: string[]): Promise<number | void> {
  if (args[0] !== 'verify') throw new UsageError('Brug: sporbar audit verify');
  const result = await withDatabase(({ db }) => verifyAuditChain(db));
  if (result.firstBroken === null) {
    console.log(`Revisionssporet er intakt: ${result.checked} poster, hashkæden holder.`);
    return;
  }
  console.error(`Revisionssporet er brudt ved post ${result.firstBroken} (af ${result.checked}): posten eller en før den er ændret eller slettet.`);
  return 1;
}

async function backupCommand(args: string[]) {
  const file = args[0];
  if (!file) throw new UsageError('Angiv filen sikkerhedskopien skal skrives til');
  const result = await withDatabase(({ sqlite }) => backupDatabase(sqlite, file));
  console.log(`Sikkerhedskopi skrevet: ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${result.pages} sider)`);
}

async function restoreCommand(args: string[]) {
  const { values, positionals } = parseArgs({ args, options: { yes: { type: 'boolean', default: false } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new UsageError('Angiv sikkerhedskopien der skal gendannes');
  const target = loadConfig().dbFile;
  try {
    checkBackup(file);
  } catch (err) {
    if (err instanceof UnsoundBackup) throw new UsageError(err.message);
    throw err;
  }
  if (!values.yes && fs.existsSync(target)) {
    throw new UsageError(`${target} findes og vil blive overskrevet. Stop serveren, og kør igen med --yes`);
  }
  const result = await restoreDatabase(file, target);
  console.log(`Gendannet ${target} fra ${path.resolve(file)} (${result.pages} sider).`);
}

const commands: Record<string, (args: string[]) => Promise<number | void>> = {
  parse: parseCommand,
  diff: diffCommand,
  // Legal sources (LexDania, text) or, with --solution or a requirement file's extension, requirements.
  import: (args) => (isRequirementImport(args) ? importRequirementsCommand(args) : importCommand(args)),
  export: exportCommand,
  audit: auditCommand,
  backup: backupCommand,
  restore: restoreCommand,
};

async function main(argv: string[]) {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Ukendt kommando "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return (await command(rest)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof SourceParseError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`sporbar ${name}: ${err.message}`);
      return 2;
    }
    if (err instanceof DomainError) {
      console.error(`sporbar ${name}: ${err.message}${err.fields ? '\n' + err.fields.map((f) => `  ${f.field}: ${f.message}`).join('\n') : ''}`);
      return 1;
    }
    if (err && typeof err === 'object' && 'issues' in err) {
      console.error(`sporbar ${name}: ugyldige valg\n${(err as { issues: { path: unknown[]; message: string }[] }).issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
