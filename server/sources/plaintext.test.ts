import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLexDania } from './lexdania.js';
import { parseSourceText } from './parse-source.js';
import { parsePlainText } from './plaintext.js';
import type { ParsedProvision } from './provision.types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(here, '../../../shared/data/lexdania');

// Kommunestyrelsesloven (LBK nr 769 af 09/06/2015) as copied from its printed form: a few §§ from three chapters,
// with litra, nr., repealed §§ and a range, some lines broken and hyphenated by the typesetter, NBSP after "§"
// and a soft hyphen, as pasted text has them.
const PASTED = `LBK nr 769 af 09/06/2015
Bekendtgørelse af lov om kommunernes styrelse

Herved bekendtgøres lov om kommunernes styrelse, jf. lovbekendtgørelse nr. 186 af 19. februar 2014, med de ændringer, der følger af § 2 i lov nr. 1499 af 23. december 2014.

Kapitel II
Kommunalbestyrelsen

§\u00a015 a. (Ophævet)

§ 16. Der ydes et fast vederlag til kommunalbestyrelsens medlemmer. Økonomi- og indenrigsministeren fastsætter nærmere regler om vederlaget. Vederlaget omfatter medlemmernes
a) deltagelse i møder i kommunalbestyrelsen og dennes udvalg samt underudvalg,
b) deltagelse i møder i forbindelse med varetagelse af kommunale hverv, der udføres efter valg af kommunalbestyrelsen, medmindre der på andet grundlag er fastsat bestemmelse om særskilt vederlæggelse,
c) deltagelse i kurser m.v., der af kommunalbestyrelsen eller af økonomiudvalget efter bemyndigelse fra kommunalbestyrelsen anses for at have betydning for varetagelsen af de under litra a og b nævnte hverv,
d) deltagelse i seminarer, jf. § 9 a,
e) deltagelse i revisionens forelæggelse af beretninger, jf. § 42 c,
f) varetagelse af andre nærmere angivne kommunale hverv efter anmodning fra kommunalbestyrelsen eller dennes udvalg og
g) udførelse af andre aktiviteter i forbindelse med de under litra a-f nævnte møder m.v.
Stk. 2. For medlemskab af økonomiudvalg og stående udvalg kan kommunalbestyrelsen beslutte at yde kommunalbestyrelsens medlemmer udvalgsvederlag. De nærmere regler om udvalgsvederlag fastsættes af økonomi-
og indenrigsministeren, som tillige kan fastsætte regler om, at kommunalbestyrelsen kan yde vederlag for medlemskab af andre udvalg, der er nedsat af kommunalbestyrelsen.
Stk. 3. For deltagelse i det konstituerende møde, jf. § 6, ydes der diæter og erstatning for dokumenteret tabt arbejdsfortjeneste efter reglerne i § 16 a.
Stk. 4. Til et kommunalbestyrelsesmedlem, der har et eller flere børn under 10 år boende i hjemmet, ydes et tillægsvederlag. Økonomi- og indenrigsministeren fastsætter nærmere regler om tillægsvederlaget og om afgrænsning af kredsen af medlemmer, der skal ydes et sådant vederlag.
Stk. 5. Et medlem kan vælge at modtage erstatning for dokumenteret tabt arbejdsfortjeneste. I så fald reduceres det faste vederlag. Valget foretages med virkning for et regnskabsår ad gangen. Erstatning ydes for deltagelse i de i stk. 1, litra a-e, nævnte møder m.v. Herudover kan kommunalbestyrelsen beslutte at yde erstatning til et medlem for udførelse af de i stk. 1, litra f, nævnte aktiviteter. Erstatningen kan pr. dag højst udgøre det femdobbelte af det diætbeløb, som af økonomi- og indenrigsministeren er fastsat for møder af ikke over 4 timers varighed, jf. § 16 a, stk. 2. Økonomi- og indenrigsministeren fastsætter nærmere regler om ydelse af erstatningen, herunder om reduktion af det faste vederlag.
Stk. 6. Er der tillagt nogen særligt honorar eller vederlag, bortset fra ydelser efter stk. 1, 2 og 4, for varetagelse af et kommunalt hverv, kan der ikke ydes den pågældende erstatning for tabt arbejdsfortjeneste i forbindelse med hvervets varetagelse.
Stk. 7. Økonomi- og indenrigsministeren fastsætter regler om ydelse af vederlag til formændene og næstformændene og om efterløn til formændene for de af kommunalbestyrelsen nedsatte udvalg samt regler om ydelse af vederlag til et medlem, der fungerer som udvalgsformand på grund af formandens fravær.
Stk. 8. Til stedfortrædere, der indkaldes til at deltage i enkelte møder i kommunalbestyrelsen, jf. § 14, stk. 3, og § 15, stk. 1, ydes diæter og erstatning for dokumenteret tabt arbejdsfortjeneste efter reglerne i § 16 a, stk. 2 og 3.
Stk. 9. Enhver er forpligtet til at modtage de ydelser, der tilkommer den pågældende efter reglerne i stk. 1-8.
Stk. 10. I forbindelse med deltagelse i de i stk. 1, litra a-f, nævnte møder m.v., ydes der til kommunalbestyrelsesmedlemmer
a) befordringsgodtgørelse og godtgørelse for fravær fra hjemstedet,
b) godtgørelse af dokumenterede, nødvendige udgifter forbundet med et fysisk handicap og
c) godtgørelse af dokumenterede, nødvendige udgifter til pasning af syge nære pårørende.
Stk. 11. Kommunalbestyrelsen kan beslutte at yde de i stk. 10 nævnte godtgørelser til kommunalbestyrelsens medlemmer i forbindelse med udførelse af de i stk. 1, litra g, nævnte aktiviteter. Kommunalbestyrelsen kan endvidere beslutte at godtgøre andre udgifter, som er forbundet med kommunalbestyrelsesmedlemmernes deltagelse i de i stk. 1 nævnte møder m.v., eller beslutte at yde anden støtte i forbindelse hermed.
Stk. 12. Til kommunalbestyrelsens formand, magistratsmedlemmer, jf. § 64, og de i § 64 a nævnte udvalgsformænd kan der ikke ydes de vederlag, der er nævnt i stk. 1, 2 og 4-7, eller den godtgørelse, der er nævnt i stk. 10, litra c.

Kapitel VI
Statsforvaltningens tilsyn

§ 50 a. Har kommunalbestyrelsen truffet en beslutning, der strider mod lovgivningen, kan statsforvaltningen sætte beslutningen ud af kraft. Under behandlingen af sagen kan statsforvaltningen midlertidigt suspendere den pågældende beslutning. Er beslutningen bragt til udførelse, kan den dog kun suspenderes eller sættes ud af kraft, hvis
1) en part over for statsforvaltningen skriftligt fremsætter begæring herom,
2) der ikke efter anden lovgivning er en klage-
instans og
3) væsentlige hensyn, særlig til private interesser, ikke taler herimod.
Stk. 2. Stk. 1 gælder tilsvarende for en beslutning truffet af økonomiudvalget, et stående udvalg eller en magistrat, når beslutningen ikke kan indbringes for kommunalbestyrelsen. Stk. 1 gælder tilsvarende for en beslutning truffet af kommunalbestyrelsens formand efter § 31, stk. 1. Stk. 1 gælder tilsvarende for en beslutning truffet af en formand for økonomiudvalget eller et stående udvalg efter § 22, stk. 2, når beslutningen ikke kan indbringes for kommunalbestyrelsen. Stk. 1 gælder endvidere tilsvarende for en beslutning truffet af styrelsesorganet for et kommunalt fællesskab, jf. § 60.

Kapitel VIII
Særlige bestemmelser

§ 61. Et kommunalbestyrelsesmedlem, der gør sig skyldig i grov tilside-
sættelse af de pligter, som den pågældendes hverv medfører, straffes
med bøde.
Simpelt uagtsom pligt\u00adtilsidesættelse straffes dog ikke.

§ 62-62 c. (Ophævet)

§ 62 d. Økonomi- og indenrigsministeren kan fastsætte regler om beregning af omkostningerne ved kommunens egen udførelse af en opgave, som kommunen beslutter at sende i udbud, (kontrolbud) og om afgivelsen af kontrolbud.
Stk. 2. Økonomi- og indenrigsministeren kan fastsætte regler om, at Klagenævnet for Udbud efter reglerne i lov om håndhævelse af udbudsreglerne m.v. og forskrifter udstedt i medfør heraf kan behandle klager vedrørende kommunens overtrædelse af regler fastsat i medfør af stk. 1.

§ 62 e. (Ophævet)

Økonomi- og Indenrigsministeriet, den 9. juni 2015
Morten Østergaard
/ Christian Schou

Officielle noter
Lov nr. 1499 af 23. december 2014 indeholder følgende ikrafttrædelsesbestemmelse:
§ 5
Loven træder i kraft den 1. januar 2015.
`;

