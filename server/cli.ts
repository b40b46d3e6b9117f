// The `sporbar` command line: the same services as the HTTP API, for scripting and for lovovervågning.
import fs from 'node:fs';
import path from 'node:path';
import { registerDocument } from './law-change/amending-act.service.js';
import { parseArgs } from 'node:util';
import { systemActor } from './auth/permissions.js';
import { loadConfig } from './config.js';
import SQLite from 'better-sqlite3';
import { UnreadableAnchor, backupAnchorFile, readAnchor, readAuditHead } from './audit/audit.anchor.js';
import { AuditKeyError } from './audit/audit.key.js';
import { compareWithAnchor, verifyAuditChain } from './audit/audit.repository.js';
import { UnsoundBackup, backupDatabase, checkBackup, restoreDatabase } from './db/backup.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { DomainError } from './http/errors.js';
import { exportCommand, importRequirementsCommand, isRequirementImport } from './exchange/exchange.cli.js';
import { amendmentsCommand } from './law-change/amending-act.cli.js';
import { amendmentLinesCommand, consolidateCommand } from './law-change/law-change.cli.js';
import { SourceParseError } from './sources/errors.js';
import { parseSourceText } from './sources/parse-source.js';
import { diffVersions, toCliJson } from './sources/provision-diff.js';
import { ImportOptions } from './sources/sources.service.js';
import { formatDate } from './text/danish.js';
import { sourceKindName } from './text/vocabulary.js';

const USAGE = `Brug: sporbar <kommando> [valg]

Kommandoer:
  parse FIL [--json]               Læs en LexDania-XML- eller tekstfil og vis dens bestemmelser
  diff GAMMEL NY [--json]          Forskellen mellem to versioner, bestemmelse for bestemmelse
  import FIL [--in-force ÅÅÅÅ-MM-DD] [--popular-title NAVN] [--short-name "LBK nr 62 af 18/01/2024"] [--source-id ID] [--kind ART] [--user NAVN]
                                   Registrér filen som ny version i databasen (SPORBAR_DB); --kind er en ny
                                   retskildes art (lov, lbk, bek, vejledning, cirkulaere, eu-forordning, afgoerelse),
                                   ellers ud fra dokumenttypen
  import FIL --solution KODE [--dry-run] [--only-valid]
                                   Importér krav fra .reqif, .reqifz, .xlsx eller .csv til løsningen;
                                   --dry-run skriver intet og viser antal krav og relationer som JSON
  export KODE --format reqif|reqifz|xlsx|docx|html [--baseline NAVN] -o FIL
                                   Kravspecifikationen, nu eller som baselinen frøs den
  amendments FIL [--json]          Læs en ændringslov: hvilke love den ændrer, hver ændring og dens ikrafttræden
  amendments --lines FIL [--json]  Læs ændringsinstruktioner, én pr. linje (år-nr; instruktion), og vis dem der
                                   ikke kan forstås, med grunden
  consolidate GRUNDLOV ÆNDRINGSLOV… [--part "LOV nr 1741 af 22/12/2015=§ 10"] [--json]
                                   Den gældende lov med ændringslovene anvendt, bestemmelse for bestemmelse; uden
                                   --part anvendes hver § der ændrer grundloven
  audit verify [FIL] [--anchor ANKER]
                                   Kontrollér revisionssporets nøglede hashkæde (viser første brudte post) og
                                   at loggen stadig har hovedet fra ankeret (standard: ankeret fra seneste backup);
                                   med FIL en sikkerhedskopi, kontrolleret mod FIL.anchor.json
  audit head [FIL] [--json]        Vis revisionssporets hoved: antal poster og seneste hash (også for en sikkerhedskopi)
  backup FIL                       Tag en konsistent sikkerhedskopi mens serveren kører; skriver FIL.anchor.json
  restore FIL [--yes]              Gendan databasen fra en sikkerhedskopi (stop serveren først)

Miljø: SPORBAR_DB (standard ./data/sporbar.db); SPORBAR_AUDIT_KEY_FILE (standard SPORBAR_DB.audit-key) eller
SPORBAR_AUDIT_KEY: nøglen til revisionssporet`;

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

function openConfiguredDatabase() {
  const config = loadConfig();
  return openDatabase(config.dbFile, { auditKey: config.auditKey });
}

async function importCommand(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'in-force': { type: 'string' },
      'popular-title': { type: 'string' },
      'short-name': { type: 'string' },
      'source-id': { type: 'string' },
      kind: { type: 'string' },
      user: { type: 'string', default: process.env.USER ?? 'cli' },
    },
    allowPositionals: true,
  });
  const file = positionals[0];
  const content = readFile(file);
  const options = ImportOptions.parse({
    inForceFrom: values['in-force'],
    popularTitle: values['popular-title'],
    shortName: values['short-name'],
    sourceId: values['source-id'],
    kind: values.kind,
  });
  const { db, sqlite } = openConfiguredDatabase();
  try {
    await migrateToLatest(db);
    const result = await registerDocument(db, content, file, options, systemActor(values.user!));
    if (result.kind === 'amending-act') {
      for (const a of result.amended) {
        console.log(
          `Registreret: ${a.version.shortName} (${result.act.shortName} ${a.section} anvendt på "${a.source.title}", i kraft ${formatDate(a.version.inForceFrom)}; ` +
            `${a.applied} ændringer anvendt${a.unapplied.length ? `, ${a.unapplied.length} kunne ikke anvendes` : ''})`,
        );
        for (const u of a.unapplied) console.log(`  Ikke anvendt: ${u.instruction} — ${u.reason}`);
      }
      for (const n of result.notRegistered) console.log(`Ikke registreret i Sporbar: ${n.section} ændrer ${n.act}${n.cites ? ` (${n.cites})` : ''}`);
    } else {
      console.log(
        `Registreret: ${result.version.shortName} (${result.version.provisionCount} bestemmelser, i kraft ${formatDate(result.version.inForceFrom)}) som version af "${result.source.title}" (${sourceKindName(result.source.kind).toLowerCase()})` +
          (result.previousVersionId ? `; forrige version id ${result.previousVersionId}` : '; første version'),
      );
    }
  } finally {
    await db.destroy().catch(() => undefined);
    if (sqlite.open) sqlite.close();
  }
}

