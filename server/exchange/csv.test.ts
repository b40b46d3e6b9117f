// CSV cells a spreadsheet would run as formulas are written as text (CSV injection).
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv.js';

describe('CSV cells', () => {
  it('writes a would-be formula as quoted text with a leading quote mark', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1+1')).toBe(`"'+1+1"`);
    expect(csvCell('-2+3+cmd|\' /C calc\'!A0')).toBe(`"'-2+3+cmd|' /C calc'!A0"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\t=1')).toBe(`"'\t=1"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves plain numbers, ordinary text and a formula character later in the cell alone', () => {
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('-1,5')).toBe('"-1,5"');
    expect(csvCell('-1.5')).toBe('-1.5');
    expect(csvCell('§ 6, stk. 1')).toBe('"§ 6, stk. 1"');
    expect(csvCell('KY-0001')).toBe('KY-0001');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('')).toBe('');
  });

  it('quotes delimiters, quotes and line breaks', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('sagt "nej"')).toBe('"sagt ""nej"""');
    expect(csvCell('linje\nlinje')).toBe('"linje\nlinje"');
  });

  it('writes a document with a BOM, ";" between cells and CRLF after each row', () => {
    expect(csvDocument([['Krav', 'Titel'], ['KY-0001', '=1+1']])).toBe(`\uFEFFKrav;Titel\r\nKY-0001;"'=1+1"\r\n`);
  });
});
