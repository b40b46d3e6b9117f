// A consolidation's introduction ("Herved bekendtgøres lov om sygedagpenge, jf. lovbekendtgørelse nr. 920 af
// 22. august 2011, med de ændringer, der følger af lov nr. 1599 af 22. december 2010."): which consolidation it
// continues, and which amending acts (or parts of them) it incorporates.
import { danishDateToIso } from './amending-act.js';

const MONTHS = 'januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december';
const DATE = `\\d{1,2}\\.\\s*(?:${MONTHS})\\s+\\d{4}`;
const CONTINUES = new RegExp(`jf\\.\\s*(lov-?be-?kendt-?gø-?rel-?se|lov)\\s+nr\\.\\s*(\\d+)\\s+af\\s+(${DATE})`, 'i');
/** "§ 1, nr. 1-12 og 38, i lov nr. 1522 af 27. december 2014", "§ 33 i lov nr. 994 af …", "lov nr. 251 af …". */
const INCORPORATES = new RegExp(`(?:(§\\s*\\d+\\s*[a-zæøå]?(?:,\\s*nr\\.\\s*[\\d\\s,og-]+?)?),?\\s+i\\s+)?lov\\s+nr\\.\\s*(\\d+)\\s+af\\s+(${DATE})`, 'gi');

const shortDate = (danish: string) => {
  const iso = danishDateToIso(danish.replace(/\s+/g, ' '));
  return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : null;
};

export interface ConsolidationStatement {
  /** The consolidation it continues: `LBK nr 920 af 22/08/2011` (or `LOV nr …` for a first consolidation). */
  continues: string | null;
  /** The amending acts it incorporates, in short-name form, with the part named (`§ 10`, `§ 1, nr. 1-12 og 38`) or null for all of it. */
  incorporates: { act: string; part: string | null }[];
}

export function readConsolidationStatement(statement: string | null | undefined): ConsolidationStatement | null {
  if (!statement || !/herved bekendtgøres/i.test(statement)) return null;
  const text = statement.replace(/\s+/g, ' ');
  const c = CONTINUES.exec(text);
  const continues = c && shortDate(c[3]!) ? `${/^lov$/i.test(c[1]!) ? 'LOV' : 'LBK'} nr ${c[2]} af ${shortDate(c[3]!)}` : null;
  // Only what follows "med de ændringer, der følger af", up to the end of that sentence: later sentences name what is not incorporated.
  const start = text.search(/med de ændringer,? der følger af/i);
  const incorporates: ConsolidationStatement['incorporates'] = [];
  if (start >= 0) {
    const rest = text.slice(start);
    const end = rest.search(/\.\s+(?=[A-ZÆØÅ])/);
    const sentence = end >= 0 ? rest.slice(0, end) : rest;
    for (const m of sentence.matchAll(INCORPORATES)) {
      const date = shortDate(m[3]!);
      if (date) incorporates.push({ act: `LOV nr ${m[2]} af ${date}`, part: m[1] ? m[1].replace(/\s+/g, ' ').replace(/,\s*$/, '').trim() : null });
    }
  }
  return { continues, incorporates };
}