/** The database in SPORBAR_DB, migrated; or, given a file (a backup), that file read-only, checked with the same key. */
async function withDatabase<T>(run: (opened: ReturnType<typeof openDatabase>) => Promise<T>, file?: string): Promise<T> {
  if (file && !fs.existsSync(file)) throw new UsageError(`${file} findes ikke`);
  const opened = file ? openDatabase(file, { readonly: true, auditKey: loadConfig().auditKey }) : openConfiguredDatabase();
  try {
    if (!file) await migrateToLatest(opened.db);
    return await run(opened);
  } finally {
    await opened.db.destroy().catch(() => undefined);
    if (opened.sqlite.open) opened.sqlite.close();
  }
}

const AUDIT_USAGE = 'Brug: sporbar audit verify [FIL] [--anchor ANKER] eller sporbar audit head [FIL] [--json]';

async function auditCommand(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  if (sub === 'verify') return auditVerifyCommand(rest);
  if (sub === 'head') return auditHeadCommand(rest);
  throw new UsageError(AUDIT_USAGE);
}

async function auditVerifyCommand(args: string[]): Promise<number | void> {
  const { values, positionals } = parseArgs({ args, options: { anchor: { type: 'string' } }, allowPositionals: true });
  const file = positionals[0];
  const anchorFile = values.anchor ?? (file ? backupAnchorFile(file) : loadConfig().auditAnchorFile);
  const anchor = values.anchor || fs.existsSync(anchorFile) ? readAnchor(anchorFile) : null;
  const { chain, comparison } = await withDatabase(
    async ({ db }) => ({ chain: await verifyAuditChain(db), comparison: anchor && (await compareWithAnchor(db, anchor)) }),
    file,
  );
  const problems: string[] = [];
  if (chain.firstBroken !== null) {
    problems.push(`Revisionssporet er brudt ved post ${chain.firstBroken} (af ${chain.checked}): posten eller en før den er ændret, slettet eller hashet uden nøglen.`);
  }
  if (anchor && comparison?.status === 'truncated') {
    problems.push(`Revisionssporet er afkortet: ankeret fra ${anchor.at} (${anchorFile}) har ${anchor.entries} poster, loggen kun ${comparison.entries}. Poster er slettet.`);
  }
  if (anchor && comparison?.status === 'differs') {
    problems.push(
      `Revisionssporet passer ikke med ankeret fra ${anchor.at} (${anchorFile}): post nr. ${anchor.entries} er ${comparison.id} med hash ${comparison.hash}, ` +
        `ankeret har ${anchor.headId} med hash ${anchor.headHash}. Loggen er udskiftet eller omskrevet.`,
    );
  }
  if (problems.length) {
    for (const p of problems) console.error(p);
    return 1;
  }
  console.log(`Revisionssporet er intakt: ${chain.checked} poster, hashkæden holder.`);
  if (anchor) console.log(`Ankeret fra ${anchor.at} (${anchorFile}, ${anchor.entries} poster) passer.`);
  else console.log(`Intet anker (${anchorFile}): en afkortning af loggen kan ikke ses. Tag en sikkerhedskopi (sporbar backup), eller angiv --anchor.`);
}

async function auditHeadCommand(args: string[]) {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const file = positionals[0];
  // A backup's head needs no key: it is what the backup holds, to compare with its anchor or a noted hash.
  if (file && !fs.existsSync(file)) throw new UsageError(`${file} findes ikke`);
  const head = file ? readHeadOf(file) : await withDatabase(({ sqlite }) => Promise.resolve(readAuditHead(sqlite)));
  if (values.json) {
    process.stdout.write(JSON.stringify(head, null, 2) + '\n');
    return;
  }
  console.log(`Revisionssporets hoved: ${head.entries} poster, seneste post ${head.headId ?? '(ingen)'}`);
  console.log(`hash ${head.headHash}`);
}

function readHeadOf(file: string) {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return readAuditHead(sqlite);
  } catch (err) {
    throw new UsageError(`${file} kan ikke læses som en Sporbar-database: ${(err as Error).message}`);
  } finally {
    sqlite.close();
  }
}

async function backupCommand(args: string[]) {
  const file = args[0];
  if (!file) throw new UsageError('Angiv filen sikkerhedskopien skal skrives til');
  const result = await withDatabase(({ sqlite }) => backupDatabase(sqlite, file));
  console.log(`Sikkerhedskopi skrevet: ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${result.pages} sider)`);
  console.log(`Anker for revisionssporet skrevet: ${result.anchorFile} (${result.anchor.entries} poster, hash ${result.anchor.headHash})`);
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
  amendments: (args) => {
    if (args[0] === '--lines') return amendmentLinesCommand(args);
    return amendmentsCommand(args);
  },
  consolidate: consolidateCommand,
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
    if (err instanceof AuditKeyError) {
      console.error(`sporbar ${name}: ${err.message}`);
      return 1;
    }
    if (err instanceof UsageError || err instanceof UnreadableAnchor || err instanceof SourceParseError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
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
