// Reading real amending acts: the acts they amend, their numbered changes as printed, and their in-force dates.
import fs from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { SourceParseError } from '../sources/errors.js';
import { inForceRuleFor, readAmendingAct } from './amending-act.js';
import type { AmendingAct } from './amendment.types.js';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const ACTS = path.join(DATA, 'amending-acts');
const read = (file: string) => readAmendingAct(fs.readFileSync(path.join(DATA, file)));
const changesOf = (act: AmendingAct) => act.sections.flatMap((s) => s.changes);

describe('LOV 1599/2010 (sygedagpenge)', () => {
  const act = read('lexdania/sygedagpengeloven/LOV-2010-1599.xml');

  it('is recognised as an amending act of lov om sygedagpenge', () => {
    expect(act.shortName).toBe('LOV nr 1599 af 22/12/2010');
    expect(act.title).toBe('Lov om ændring af lov om sygedagpenge');
    expect(act.subtitle).toBe('Udvidelse af arbejdsgiverperioden');
    expect(act.documentType).toBe('LOV Æ');
    expect(act.sections.map((s) => [s.paragraph, s.actTitle, s.cites])).toEqual([['§ 1', 'lov om sygedagpenge', 'LOV nr 563 af 09/06/2006']]);
  });

  it('reads both numbered changes: the instruction with its quoted words, and the new text of § 40, stk. 1', () => {
    const [first, second] = act.sections[0]!.changes;
    expect(act.sections[0]!.changes).toHaveLength(2);
    expect(first!.number).toBe(1);
    expect(first!.instruction).toBe(
      'I § 6, stk. 1, § 24, stk. 2, nr. 1 og 2, § 30, stk. 1, 1. og 2. pkt., § 56, stk. 1, 1. pkt., og § 61 ændres »21 kalenderdage« til: »30 kalenderdage«.',
    );
    expect(first!.newText).toEqual([]);
    expect(second!.instruction).toBe('§ 40, stk. 1, affattes således:');
    expect(second!.newText).toEqual([
      {
        kind: 'stk',
        designation: null,
        text: 'En arbejdsgiver, der udbetaler løn under en lønmodtagers sygefravær, skal anmelde fraværet til lønmodtagerens opholdskommune senest 4 uger efter 1. fraværsdag, hvis fraværet strækker sig ud over 21 kalenderdage.',
        children: [],
      },
    ]);
  });

  it('comes into force on 2 January 2012 as a whole', () => {
    expect(act.inForce).toEqual([{ date: '2012-01-02', covers: 'all', text: 'Loven træder i kraft den 2. januar 2012.' }]);
    expect(inForceRuleFor(act, '§ 1', 2)?.date).toBe('2012-01-02');
    expect(act.warnings).toEqual([]);
  });
});

describe('LOV 1470/2013 (kommunale og regionale valg)', () => {
  it('amends three acts, one § each, named as the intros name them, with the consolidations they cite', () => {
    const act = read('lexdania/kommunale-regionale-valg/LOV-2013-1470.xml');
    expect(act.sections.map((s) => [s.paragraph, s.actTitle, s.cites])).toEqual([
      ['§ 1', 'lov om kommunernes styrelse', 'LBK nr 971 af 25/07/2013'],
      ['§ 2', 'regionsloven', 'LBK nr 972 af 25/07/2013'],
      ['§ 3', 'lov om kommunale og regionale valg', 'LBK nr 127 af 11/02/2013'],
    ]);
    expect(act.inForce.map((r) => r.date)).toEqual(['2014-01-01']);
  });
});

describe('the act an intro names', () => {
  it('keeps a title that has commas in it, and takes the popular name in parentheses apart', () => {
    const act = readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2011-606.xml')));
    expect(act.sections[1]).toMatchObject({
      actTitle: 'lov om regioner og om nedlæggelse af amtskommunerne, Hovedstadens Udviklingsråd og Hovedstadens Sygehusfællesskab',
      popularName: 'regionsloven',
      cites: 'LBK nr 1401 af 01/11/2010',
    });
  });

  it('reads an act named by its popular name before its number ("I forældreansvarsloven, lov nr. 499 af 6. juni 2007, …")', () => {
    const act = readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2010-628.xml')));
    expect(act.sections[2]).toMatchObject({ paragraph: '§ 3', actTitle: 'forældreansvarsloven', cites: 'LOV nr 499 af 06/06/2007' });
  });

  it('reads a § that repeals a whole act as one unnumbered change', () => {
    const act = readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2012-326.xml')));
    const repeal = act.sections.find((s) => s.paragraph === '§ 23')!;
    expect(repeal.cites).toBe('LOV nr 134 af 20/03/1976');
    expect(repeal.actTitle).toMatch(/^lov om ændring af regler for statens udbetaling af refusion/);
    expect(repeal.changes).toEqual([{ number: 1, instruction: repeal.intro, newText: [], renumbering: null }]);
    expect(repeal.intro).toMatch(/ophæves\.$/);
  });
});