/** The printed form of an act, as Retsinformation shows it: "§ 12 a. …", "Stk. 2. …", "1) …", chapters and headings. */
function printed(provisions: ParsedProvision[]): string {
  const children = new Map<string | null, ParsedProvision[]>();
  for (const p of provisions) children.set(p.parentKey, [...(children.get(p.parentKey) ?? []), p]);
  const out: string[] = [];
  const items = (key: string) => {
    for (const c of children.get(key) ?? []) {
      const designation = c.label.split(', ').pop()!.replace(/^(nr\.|litra) /, '');
      out.push(`${designation}) ${c.text}`);
      items(c.key);
    }
  };
  let chapter: string | null = null;
  for (const p of children.get(null) ?? []) {
    if (p.chapter !== chapter && p.chapter) out.push('', ...p.chapter.split(/(?<=^Kapitel [^.]+)\. /), '');
    chapter = p.chapter;
    if (p.heading) out.push(p.heading);
    const [first, ...more] = (children.get(p.key) ?? []).filter((c) => c.kind === 'stk');
    out.push(`${p.label}. ${first?.text ?? p.text}`.trimEnd());
    items(first?.key ?? p.key);
    for (const stk of more) {
      out.push(`Stk. ${stk.label.split('stk. ')[1]}. ${stk.text}`);
      items(stk.key);
    }
  }
  return out.join('\n');
}

