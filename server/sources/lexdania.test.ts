import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceParseError } from './errors.js';
import { provisionKeyFromLabel } from './labels.js';
import { parseLexDania } from './lexdania.js';
import { parseSourceText } from './parse-source.js';
import type { ParsedProvision, ParsedVersion } from './provision.types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(here, '../../../shared/data/lexdania');

function xmlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? xmlFiles(path.join(dir, e.name)) : e.name.endsWith('.xml') ? [path.join(dir, e.name)] : []))
    .sort();
}

const files = xmlFiles(dataDir).map((f) => path.relative(dataDir, f));
const cache = new Map<string, ParsedVersion>();
function parsed(file: string): ParsedVersion {
  let v = cache.get(file);
  if (!v) cache.set(file, (v = parseLexDania(fs.readFileSync(path.join(dataDir, file)))));
  return v;
}
function provision(file: string, label: string): ParsedProvision {
  const p = parsed(file).provisions.find((x) => x.label === label);
  if (!p) throw new Error(`${label} not found in ${file}`);
  return p;
}
function labels(file: string): Set<string> {
  return new Set(parsed(file).provisions.map((p) => p.label));
}

/**
 * An independent reading of the raw file: the printed designation of every § of the act itself, found by
 * regular expressions rather than by the parser. In-force blocks of later acts, annexes and the quoted new
 * wording inside amendments are cut out first; a § printed without an Explicatus has its number in a bold Char.
 */
function rawDesignations(xml: string): (string | null)[] {
  const own = xml
    .replace(/<Ikraft[\s>][\s\S]*?<\/Ikraft>/g, '')
    .replace(/<Bilag[\s>][\s\S]*?<\/Bilag>/g, '')
    .replace(/<AendringNyTekst>[\s\S]*?<\/AendringNyTekst>/g, '');
  const found: (string | null)[] = [];
  const start = /<(?:Paragraf|AendringCentreretParagraf|IkraftCentreretParagraf)[\s>]/g;
  for (let m = start.exec(own); m; m = start.exec(own)) {
    const head = own.slice(m.index, m.index + 1500);
    const explicatus = /^<[^>]*>\s*<Explicatus>([^<]*)<\/Explicatus>/.exec(head)?.[1];
    const bold = /<Char formaChar="Bold">(§[^<]*)<\/Char>/.exec(head.slice(0, 400))?.[1];
    const printed = explicatus && /\d/.test(explicatus) ? explicatus : bold ?? null;
    found.push(printed === null ? null : printed.replace(/[\s\u00a0\u200b-\u200d]+/g, ' ').trim());
  }
  return found;
}

/** "§ 12 a." → "12a", "§§ 20-31." → "20"; the number (and letter) the § starts at. */
function leadingNumber(designation: string): string {
  const m = /^§§? ?(\d+)(?: ?([a-z])(?![a-z]))?/.exec(designation);
  if (!m) throw new Error(`not a § designation: ${designation}`);
  return m[1]! + (m[2] ?? '');
}

const CANONICAL =
  /^(§ \d+( [a-zæøå])?(, stk\. \d+(-\d+)?)?(, nr\. \d+( [a-z])?)?(, litra [a-zæøå]+)?|§§ \d+( [a-z])?(-| og )\d+( [a-z])?)$/;