describe('numbered changes as printed', () => {
  it('keeps a renumbering printed after the change ("Stk. 3 bliver herefter stk. 4.")', () => {
    const act = readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2011-320.xml')));
    const change = act.sections[0]!.changes.find((c) => c.number === 9)!;
    expect(change.renumbering).toBe('Stk. 3 bliver herefter stk. 4.');
  });

  it('puts the numbered items printed after a new stk. under it', () => {
    const act = readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2010-1539.xml')));
    const [stk] = act.sections[0]!.changes[1]!.newText;
    expect(stk).toMatchObject({ kind: 'stk', designation: 'Stk. 4.' });
    expect(stk!.text).toMatch(/ved brev, hvis$/);
    expect(stk!.children.map((c) => [c.kind, c.designation])).toEqual([
      ['nr', '1)'],
      ['nr', '2)'],
      ['nr', '3)'],
    ]);
  });

  it('reads a new chapter with its heading and §§', () => {
    const act = readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2012-1380.xml')));
    const chapter = changesOf(act)
      .flatMap((c) => c.newText)
      .find((b) => b.kind === 'kapitel' && b.designation === 'Kapitel 12 a')!;
    expect(chapter.heading).toBe('Ressourceforløb');
    expect(chapter.children[0]).toMatchObject({ kind: 'paragraf', designation: '§ 68 a.' });
  });

  it('leaves the closing quote mark of the new wording out of its words, and prints »stk. 1« with its space', () => {
    const words: string[] = [];
    const walk = (blocks: AmendingAct['sections'][number]['changes'][number]['newText']) => {
      for (const b of blocks) {
        words.push(b.text);
        walk(b.children);
      }
    };
    for (const file of fs.readdirSync(ACTS).filter((f) => f.endsWith('.xml'))) {
      for (const change of changesOf(read(`amending-acts/${file}`))) walk(change.newText);
    }
    expect(words.length).toBeGreaterThan(1000);
    expect(words.filter((w) => w.endsWith('«') && !w.includes('»'))).toEqual([]);
    expect(words.filter((w) => /\bstk\.?\d|\bstk \d/.test(w))).toEqual([]);
  });

  it('gives the changes an act prints inside another change\'s new text their own numbers', () => {
    // LOV 251/2012 nests nr. 2-6 inside nr. 1's quoted stk.
    const act = readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2012-251.xml')));
    expect(act.sections[0]!.changes.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(JSON.stringify(act.sections[0]!.changes[0]!.newText)).not.toContain('ophæves');
  });

  it('prints every 2016 instruction as the shared instruction lines do (after folding spacing and soft hyphens)', () => {
    const fold = (s: string) => s.replace(/[\u00ad\u200b-\u200d]/g, '').replace(/\s+([.,:])/g, '$1').replace(/\s+/g, ' ').trim();
    const lines = fs.readFileSync(path.join(DATA, 'lexdania/amendment-instructions/2016-cst-aendringsdefinitioner.txt'), 'utf8').split('\n');
    const known = new Set(lines.map((l) => fold(l.replace(/^\uFEFF/, ''))));
    const missing: string[] = [];
    let checked = 0;
    for (const file of fs.readdirSync(ACTS).filter((f) => f.startsWith('LOV-2016-'))) {
      const year = file.replace(/^LOV-(\d+)-(\d+)\.xml$/, '$1-$2');
      for (const change of changesOf(readAmendingAct(fs.readFileSync(path.join(ACTS, file))))) {
        checked++;
        if (!known.has(fold(`${year}; ${change.instruction}`))) missing.push(`${year}: ${change.instruction}`);
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(missing).toEqual([]);
  });
});

describe('in-force dates', () => {
  it('reads staged dates for numbered changes and applies the most specific rule to each change', () => {
    const act = readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2015-1569.xml')));
    expect(act.inForce.map((r) => [r.date, r.covers])).toEqual([
      ['2016-07-01', 'all'],
      [
        '2016-01-01',
        [
          { paragraph: '§ 1', numbers: [15] },
          { paragraph: '§ 2', numbers: [2, 14] },
        ],
      ],
    ]);
    expect(inForceRuleFor(act, '§ 1', 15)?.date).toBe('2016-01-01');
    expect(inForceRuleFor(act, '§ 2', 14)?.date).toBe('2016-01-01');
    expect(inForceRuleFor(act, '§ 1', 14)?.date).toBe('2016-07-01');
  });

  it('reads only the act\'s own changes from a sentence that also names the amended act\'s provisions', () => {
    const act = readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2010-1539.xml')));
    expect(act.inForce[1]).toMatchObject({ date: '2011-01-03', covers: [{ paragraph: '§ 1', numbers: [1, 2, 3] }] });
    expect(inForceRuleFor(act, '§ 1', 3)?.date).toBe('2011-01-03');
    expect(inForceRuleFor(act, '§ 1', 4)?.date).toBe('2012-07-02');
  });

  it('splits a line that holds two sentences ("… 1. juli 2010. § 14, stk. 3, … træder dog først i kraft den 1. januar 2011.")', () => {
    const act = readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2010-629.xml')));
    expect(act.inForce.map((r) => r.date)).toEqual(['2010-07-01', '2011-01-01']);
    expect(inForceRuleFor(act, '§ 1', 11)?.date).toBe('2011-01-01');
    expect(inForceRuleFor(act, '§ 1', 2)?.date).toBe('2010-07-01');
  });

  it('reads "dagen efter bekendtgørelsen i Lovtidende" for some changes, dated the day after signing and said so', () => {
    const act = readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2016-628.xml')));
    expect(act.dateSigned).toBe('2016-06-08');
    const dayAfter = act.inForce.find((r) => r.dayAfterPublication)!;
    expect(dayAfter).toMatchObject({ date: '2016-06-09', covers: [{ paragraph: '§ 1', numbers: [24, 25, 26, 27, 28] }] });
    expect(inForceRuleFor(act, '§ 1', 22)?.date).toBe('2017-01-01');
    expect(inForceRuleFor(act, '§ 5', 1)?.date).toBe('2016-10-01');
    expect(act.warnings.join(' ')).toContain('dagen efter bekendtgørelsen');
  });

  it('leaves the date open where the minister sets it', () => {
    const act = readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2015-1000.xml')));
    expect(inForceRuleFor(act, '§ 1', 25)).toMatchObject({ date: null, setByMinister: true });
    expect(inForceRuleFor(act, '§ 1', 23)?.date).toBe('2016-01-01');
    expect(inForceRuleFor(act, '§ 1', 1)?.date).toBe('2015-09-01');
  });
});

describe('what is not an amending act', () => {
  it('refuses a consolidated act with a Danish reason', () => {
    const lbk = fs.readFileSync(path.join(DATA, 'lexdania/sygedagpengeloven/LBK-2011-920.xml'));
    expect(() => readAmendingAct(lbk)).toThrow(SourceParseError);
    expect(() => readAmendingAct(lbk)).toThrow(/ikke en ændringslov.*LBK/);
  });

  it('refuses a document that is not LexDania, and malformed XML, with a Danish reason', () => {
    expect(() => readAmendingAct('<html><body>Lov om ændring af lov om sygedagpenge</body></html>')).toThrow(/ikke LexDania/);
    expect(() => readAmendingAct('<Dokument><Meta>')).toThrow(/ikke gyldig XML/);
  });

  it('builds the short name from type, number and date when the document has none (the 2022 schema)', () => {
    const xml = fs
      .readFileSync(path.join(DATA, 'lexdania/sygedagpengeloven/LOV-2010-1599.xml'), 'utf8')
      .replace(/<DokumentKortNavn>[^<]*<\/DokumentKortNavn>/, '');
    expect(readAmendingAct(xml).shortName).toBe('LOV nr 1599 af 22/12/2010');
  });
});

describe('every amending act in the shared data', () => {
  const files = fs.readdirSync(ACTS).filter((f) => f.endsWith('.xml'));

  /** Counted independently of the reader: §s (outside quoted new text) that hold numbered changes, and all AendringsNummer. */
  function countElements(xml: string): { sections: number; changes: number } {
    const parser = new SaxesParser();
    const open: { name: string; numbered: boolean }[] = [];
    let sections = 0;
    let changes = 0;
    parser.on('opentag', (tag) => {
      if (tag.name === 'AendringsNummer') {
        changes++;
        const holder = [...open].reverse().find((e) => e.name === 'AendringCentreretParagraf' || e.name === 'Paragraf' || e.name === 'AendringNyTekst');
        if (holder && holder.name !== 'AendringNyTekst' && !holder.numbered) {
          holder.numbered = true;
          sections++;
        }
      }
      open.push({ name: tag.name, numbered: false });
    });
    parser.on('closetag', () => open.pop());
    parser.write(xml.replace(/^\uFEFF/, '')).close();
    return { sections, changes };
  }

  it(`reads all ${files.length} files, with every § and numbered change, the act each § amends, and in-force rules`, () => {
    expect(files).toHaveLength(84);
    const problems: string[] = [];
    let withCites = 0;
    let sections = 0;
    for (const file of files) {
      const xml = fs.readFileSync(path.join(ACTS, file), 'utf8');
      const act = readAmendingAct(xml);
      const expected = countElements(xml);
      // One act repeals a whole act in a § with no numbered change (LOV 326/2012 § 23): one section, one change more.
      const repeals = act.sections.filter((s) => s.changes.length === 1 && s.changes[0]!.instruction === s.intro).length;
      if (act.sections.length !== expected.sections + repeals) problems.push(`${file}: ${act.sections.length} §§, XML har ${expected.sections}`);
      if (changesOf(act).length !== expected.changes + repeals) problems.push(`${file}: ${changesOf(act).length} ændringer, XML har ${expected.changes}`);
      for (const s of act.sections) if (!s.actTitle) problems.push(`${file} ${s.paragraph}: ingen lov`);
      for (const c of changesOf(act)) if (!c.instruction) problems.push(`${file} nr. ${c.number}: ingen ændringsdefinition`);
      if (act.inForce.length === 0 && act.warnings.length === 0) problems.push(`${file}: ingen ikrafttræden og ingen advarsel`);
      sections += act.sections.length;
      withCites += act.sections.filter((s) => s.cites).length;
    }
    expect(problems).toEqual([]);
    expect(sections).toBe(415);
    expect(withCites).toBe(413);
  });
});

describe('sporbar amendments --json', () => {
  it('gives LOV 1599/2010 as the act it amends, each change with its action, targets, new text and date in force', async () => {
    const { amendmentsJson } = await import('./amending-act.cli.js');
    const json = amendmentsJson(read('lexdania/sygedagpengeloven/LOV-2010-1599.xml'));
    expect(json.act).toBe('LOV nr 1599 af 22/12/2010');
    expect(json.amends).toHaveLength(1);
    expect(json.amends[0]).toMatchObject({ act: 'lov om sygedagpenge', cites: 'LOV nr 563 af 09/06/2006', unparsed: [] });
    expect(json.amends[0]!.changes.map((c) => [c.number, c.action, c.targets, c.inForce])).toEqual([
      [1, 'erstattes', ['§ 6, stk. 1', '§ 24, stk. 2, nr. 1', '§ 24, stk. 2, nr. 2', '§ 30, stk. 1, 1. og 2. pkt.', '§ 56, stk. 1, 1. pkt.', '§ 61'], '2012-01-02'],
      [2, 'affattes', ['§ 40, stk. 1'], '2012-01-02'],
    ]);
    expect(json.amends[0]!.changes[1]!.text).toMatch(/^En arbejdsgiver, der udbetaler løn under en lønmodtagers sygefravær/);
  });

  it('gives a staged act each change its own date, and lists what the instruction parser cannot read with the reason', async () => {
    const { amendmentsJson } = await import('./amending-act.cli.js');
    const json = amendmentsJson(readAmendingAct(fs.readFileSync(path.join(ACTS, 'LOV-2015-1569.xml'))));
    const all = json.amends.flatMap((a) => [...a.changes, ...a.unparsed].map((c) => [a.paragraph, c.number, c.inForce]));
    expect(all).toContainEqual(['§ 1', 15, '2016-01-01']);
    expect(all).toContainEqual(['§ 1', 1, '2016-07-01']);
    for (const u of json.amends.flatMap((a) => a.unparsed)) expect(u.reason).not.toBe('');
  });
});