describe('parsePlainText', () => {
  it('reads pasted text to the same provisions as the XML of the same act', () => {
    const fromText = parsePlainText(PASTED);
    const fromXml = parseLexDania(fs.readFileSync(path.join(dataDir, 'kommunestyrelsesloven/LBK-2015-769.xml')));
    const pastedTop = new Set(['p15a', 'p16', 'p50a', 'p61', 'p62-62c', 'p62d', 'p62e']);
    const comparable = ({ key, label, kind, text, parentKey, chapter, repealed }: (typeof fromText.provisions)[number]) => ({
      key,
      label,
      kind,
      text,
      parentKey,
      chapter,
      repealed,
    });
    const expected = fromXml.provisions.filter((p) => pastedTop.has(p.key.split('.')[0]!)).map(comparable);
    expect(expected.length).toBe(36);
    expect(fromText.provisions.map(comparable)).toEqual(expected);
    expect(fromText.warnings).toBeUndefined();
  });

  it.each(fs.readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.xml')).sort())(
    'reads the printed form of %s back to the provisions of its XML',
    (file) => {
      const xml = parseLexDania(fs.readFileSync(path.join(dataDir, file)));
      const text = parsePlainText(`${xml.shortName}\n${xml.title}\n${printed(xml.provisions)}`);
      expect(text.title).toBe(xml.title);
      let expected = xml.provisions;
      if (file.endsWith('retssikkerhedsloven/LBK-2010-1054.xml')) {
        // Kapitel 9 a has no heading of its own but its first § has one; printed, the two look the same, and
        // the pasted reading takes the line for the chapter's heading.
        expected = expected.map((p) => {
          if (p.chapter !== 'Kapitel 9 a') return p;
          const { heading: _heading, ...rest } = p;
          return { ...rest, chapter: 'Kapitel 9 a. Ankestyrelsens Beskæftigelsesudvalg' };
        });
      }
      expect(text.provisions).toEqual(expected);
    },
  );

  it('reads the title and the short name above the first §', () => {
    expect(parsePlainText(PASTED)).toMatchObject({
      title: 'Bekendtgørelse af lov om kommunernes styrelse',
      shortName: 'LBK nr 769 af 09/06/2015',
      documentType: 'LBK',
      year: 2015,
      number: 769,
      dateSigned: '2015-06-09',
      eli: 'https://www.retsinformation.dk/eli/lta/2015/769',
      accessionNumber: null,
      status: null,
    });
    expect(parsePlainText('§ 1. Loven gælder.', { title: 'Lov om noget', shortName: 'LOV nr 1 af 02/01/2020' })).toMatchObject({
      title: 'Lov om noget',
      shortName: 'LOV nr 1 af 02/01/2020',
      year: 2020,
    });
    expect(parsePlainText('§ 1. Loven gælder.')).toMatchObject({ title: '', shortName: null, eli: null });
  });

  it('joins words the typesetter broke over two lines, and keeps real hyphens', () => {
    const v = parsePlainText(
      [
        '§ 1. Kommunen udbetaler sygedagpenge til arbejds-',
        'giveren efter EF-',
        'forordningen, og Sø-',
        'og Handelsretten og Europa-',
        'Parlamentet gør ikke.',
      ].join('\n'),
    );
    expect(v.provisions[0]!.text).toBe(
      'Kommunen udbetaler sygedagpenge til arbejdsgiveren efter EF-forordningen, og Sø- og Handelsretten og Europa-Parlamentet gør ikke.',
    );
  });

  it('reads headings above §§ as headings, not text', () => {
    const v = parsePlainText(
      [
        'Kapitel 13',
        'Private pasningsordninger',
        '',
        'Privat døgnpleje',
        '§ 78. Ingen må modtage et barn.',
        'Stk. 2. Plejetilladelse kan kun udstedes, når',
        '1) det er til gavn for barnet og',
        '2) forældrene er orienteret.',
        'Tilladelsen gives skriftligt.',
        'Tilsyn',
        '§ 79. Kommunen fører tilsyn.',
      ].join('\n'),
    );
    expect(v.provisions.map((p) => [p.label, p.text, p.heading ?? null])).toEqual([
      ['§ 78', '', 'Privat døgnpleje'],
      ['§ 78, stk. 1', 'Ingen må modtage et barn.', null],
      ['§ 78, stk. 2', 'Plejetilladelse kan kun udstedes, når Tilladelsen gives skriftligt.', null],
      ['§ 78, stk. 2, nr. 1', 'det er til gavn for barnet og', null],
      ['§ 78, stk. 2, nr. 2', 'forældrene er orienteret.', null],
      ['§ 79', 'Kommunen fører tilsyn.', 'Tilsyn'],
    ]);
    expect(v.provisions.every((p) => p.chapter === 'Kapitel 13. Private pasningsordninger')).toBe(true);
    const tight = parsePlainText('Første afsnit.\nDomsmagten\nKapitel 1\nRetterne\nHøjesteret\n§ 1. De almindelige domstole er Højesteret.');
    expect(tight.provisions).toMatchObject([{ label: '§ 1', heading: 'Højesteret', chapter: 'Kapitel 1. Retterne' }]);
    expect(tight.title).toBe('');
  });

  it('reads litra under a nr., lettered §§, ranges and §§ printed on their own line', () => {
    const v = parsePlainText(
      [
        'Kapitel 5 a. Særlige regler',
        '§ 12 a. Ydelsen gives til',
        '1) personer, der',
        'a) er fyldt 18 år eller',
        'b) har forsørgerpligt, og',
        '2) andre.',
        '§§ 20-31. (Ophævet)',
        '§ 16-§ 24. (Ophævet)',
        '§ 40',
        'Stk. 1. Loven træder i kraft den 1. januar 2012.',
        'Stk. 2. Den gælder ikke for Færøerne.',
      ].join('\n'),
    );
    expect(v.provisions.map((p) => [p.key, p.label, p.kind, p.parentKey, p.repealed])).toEqual([
      ['p12a', '§ 12 a', 'paragraf', null, false],
      ['p12a.n1', '§ 12 a, nr. 1', 'nr', 'p12a', false],
      ['p12a.n1.la', '§ 12 a, nr. 1, litra a', 'litra', 'p12a.n1', false],
      ['p12a.n1.lb', '§ 12 a, nr. 1, litra b', 'litra', 'p12a.n1', false],
      ['p12a.n2', '§ 12 a, nr. 2', 'nr', 'p12a', false],
      ['p20-31', '§§ 20-31', 'range', null, true],
      ['p16-24', '§§ 16-24', 'range', null, true],
      ['p40', '§ 40', 'paragraf', null, false],
      ['p40.s1', '§ 40, stk. 1', 'stk', 'p40', false],
      ['p40.s2', '§ 40, stk. 2', 'stk', 'p40', false],
    ]);
    expect(v.provisions[0]!.chapter).toBe('Kapitel 5 a. Særlige regler');
    expect(v.provisions[0]!.text).toBe('Ydelsen gives til');
  });

  it('does not take a sentence that starts with a § for a new §', () => {
    const v = parsePlainText('§ 3. Kommunen træffer afgørelse.\nStk. 2. Reglerne i\n§ 2 finder anvendelse.');
    expect(v.provisions.map((p) => p.label)).toEqual(['§ 3', '§ 3, stk. 1', '§ 3, stk. 2']);
    expect(v.provisions[2]!.text).toBe('Reglerne i § 2 finder anvendelse.');
  });

  it('reads Windows line ends, tabs and a byte-order mark', () => {
    const v = parsePlainText('\ufeffLov om noget\r\n\r\n§ 1.\tLoven\u00a0gælder\u200c.\r\n');
    expect(v.title).toBe('Lov om noget');
    expect(v.provisions.map((p) => [p.label, p.text])).toEqual([['§ 1', 'Loven gælder.']]);
  });

  it('is what parseSourceText does with text that is not XML', () => {
    expect(parseSourceText(Buffer.from(PASTED, 'utf8'), 'indsat.txt')).toEqual(parsePlainText(PASTED));
    expect(parseSourceText(Buffer.from('Lov om sø\n§ 1. Sø.', 'latin1')).provisions[0]!.text).toBe('Sø.');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Lov om sø\n§ 1. Sø.', 'utf16le')]);
    expect(parseSourceText(utf16).provisions[0]!.text).toBe('Sø.');
  });
});
