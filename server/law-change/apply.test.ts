// Applying single instructions to a real act in force: the drafting rules the consolidation measure found wanting.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSourceText } from '../sources/parse-source.js';
import { applyAmendments, splitSentences } from './apply.js';
import type { NewTextBlock } from './amendment.types.js';
import { parseInstruction } from './instructions.js';

const FILE = 'lexdania/sygedagpengeloven/LBK-2011-1152.xml';
const base = parseSourceText(fs.readFileSync(new URL(`../../../shared/data/${FILE}`, import.meta.url)), FILE);

function applied(instruction: string, label: string) {
  const result = applyAmendments(base, [{ act: 'LOV nr 1 af 01/01/2012', change: { number: 1, instruction, newText: [], renumbering: null } }]);
  return { text: result.version.provisions.find((p) => p.label === label)?.text, unapplied: result.unapplied };
}

describe('applying an instruction', () => {
  it('replaces the pairs of one instruction in the text as it stood', () => {
    const { text, unapplied } = applied('I § 38, stk. 7, 1. pkt., ændres »anmelde« til: »anmode« og »anmeldelse« til: »anmodning«.', '§ 38, stk. 7');
    expect(unapplied).toEqual([]);
    expect(text).toContain('forhindret i at anmode rettidigt');
    expect(text).toContain('at anmodning ikke er sket');
    expect(text).not.toContain('anmodelse');
  });

  it('finds words the amending act cites by a minister’s later title (a ressort change)', () => {
    const before = base.provisions.find((p) => p.text.includes('Beskæftigelsesministeren fastsætter'))!;
    const { text, unapplied } = applied(`I ${before.label} ændres »Social- og indenrigsministeren fastsætter« til: »Ankestyrelsen fastsætter«.`, before.label);
    expect(unapplied).toEqual([]);
    expect(text).toContain('Ankestyrelsen fastsætter');
    expect(text).not.toContain('Beskæftigelsesministeren fastsætter');
  });
});

describe('applying an instruction to several places', () => {
  it('changes every place that has the words, and names only those that lack them', () => {
    const { text, unapplied } = applied('I § 50, stk. 1, og § 64, stk. 1, ændres »satsreguleringsprocenten« til: »reguleringsprocenten«.', '§ 64, stk. 1');
    expect(text).toContain('med reguleringsprocenten');
    expect(unapplied).toHaveLength(1);
    expect(unapplied[0]!.reason).toContain('§ 50, stk. 1');
    expect(unapplied[0]!.reason).not.toContain('§ 64');
  });

  it('reads »stk. 1« as the provision’s own stk., not the stk. of another § cited beside it', () => {
    // "Ved ophør af arbejdsgiverens forpligtelse efter stk. 1 …, jf. § 30, stk. 1, udbetaler …"
    const { text, unapplied } = applied('I § 31, stk. 2, ændres »stk. 1« til: »stk. 1 og 3«.', '§ 31, stk. 2');
    expect(unapplied).toEqual([]);
    expect(text).toContain('forpligtelse efter stk. 1 og 3 inden for');
    expect(text).toContain('jf. § 30, stk. 1, udbetaler');
  });

  it('keeps a space where new words take the place of words that began with a comma', () => {
    const { text } = applied('I § 64, stk. 1, 1. pkt., ændres », jf. lov om en satsreguleringsprocent« til: »efter lov om en satsreguleringsprocent og efter § 64 a«.', '§ 64, stk. 1');
    expect(text).toContain('med satsreguleringsprocenten efter lov om en satsreguleringsprocent og efter § 64 a.');
  });
});

describe('where a new stk. goes, and a § that takes a number in use', () => {
  it('puts »som stk. N« in the §, when the instruction named a sentence of a stk.', () => {
    const result = applyAmendments(base, [
      {
        act: 'LOV nr 1 af 01/01/2012',
        change: { number: 1, instruction: '§ 55, stk. 4, 1. pkt., ophæves, og som stk. 5 indsættes:', newText: [{ kind: 'stk', designation: 'Stk. 5.', text: 'Ny regel.', children: [] }], renumbering: null },
      },
    ]);
    expect(result.unapplied).toEqual([]);
    expect(result.version.provisions.find((p) => p.label === '§ 55, stk. 5')?.text).toBe('Ny regel.');
    expect(result.version.provisions.some((p) => p.label.startsWith('§ 55, stk. 4, nr.'))).toBe(false);
  });

  it('prints a new § in place of the one that had its number', () => {
    const result = applyAmendments(base, [
      {
        act: 'LOV nr 1 af 01/01/2012',
        change: { number: 1, instruction: 'Efter § 54 indsættes:', newText: [{ kind: 'paragraf', designation: '§ 55.', text: 'Ny paragraf.', children: [] }], renumbering: null },
      },
    ]);
    expect(result.unapplied).toEqual([]);
    const fifty5 = result.version.provisions.filter((p) => p.label === '§ 55' || p.key.startsWith('p55~'));
    expect(fifty5.map((p) => p.text)).toEqual(['Ny paragraf.']);
    expect(result.version.provisions.some((p) => p.label === '§ 55, stk. 2')).toBe(false);
  });
});