describe.each(files)('%s', (file) => {
  it('reads the document facts', () => {
    const v = parsed(file);
    const [, type, year, number] = /(LBK|LOV)-(\d{4})-(\d+)\.xml$/.exec(file)!;
    expect(v.documentType).toBe(type);
    expect(v.year).toBe(Number(year));
    expect(v.number).toBe(Number(number));
    expect(v.shortName).toMatch(new RegExp(`^${type} nr ${number} af \\d{2}/\\d{2}/${year}$`));
    expect(v.eli).toBe(`https://www.retsinformation.dk/eli/lta/${year}/${number}`);
    expect(v.dateSigned).toMatch(new RegExp(`^${year}-\\d{2}-\\d{2}$`));
    expect(v.accessionNumber).toMatch(/^A\d{11}$/);
    expect(v.status).toMatch(/^(Valid|Historic)$/);
    expect(v.title).toMatch(/^(Bekendtgørelse af lov|Lov om ændring af)/);
    expect(v.title).not.toMatch(/\\n|\n/);
  });

  it('has every § of the act exactly once, and nothing else at the top', () => {
    const raw = rawDesignations(fs.readFileSync(path.join(dataDir, file), 'utf8'));
    const printed = raw.filter((d): d is string => d !== null);
    const top = parsed(file).provisions.filter((p) => p.parentKey === null);
    expect(top.every((p) => p.kind === 'paragraf' || p.kind === 'range')).toBe(true);
    expect(top).toHaveLength(printed.length);
    expect(top.map((p) => leadingNumber(p.label)).sort()).toEqual(printed.map(leadingNumber).sort());
    const ranges = printed.filter((d) => /\d\s*[a-z]?\s*(-|og)\s*(§\s*)?\d*\s*[a-z]?\.?$/.test(d));
    expect(top.filter((p) => p.kind === 'range')).toHaveLength(ranges.length);
    // A § whose number is printed nowhere cannot be cited: it is left out, and the importer says so.
    const unnumbered = raw.length - printed.length;
    expect((parsed(file).warnings ?? []).filter((w) => w.includes('uden nummer'))).toHaveLength(unnumbered);
  });

  it('gives canonical labels and unique keys built from them', () => {
    const ps = parsed(file).provisions;
    for (const p of ps) {
      expect(p.label).toMatch(CANONICAL);
      expect(p.key).toBe(provisionKeyFromLabel(p.label));
    }
    expect(new Set(ps.map((p) => p.key)).size).toBe(ps.length);
  });

  it('links every provision to a parent that comes before it and whose label it extends', () => {
    const ps = parsed(file).provisions;
    const byKey = new Map(ps.map((p) => [p.key, p]));
    ps.forEach((p, i) => {
      expect(p.position).toBe(i);
      if (p.parentKey === null) return;
      const parent = byKey.get(p.parentKey);
      expect(parent, `${p.label} → ${p.parentKey}`).toBeDefined();
      expect(parent!.position).toBeLessThan(p.position);
      expect(p.label.startsWith(`${parent!.label}, `)).toBe(true);
      expect(p.chapter).toBe(parent!.chapter);
    });
  });

  it('keeps the text clean and never loses a leaf’s words', () => {
    const ps = parsed(file).provisions;
    const parents = new Set(ps.map((p) => p.parentKey));
    for (const p of ps) {
      expect(p.text).not.toMatch(/[\u00ad\u00a0\u200b-\u200d\n\r\t]|\\n|\s{2}|^\s|\s$/);
      if (!parents.has(p.key)) expect(p.text, p.label).not.toBe('');
      expect(p.repealed).toBe(/^\(Ophævet\)\.?$/.test(p.text));
    }
  });

  it('places every § of a consolidated act in a chapter with its heading', () => {
    if (!file.includes('/LBK-')) return;
    for (const p of parsed(file).provisions) expect(p.chapter, p.label).toMatch(/^Kapitel ([0-9]+( [a-z])?|[IVX]+)(\. \S.*)?$/);
  });
});

