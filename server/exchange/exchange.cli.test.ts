// `sporbar export` and `sporbar import --solution` as a script would run them, on a database file with the demo data.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { systemActor } from '../auth/permissions.js';
import { createBaseline } from '../baselines/baselines.service.js';
import { migrateToLatest, openDatabase } from '../db/database.js';
import { createSolution } from '../solutions/solutions.service.js';

const ROOT = path.resolve(__dirname, '../..');
const SHARED = path.resolve(ROOT, '../shared/data');
let dir: string;
let dbFile: string;

function sporbar(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/sporbar.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, SPORBAR_DB: dbFile },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function requirementCount(code: string): Promise<number> {
  const { db } = openDatabase(dbFile);
  try {
    const row = await db
      .selectFrom('requirements as r')
      .innerJoin('solutions as s', 's.id', 'r.solution_id')
      .where('s.code', '=', code)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sporbar-cli-'));
  dbFile = path.join(dir, 'sporbar.db');
  const { db } = openDatabase(dbFile);
  await migrateToLatest(db);
  await loadDemoDataIfEmpty(db);
  const actor = systemActor('test');
  await createSolution(db, { code: 'KYC', name: 'Genindlæst fra kommandolinjen', description: '' }, actor);
  await createBaseline(db, 'KY', { name: 'Udbud 2019', description: '' }, actor);
  await db.destroy();
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sporbar export', () => {
  it('writes a ReqIF file that validates against the schema', () => {
    const out = path.join(dir, 'KY.reqif');
    const r = sporbar('export', 'KY', '--format', 'reqif', '-o', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Skrev ${out} (reqif, 7 krav, 8 sporingslinks)`);
    const lint = spawnSync('xmllint', ['--noout', '--nonet', '--schema', 'reqif.xsd', out], { cwd: path.join(SHARED, 'reqif/schema'), encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
  });

  it('writes a baseline as XLSX', async () => {
    const out = path.join(dir, 'KY-2019.xlsx');
    const r = sporbar('export', 'KY', '--format', 'xlsx', '--baseline', 'Udbud 2019', '-o', out);
    expect(r.status, r.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.getWorksheet('Krav')!.rowCount).toBe(1 + 7);
  });

  it('fails with a message for an unknown solution or format', () => {
    const unknown = sporbar('export', 'XX', '--format', 'reqif', '-o', path.join(dir, 'x.reqif'));
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Løsningen XX findes ikke');
    const format = sporbar('export', 'KY', '--format', 'pdf', '-o', path.join(dir, 'x.pdf'));
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('Formatet skal være et af');
  });
});

describe('sporbar import --solution', () => {
  it('--dry-run prints the counts as JSON and writes nothing', async () => {
    const r = sporbar('import', path.join(SHARED, 'reqif/polarion_anonymized.reqif'), '--solution', 'KYC', '--dry-run');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ requirements: 59, relations: 0, headings: 42, invalid: 0, create: 59, update: 0, unchanged: 0 });
    expect(await requirementCount('KYC')).toBe(0);
  });

  it('imports a ReqIF export of another solution with its trace links', async () => {
    const r = sporbar('import', path.join(dir, 'KY.reqif'), '--solution', 'KYC');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Importeret til KYC: 7 nye krav, 0 opdateret, 0 uændret, 8 nye sporingslinks');
    expect(await requirementCount('KYC')).toBe(7);
    // The same file again: the same requirements (by the ids they were imported under), nothing new.
    const again = sporbar('import', path.join(dir, 'KY.reqif'), '--solution', 'KYC');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('Importeret til KYC: 0 nye krav, 0 opdateret, 7 uændret, 0 nye sporingslinks');
    expect(await requirementCount('KYC')).toBe(7);
  });

  it('asks for the solution when a requirement file comes without one, and still imports legal sources without', () => {
    const missing = sporbar('import', path.join(dir, 'KY.reqif'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('--solution KODE');
    const law = sporbar('import', path.join(SHARED, 'lexdania/sygedagpengeloven/LBK-2011-1152.xml'), '--in-force', '2012-01-02');
    expect(law.status, law.stderr).toBe(0);
    expect(law.stdout).toContain('Registreret: LBK nr 1152 af 12/12/2011');
  });
});