describe('a sentence repealed and replaced', () => {
  it('puts the new sentences where the repealed one stood', () => {
    const stk = base.provisions.find((p) => p.label === '§ 64, stk. 1')!;
    const [first, , third] = splitSentences(stk.text);
    const result = applyAmendments(base, [
      {
        act: 'LOV nr 1 af 01/01/2012',
        change: { number: 1, instruction: '§ 64, stk. 1, 2. pkt., ophæves, og i stedet indsættes:', newText: [{ kind: 'text', designation: null, text: 'Ny sætning. Endnu en.', children: [] }], renumbering: null },
      },
    ]);
    expect(result.unapplied).toEqual([]);
    expect(result.version.provisions.find((p) => p.label === '§ 64, stk. 1')?.text).toBe(`${first} Ny sætning. Endnu en. ${third}`);
    expect(result.version.provisions.find((p) => p.label === '§ 64, stk. 2')?.text).toBe(base.provisions.find((p) => p.label === '§ 64, stk. 2')?.text);
  });
});

describe('a chapter repealed', () => {
  it('takes its §§ out of the consolidation and leaves the next chapter alone', () => {
    const chapterOf = (label: string) => base.provisions.find((p) => p.label === label)!.chapter!;
    const chapter = chapterOf('§ 64');
    const number = /^Kapitel (\d+)/.exec(chapter)![1];
    const result = applyAmendments(base, [{ act: 'LOV nr 1 af 01/01/2012', change: { number: 1, instruction: `Kapitel ${number} ophæves.`, newText: [], renumbering: null } }]);
    expect(result.unapplied).toEqual([]);
    const left = new Set(result.version.provisions.map((p) => p.label));
    expect(left.has('§ 64')).toBe(false);
    expect(result.version.provisions.some((p) => p.chapter === chapter)).toBe(false);
    const after = base.provisions.find((p) => p.kind === 'paragraf' && p.chapter !== chapter && base.provisions.indexOf(p) > base.provisions.findIndex((q) => q.label === '§ 64'))!;
    expect(left.has(after.label)).toBe(true);
  });
});

describe('splitSentences', () => {
  it('ends a sentence before one that opens with a §, and at a full stop printed without its space', () => {
    expect(splitSentences('Der gælder stk. 2. § 9, stk. 8, finder tilsvarende anvendelse.')).toHaveLength(2);
    expect(splitSentences('der er nævnt i stk. 2.Anmodning skal indgives senest kl. 18.')).toHaveLength(2);
    expect(splitSentences('jf. § 5, og (A.1, A.2 osv.) i rækkefølgen.')).toHaveLength(1);
  });

  it('ends a sentence at a reference that closes with »pkt.« when a capital follows, never at one that opens it', () => {
    expect(splitSentences('de frister, der er nævnt i stk. 4, 2. og 3. pkt. Direktøren kan undtagelsesvis bestemme det.')).toHaveLength(2);
    expect(splitSentences('jf. tillige stk. 6, 1. pkt. Vælgere, der er flyttet, optages.')).toHaveLength(2);
    expect(splitSentences('Beløbet er 100 kr. pr. dag, jf. stk. 2 og § 5.')).toHaveLength(1);
  });
});

describe('words named after a clause with a place of its own', () => {
  it('are words of that place', () => {
    const result = parseInstruction('I § 380, stk. 1, 1. pkt., udgår »og genparter af dokumenter« og »og modparten«, og i 2. pkt. ændres »genparter« til: »dokumenter«, og »og modparten« udgår.');
    expect(result.ok && result.instruction.actions.map((a) => a.targets?.map((t) => t.sentences))).toEqual([[[1]], [[2]], [[2]]]);
  });
});

describe('a bare sentence number in a later clause', () => {
  it('continues from the place the clause before it named', () => {
    const result = parseInstruction('§ 348, stk. 3, 2. pkt., ophæves, og i stk. 4, 1. pkt., udgår »kopier af denne og«, og 2. pkt. ophæves.');
    expect(result.ok && result.instruction.actions.at(-1)?.targets).toEqual([{ label: '§ 348, stk. 4', sentences: [2] }]);
  });
});