describe('what the data says', () => {
  it('reads sygedagpengeloven 2011 (LBK nr 920)', () => {
    const file = 'sygedagpengeloven/LBK-2011-920.xml';
    expect(parsed(file)).toMatchObject({
      shortName: 'LBK nr 920 af 22/08/2011',
      title: 'Bekendtgørelse af lov om sygedagpenge',
      documentType: 'LBK',
      accessionNumber: 'A20110092029',
      year: 2011,
      number: 920,
      dateSigned: '2011-08-22',
      status: 'Historic',
      eli: 'https://www.retsinformation.dk/eli/lta/2011/920',
      popularTitle: 'Sygedagpengeloven',
    });
    expect(provision(file, '§ 6, stk. 1').text).toMatch(/arbejdsgiveren sygedagpenge til ansatte/);
    expect(provision(file, '§ 6, stk. 1').parentKey).toBe('p6');
    expect(provision(file, '§ 6').text).toBe('');
    // A § with one stk. is cited as the § itself, and its list items hang directly under it.
    expect(provision(file, '§ 1')).toMatchObject({ text: 'Formålet med denne lov er', chapter: 'Kapitel 1. Formål', kind: 'paragraf' });
    expect(labels(file).has('§ 1, stk. 1')).toBe(false);
    expect(provision(file, '§ 1, nr. 3')).toMatchObject({ kind: 'nr', parentKey: 'p1' });
    expect(provision(file, '§ 1, nr. 3').text).toMatch(/^at understøtte samarbejdet/);
    expect(provision(file, '§ 3, stk. 2').text).toBe('Sygedagpenge kan udbetales under ophold i udlandet, når');
    expect(provision(file, '§ 3, stk. 2, nr. 4').text).toMatch(/kan beskattes i Danmark\.$/);
  });

  it('sees § 53 a of the local election act arrive in 2014', () => {
    expect(labels('kommunale-regionale-valg/LBK-2014-363.xml').has('§ 53 a')).toBe(true);
    expect(labels('kommunale-regionale-valg/LBK-2013-127.xml').has('§ 53 a')).toBe(false);
    expect(provision('kommunale-regionale-valg/LBK-2014-363.xml', '§ 53 a, stk. 1').text).toMatch(/^En vælger kan efter ansøgning/);
  });

  it('marks repealed placeholders, including a range printed without its Explicatus', () => {
    const file = 'kommunestyrelsesloven/LBK-2015-769.xml';
    expect(provision(file, '§ 15 a')).toMatchObject({ text: '(Ophævet)', repealed: true, kind: 'paragraf' });
    expect(provision(file, '§§ 62-62 c')).toMatchObject({ key: 'p62-62c', text: '(Ophævet)', repealed: true, kind: 'range' });
    expect(provision(file, '§ 62 d').repealed).toBe(false);
  });

  it('keeps a range of repealed §§ as one provision', () => {
    const range = provision('serviceloven/LBK-2010-1096.xml', '§§ 20-31');
    expect(range).toMatchObject({ key: 'p20-31', kind: 'range', text: '(Ophævet).', repealed: true, parentKey: null });
    expect(labels('serviceloven/LBK-2010-1096.xml').has('§ 20')).toBe(false);
    expect(provision('aktivloven/LBK-2012-190.xml', '§§ 25 b-25 e').kind).toBe('range');
    expect(provision('retssikkerhedsloven/LBK-2015-1052.xml', '§§ 63 og 64').key).toBe('p63+64');
  });

  it('reads litra under a stk. and under a nr.', () => {
    const file = 'kommunestyrelsesloven/LBK-2015-769.xml';
    expect(provision(file, '§ 16, stk. 1').text).toMatch(/Vederlaget omfatter medlemmernes$/);
    expect(provision(file, '§ 16, stk. 1, litra g')).toMatchObject({ kind: 'litra', parentKey: 'p16.s1' });
    expect(provision(file, '§ 16, stk. 1, litra g').text).toBe('udførelse af andre aktiviteter i forbindelse med de under litra a-f nævnte møder m.v.');
    const nested = provision('retsplejeloven/LBK-2016-1257.xml', '§ 115, stk. 1, nr. 3, litra a');
    expect(nested).toMatchObject({ kind: 'litra', parentKey: 'p115.s1.n3', text: 'dømte, der løslades fra institutioner under kriminalforsorgen,' });
  });

  it('gives chapters their headings, in Arabic and Roman numbering', () => {
    expect(provision('serviceloven/LBK-2010-1096.xml', '§ 78').chapter).toBe('Kapitel 13. Private pasningsordninger uden offentlige tilskud');
    expect(provision('kommunestyrelsesloven/LBK-2015-769.xml', '§ 16').chapter).toBe('Kapitel II. Kommunalbestyrelsen');
    expect(provision('retsplejeloven/LBK-2016-1257.xml', '§ 1').chapter).toBe('Kapitel 1. Retterne');
  });

  it('reads a § printed without an Explicatus from its bold number, with its heading', () => {
    const file = 'serviceloven/LBK-2010-1096.xml';
    expect(provision(file, '§ 78')).toMatchObject({ text: '', heading: 'Privat døgnpleje' });
    expect(provision(file, '§ 78, stk. 1').text).toMatch(/^Ingen må modtage et barn under 14 år/);
    expect(parsed('retssikkerhedsloven/LBK-2010-1054.xml').warnings).toEqual([
      'En paragraf uden nummer i Kapitel 5 er sprunget over ("(Ophævet).")',
    ]);
  });

  it('keeps a stk. range and a stk. printed without its full stop', () => {
    expect(provision('kommunale-regionale-valg/LBK-2014-363.xml', '§ 110, stk. 3-4')).toMatchObject({ key: 'p110.s3-4', text: '(Udelades)' });
    expect(provision('serviceloven/LBK-2010-1096.xml', '§ 32, stk. 2').text).toMatch(/^Socialministeren fastsætter/);
    for (const p of parsed('serviceloven/LBK-2010-1096.xml').provisions) expect(p.text).not.toMatch(/^\./);
  });

  it('leaves out footnotes, footnote marks and the in-force provisions of later acts', () => {
    const stk3 = provision('sygedagpengeloven/LBK-2015-43.xml', '§ 3, stk. 3').text;
    expect(stk3).toMatch(/EF-forordning nr\. 1408\/71 om anvendelse af de sociale sikringsordninger/);
    expect(stk3).not.toMatch(/Europa-Parlamentets/);
    expect(provision('retsplejeloven/LBK-2015-1255.xml', '§ 149, stk. 2').text).toMatch(/^Dokumenter, der er affattede i fremmede sprog/);
    for (const file of files) {
      for (const p of parsed(file).provisions) expect(p.text).not.toMatch(/indeholder følgende ikrafttrædelses/);
    }
  });

  it('joins a line that opens with a comma to the line before, as the act prints it', () => {
    // "el.lign." ends one Linea and ", der kan …" opens the next; "1408/71)" is followed by a footnote mark.
    expect(provision('sygedagpengeloven/LBK-2011-1152.xml', '§ 30, stk. 1').text).toMatch(/arbejdskonflikt el\.lign\., der kan afbryde/);
    expect(provision('sygedagpengeloven/LBK-2013-871.xml', '§ 3, stk. 3').text).toMatch(/\(herefter betegnet EF-forordning nr\. 1408\/71\), er omfattet/);
    for (const file of files) for (const p of parsed(file).provisions) expect(p.text).not.toMatch(/\S \.(?:\s|$)/);
  });

  it('reads a list printed as lines of text ("1) …") as the numbered items it is', () => {
    expect(provision('sygedagpengeloven/LBK-2011-1152.xml', '§ 55, stk. 2').text).toBe('Private arbejdsgivere er');
    expect(provision('sygedagpengeloven/LBK-2011-1152.xml', '§ 55, stk. 2, nr. 2').text).toBe(
      'forældre, der har valgt at få et økonomisk tilskud til privat pasning, jf. dagtilbudslovens § 80.',
    );
    expect(provision('retssikkerhedsloven/LBK-2010-1054.xml', '§ 9 c, stk. 4, nr. 3').text).toBe('lov om friplejeboliger.');
  });

  it('keeps a table inside a stk. as its text', () => {
    expect(provision('retsplejeloven/LBK-2016-1257.xml', '§ 353, stk. 1').text).toMatch(
      /herunder 1\) parternes stilling til sagens faktiske og retlige omstændigheder, 2\) tilrettelæggelse/,
    );
  });

  it('drops the zero-width characters the editor leaves in the text', () => {
    expect(provision('kommunestyrelsesloven/LBK-2015-769.xml', '§ 16, stk. 5').text).toMatch(/i stk\. 1, litra a-e, nævnte møder/);
  });

  it('reads an amending act: its §§, the numbered changes with their new wording, its in-force §§', () => {
    const file = 'sygedagpengeloven/LOV-2010-1599.xml';
    expect(parsed(file)).toMatchObject({
      shortName: 'LOV nr 1599 af 22/12/2010',
      title: 'Lov om ændring af lov om sygedagpenge (Udvidelse af arbejdsgiverperioden)',
      documentType: 'LOV',
    });
    expect(parsed(file).provisions.map((p) => p.label)).toEqual([
      '§ 1',
      '§ 1, nr. 1',
      '§ 1, nr. 2',
      '§ 2',
      '§ 3',
      '§ 3, stk. 1',
      '§ 3, stk. 2',
      '§ 4',
      '§ 4, stk. 1',
      '§ 4, stk. 2',
    ]);
    expect(provision(file, '§ 1').text).toMatch(/^I lov nr\. 563 af 9\. juni 2006 om sygedagpenge.*foretages følgende ændringer:$/);
    expect(provision(file, '§ 1, nr. 1').text).toBe(
      'I § 6, stk. 1, § 24, stk. 2, nr. 1 og 2, § 30, stk. 1, 1. og 2. pkt., § 56, stk. 1, 1. pkt., og § 61 ændres »21 kalenderdage« til: »30 kalenderdage«.',
    );
    expect(provision(file, '§ 1, nr. 2').text).toMatch(/^§ 40, stk\. 1, affattes således: »En arbejdsgiver, der udbetaler løn .* 21 kalenderdage\.«$/);
    expect(provision(file, '§ 2').text).toBe('Loven træder i kraft den 2. januar 2012.');
  });

  it('keeps the §§ quoted in an amendment as text of the change, not as provisions', () => {
    const file = 'kommunale-regionale-valg/LOV-2013-1470.xml';
    expect(provision(file, '§ 1, nr. 11').text).toMatch(/^§ 66 ophæves, og i stedet indsættes: »§ 66\. Tilsidesætter borgmesteren .* Stk\. 2\. Stk\. 1 finder/);
    expect(provision(file, '§ 1, nr. 2').text).toMatch(/»Stk\. 5\. Kan en sag ikke udsættes.*« Stk\. 5 og 6 bliver herefter stk\. 6 og 7\.$/);
    expect(labels(file).has('§ 66')).toBe(false);
    expect([...labels(file)].filter((l) => !l.includes(','))).toEqual(['§ 1', '§ 2', '§ 3', '§ 4', '§ 5']);
  });

  it('reads text and bytes, with or without a byte-order mark, the same way', () => {
    const bytes = fs.readFileSync(path.join(dataDir, 'biblioteksloven/LBK-2013-100.xml'));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const fromBytes = parseLexDania(bytes);
    expect(parseLexDania(bytes.toString('utf8'))).toEqual(fromBytes);
    expect(parseLexDania(bytes.subarray(3))).toEqual(fromBytes);
    expect(parseSourceText(bytes, 'LBK-2013-100.xml')).toEqual(fromBytes);
  });
});

describe('documents that cannot be read', () => {
  const real = fs.readFileSync(path.join(dataDir, 'sygedagpengeloven/LBK-2011-920.xml'));

  function failure(run: () => unknown): SourceParseError {
    try {
      run();
    } catch (err) {
      expect(err).toBeInstanceOf(SourceParseError);
      return err as SourceParseError;
    }
    throw new Error('expected a SourceParseError');
  }

  it('reports a truncated file with the line where it ends', () => {
    const err = failure(() => parseLexDania(real.subarray(0, 5000)));
    expect(err.code).toBe('invalid_xml');
    expect(err.line).toBeGreaterThan(100);
    expect(err.message).toMatch(/ikke gyldig XML \(linje \d+, kolonne \d+\)/);
    // Cut inside a multi-byte character: still reported as the truncation it is.
    const cut = real.indexOf(Buffer.from('ø')) + 1;
    expect(failure(() => parseLexDania(real.subarray(0, cut))).code).toBe('invalid_xml');
  });

  it('refuses a DOCTYPE, so no entity is ever expanded (billion laughs)', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE Dokument [',
      '  <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
      ']>',
      '<Dokument><Meta><DocumentTitle>&lol9;</DocumentTitle></Meta></Dokument>',
    ].join('\n');
    const err = failure(() => parseLexDania(lol));
    expect(err.code).toBe('forbidden_dtd');
    expect(err.message).toMatch(/DOCTYPE/);
  });

  it('refuses a DOCTYPE without entities too: LexDania documents have none', () => {
    expect(failure(() => parseLexDania('<?xml version="1.0"?><!DOCTYPE Dokument><Dokument><Meta><DocumentTitle>Lov</DocumentTitle></Meta></Dokument>')).code).toBe('forbidden_dtd');
  });

  it('refuses an external entity and never reads the file it names', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE Dokument [<!ENTITY x SYSTEM "file:///etc/passwd">]><Dokument><Meta><DocumentTitle>&x;</DocumentTitle></Meta></Dokument>';
    const err = failure(() => parseSourceText(xxe));
    expect(err.code).toBe('forbidden_dtd');
    expect(err.message).not.toMatch(/root:/);
  });

  it('refuses entities that XML does not predefine', () => {
    expect(failure(() => parseLexDania('<Dokument><Meta><DocumentTitle>&nbsp;</DocumentTitle></Meta></Dokument>')).code).toBe('invalid_xml');
    const ok = parseLexDania('<Dokument><Meta><DocumentTitle>A &amp; B &lt;&gt; &quot;&apos;</DocumentTitle></Meta></Dokument>');
    expect(ok.title).toBe('A & B <> "\'');
  });

  it('refuses text that is not XML, and XML that is not LexDania', () => {
    expect(failure(() => parseLexDania('Bekendtgørelse af lov om sygedagpenge\n§ 1. Formålet')).code).toBe('invalid_xml');
    const html = failure(() => parseSourceText('<html><body><p>§ 1.</p></body></html>', 'side.html'));
    expect(html.code).toBe('not_lexdania');
    expect(html.message).toMatch(/^side\.html: .*rodelementet er <html>/);
  });

  it('refuses bytes that are not in the declared encoding', () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Dokument><Meta><DocumentTitle>S\xf8</DocumentTitle></Meta></Dokument>', 'latin1');
    expect(failure(() => parseLexDania(latin1)).code).toBe('encoding');
    const declared = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><Dokument><Meta><DocumentTitle>S\xf8</DocumentTitle></Meta></Dokument>', 'latin1');
    expect(parseLexDania(declared).title).toBe('Sø');
  });

  it('refuses an empty document', () => {
    expect(failure(() => parseSourceText('')).code).toBe('empty');
    expect(failure(() => parseSourceText(' \n\t\u00a0')).code).toBe('empty');
    expect(failure(() => parseSourceText(Buffer.alloc(0), 'tom.xml')).code).toBe('empty');
    expect(failure(() => parseSourceText(Buffer.from([0xef, 0xbb, 0xbf]))).code).toBe('empty');
    expect(failure(() => parseLexDania('')).code).toBe('invalid_xml');
  });
});