describe('rules of the format the consolidation of serviceloven, kommunestyrelsesloven and sygedagpengeloven found', () => {
  const read = (file: string) => parseSourceText(fs.readFileSync(new URL(`../../../shared/data/${file}`, import.meta.url)), file);
  const service = read('lexdania/serviceloven/LBK-2010-1096.xml');
  const change = (instruction: string, newText: NewTextBlock[] = []) => ({ act: 'LOV nr 628 af 11/06/2010', change: { number: 1, instruction, newText, renumbering: null } });
  const text = (version: { provisions: { label: string; text: string }[] }, label: string) => version.provisions.find((p) => p.label === label)?.text;

  it('inserts words in every place the instruction names, not only the first', () => {
    const r = applyAmendments(service, [change('I § 72, stk. 3, § 74, stk. 3, og § 75, stk. 1, indsættes efter »§ 71, stk. 3«: »og 4«.')]);
    expect(r.unapplied).toEqual([]);
    for (const label of ['§ 72, stk. 3', '§ 74, stk. 3', '§ 75, stk. 1']) expect(text(r.version, label)).toContain('§ 71, stk. 3 og 4,');
  });

  it('inserts after a word of its own: »der« is not the "der" inside "undersøgelse"', () => {
    const r = applyAmendments(service, [change('I § 50, stk. 2, indsættes efter »der«: », medmindre konkrete forhold betyder andet,«.')]);
    expect(text(r.version, '§ 50, stk. 2')).toContain('Kommunalbestyrelsens undersøgelse, jf. stk. 1');
    expect(text(r.version, '§ 50, stk. 2')).toContain('helhedsbetragtning, der, medmindre konkrete forhold betyder andet, skal omfatte');
  });

  it('drops the list a repealed last sentence ran on into', () => {
    expect(text(service, '§ 140, stk. 3, nr. 1')).toBeDefined();
    const r = applyAmendments(service, [change('§ 140, stk. 3, 2. pkt., ophæves.')]);
    expect(r.unapplied).toEqual([]);
    expect(text(r.version, '§ 140, stk. 3, nr. 1')).toBeUndefined();
    expect(text(r.version, '§ 140, stk. 3')).toMatch(/formålet\.$/);
  });

  it('keeps the items of a rewritten stk. inside it', () => {
    const r = applyAmendments(service, [
      change('§ 142, stk. 1, affattes således:', [
        { kind: 'text', designation: null, text: 'Plejefamilier skal være godkendt enten', children: [] },
        { kind: 'nr', designation: '1)', text: 'af den stedlige kommune eller', children: [] },
        { kind: 'nr', designation: '2)', text: 'af den anbringende kommune.', children: [] },
      ]),
    ]);
    expect(text(r.version, '§ 142, stk. 1, nr. 2')).toBe('af den anbringende kommune.');
    expect(text(r.version, '§ 142, stk. 2')).toContain('Netværksplejefamilier');
  });

  it('changes words cited at a list’s last item in the words printed after the list', () => {
    const r = applyAmendments(service, [change('I § 58, stk. 1, nr. 4, ændres »§ 52, stk. 3, nr. 8« til: »§ 52, stk. 3, nr. 7«.')]);
    expect(r.unapplied).toEqual([]);
    expect(text(r.version, '§ 58, stk. 1')).toContain('jf. § 52, stk. 3, nr. 7.');
  });

  it('leaves no comma before the full stop where the last words of a sentence go', () => {
    const r = applyAmendments(service, [change('I § 52, stk. 3, nr. 4, udgår »eller § 144«.')]);
    expect(text(r.version, '§ 52, stk. 3, nr. 4')).toMatch(/jf\. § 107\.$/);
  });

  it('reads a second insertion of one change on from where the first put its words', () => {
    const kommune = read('lexdania/kommunestyrelsesloven/LBK-2012-885.xml');
    const r = applyAmendments(kommune, [change('I § 16, stk. 7, indsættes efter »fastsætter regler om ydelse af vederlag«: »til formændene og næstformændene«, og efter »og« indsættes: »om«.')]);
    expect(text(r.version, '§ 16, stk. 7')).toContain('Økonomi- og indenrigsministeren fastsætter regler om ydelse af vederlag til formændene og næstformændene og om efterløn');
  });

  it('lets an act signed earlier but in force later cite the numbers from before an act signed after it', () => {
    const later = { act: 'LOV nr 269 af 27/03/2012', change: { number: 1, instruction: 'I § 25 indsættes efter stk. 1 som nyt stykke:', newText: [{ kind: 'stk' as const, designation: 'Stk. 2.', text: 'Ny regel om førtidspension.', children: [] }], renumbering: null } };
    const earlier = { act: 'LOV nr 1539 af 21/12/2010', change: { number: 5, instruction: 'I § 25, stk. 2, ændres »§ 24, stk. 2« til: »§ 24, stk. 2 og 3«.', newText: [], renumbering: null } };
    const r = applyAmendments(base, [later, earlier]);
    expect(r.unapplied).toEqual([]);
    expect(text(r.version, '§ 25, stk. 2')).toBe('Ny regel om førtidspension.');
    expect(text(r.version, '§ 25, stk. 3')).toContain('§ 24, stk. 2 og 3, tilsvarende');
  });

  it('reads a new § printed as plain text as that §', () => {
    const r = applyAmendments(base, [change('Efter § 53 indsættes:', [{ kind: 'text', designation: null, text: '§ 53 a. En person har ikke ret til sygedagpenge på søgnehelligdage.', children: [] }])]);
    expect(text(r.version, '§ 53 a')).toBe('En person har ikke ret til sygedagpenge på søgnehelligdage.');
  });
});
