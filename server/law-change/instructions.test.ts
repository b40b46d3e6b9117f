import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInstruction, parseInstructionLines } from './instructions.js';

const DIR = new URL('../../../shared/data/lexdania/amendment-instructions/', import.meta.url);

function parsed(text: string) {
  const result = parseInstruction(text);
  if (!result.ok) throw new Error(`${text}: ${result.reason}`);
  return result.instruction;
}

describe('the real instruction lines of 2016 and 2017', () => {
  it.each(['2016-cst-aendringsdefinitioner.txt', '2017-cst-aendringsdefinitioner.txt'])('parses at least 98 per cent of %s, and names a reason for every other line', (file) => {
    const report = parseInstructionLines(fs.readFileSync(new URL(file, DIR), 'utf8'));
    expect(report.lines).toBeGreaterThan(400);
    expect(report.parsed / report.lines).toBeGreaterThanOrEqual(0.98);
    expect(report.parsed + report.unparsed.length).toBe(report.lines);
    for (const u of report.unparsed) expect(u.reason).toMatch(/\S{3}/);
  });

  it('gives the line number, the text and a Danish reason for a line it cannot read', () => {
    const report = parseInstructionLines('\ufeff2016-1; § 13 ophæves.\n2016-2; (Ophævet)\n');
    expect(report).toEqual({ lines: 2, parsed: 1, unparsed: [{ line: 2, text: '(Ophævet)', reason: expect.stringMatching(/forstår ikke/i) }] });
  });
});

describe('parseInstruction', () => {
  it('reads a heading inserted before a §, a § rewritten with its heading, and a stray comma before "til"', () => {
    expect(parsed('Før § 50 indsættes som overskrift:').actions).toEqual([expect.objectContaining({ kind: 'indsaettes', position: 'before', anchorLabel: '§ 50', as: 'overskrift' })]);
    const rewritten = parsed('§ 65 med tilhørende overskrift affattes således:');
    expect(rewritten.targets).toEqual([{ label: '§ 65', sentences: null }]);
    expect(rewritten.actions).toEqual([expect.objectContaining({ kind: 'affattes' })]);
    expect(parsed('I § 70, stk. 3, der bliver stk. 4, ændres »§ 140, stk. 8«, til: »§ 54, stk. 1«.').actions).toContainEqual({ kind: 'erstattes', replacements: [{ from: '§ 140, stk. 8', to: '§ 54, stk. 1' }] });
  });

  it('reads "Overskriften før § 49 og § 49 ophæves" as the heading and the § itself', () => {
    expect(parsed('Overskriften før § 49 og § 49 ophæves.').targets).toEqual([
      { label: '§ 49', sentences: null, element: 'overskrift' },
      { label: '§ 49', sentences: null },
    ]);
  });

  it('reads "Efter § 40 indsættes før afsnit IV" and "før overskriften »Voksne«" as an insertion after the §, the part or heading named only to place it', () => {
    expect(parsed('Efter § 123 c indsættes før overskriften »Voksne«:').actions).toEqual([expect.objectContaining({ kind: 'indsaettes', position: 'after', anchorLabel: '§ 123 c', anchorWords: null, words: null, as: null })]);
    expect(parsed('Efter § 40 indsættes før afsnit IV:').actions).toEqual([expect.objectContaining({ kind: 'indsaettes', position: 'after', anchorLabel: '§ 40', anchorWords: null, as: null })]);
  });

  it('reads a list of targets down to the sentence, each part resetting the finer ones', () => {
    const i = parsed('I § 2 a, stk. 5, § 9 f, stk. 4, 2. pkt., § 42, stk. 1, 1. pkt., og stk. 3, og § 47 a, stk. 1, ændres »Justitsministeren« til: »Udlændinge-, integrations- og boligministeren«.');
    expect(i.targets).toEqual([
      { label: '§ 2 a, stk. 5', sentences: null },
      { label: '§ 9 f, stk. 4', sentences: [2] },
      { label: '§ 42, stk. 1', sentences: [1] },
      { label: '§ 42, stk. 3', sentences: null },
      { label: '§ 47 a, stk. 1', sentences: null },
    ]);
    expect(i.actions).toEqual([{ kind: 'erstattes', replacements: [{ from: 'Justitsministeren', to: 'Udlændinge-, integrations- og boligministeren' }] }]);
  });

  it('reads nr. lists and sentence lists (LOV 1599/2010 § 1, nr. 1)', () => {
    const i = parsed('I § 6, stk. 1, § 24, stk. 2, nr. 1 og 2, § 30, stk. 1, 1. og 2. pkt., § 56, stk. 1, 1. pkt., og § 61 ændres »21 kalenderdage« til: »30 kalenderdage«.');
    expect(i.targets.map((t) => [t.label, t.sentences])).toEqual([
      ['§ 6, stk. 1', null],
      ['§ 24, stk. 2, nr. 1', null],
      ['§ 24, stk. 2, nr. 2', null],
      ['§ 30, stk. 1', [1, 2]],
      ['§ 56, stk. 1', [1]],
      ['§ 61', null],
    ]);
  });

  it('reads affattes down to the litra', () => {
    expect(parsed('§ 9, stk. 1, nr. 1, litra d, affattes således:')).toEqual({
      targets: [{ label: '§ 9, stk. 1, nr. 1, litra d', sentences: null }],
      everywhere: false,
      actions: [{ kind: 'affattes' }],
    });
  });

  it('reads a repeal of a stk. range and the renumbering that follows it', () => {
    const i = parsed('§ 2, stk. 1 og 2, ophæves. Stk. 3 og 4 bliver herefter stk. 1 og 2.');
    expect(i.targets.map((t) => t.label)).toEqual(['§ 2, stk. 1', '§ 2, stk. 2']);
    expect(i.actions).toEqual([{ kind: 'ophaeves' }, { kind: 'renummereres', from: '§ 2, stk. 3 og § 2, stk. 4', to: '§ 2, stk. 1 og § 2, stk. 2' }]);
    expect(parsed('§ 16, stk. 7-9, ophæves.').targets.map((t) => t.label)).toEqual(['§ 16, stk. 7', '§ 16, stk. 8', '§ 16, stk. 9']);
  });

  it('reads insertions of provisions, sentences and words', () => {
    expect(parsed('I § 33 c indsættes efter stk. 4 som nyt stykke:').actions).toEqual([
      { kind: 'indsaettes', position: 'after', anchorLabel: '§ 33 c, stk. 4', anchorWords: null, words: null, as: 'nyt stykke' },
    ]);
    expect(parsed('Efter § 16 indsættes:').actions[0]).toMatchObject({ kind: 'indsaettes', position: 'after', anchorLabel: '§ 16' });
    expect(parsed('I § 6 indsættes som stk. 2:').actions[0]).toMatchObject({ kind: 'indsaettes', position: 'as', as: 'stk. 2' });
    expect(parsed('I § 183, stk. 3, indsættes efter 1. pkt.:').actions[0]).toMatchObject({ position: 'after', anchorLabel: '§ 183, stk. 3', anchorSentence: 1 });
    const words = parsed('I § 34, stk. 1, indsættes efter »tilskud«: »og tab på garantier«.');
    expect(words.targets).toEqual([{ label: '§ 34, stk. 1', sentences: null }]);
    expect(words.actions[0]).toMatchObject({ kind: 'indsaettes', position: 'after', anchorWords: 'tilskud', words: 'og tab på garantier' });
  });

  it('reads udgår as a replacement by nothing, and overalt i loven', () => {
    expect(parsed('I § 9 h, stk. 13, 1. pkt., udgår »1,« og »og stk. 8, 4. pkt.«').actions).toEqual([
      { kind: 'erstattes', replacements: [{ from: '1,', to: '' }, { from: 'og stk. 8, 4. pkt.', to: '' }] },
    ]);
    const everywhere = parsed('Overalt i loven ændres »Natur- og Miljøklagenævnet« til: »Miljø- og Fødevareklagenævnet«, og »Natur- og Miljøklagenævnets« til: »Miljø- og Fødevareklagenævnets«.');
    expect(everywhere.everywhere).toBe(true);
    expect(everywhere.actions.map((a) => a.kind === 'erstattes' && a.replacements[0]!.to)).toEqual(['Miljø- og Fødevareklagenævnet', 'Miljø- og Fødevareklagenævnets']);
  });

  it('gives a later clause of one instruction its own, relative target', () => {
    const i = parsed('I § 42 b, stk. 10, 1. pkt., ændres »23,75« til: »28,78«, og i 2. pkt. ændres »6,79« til: »8,23«.');
    expect(i.actions[1]).toMatchObject({ replacements: [{ from: '6,79', to: '8,23' }], targets: [{ label: '§ 42 b, stk. 10', sentences: [2] }] });
    const mixed = parsed('I § 373 ophæves stk. 9, og efter stk. 10, der bliver stk. 9, indsættes som stk. 10-12:');
    expect(mixed.actions[0]).toEqual({ kind: 'ophaeves', targets: [{ label: '§ 373, stk. 9', sentences: null }] });
    expect(mixed.actions[1]).toMatchObject({ kind: 'indsaettes', position: 'after', anchorLabel: '§ 373, stk. 10', as: 'stk. 10-12' });
  });

  it('notes "der bliver" as a renumbering beside the main action', () => {
    expect(parsed('I § 4, stk. 5, der bliver stk. 6, ændres »A/S« til: »B/S«.').actions).toEqual([
      { kind: 'renummereres', from: '§ 4, stk. 5', to: '§ 4, stk. 6' },
      { kind: 'erstattes', replacements: [{ from: 'A/S', to: 'B/S' }] },
    ]);
  });

  it('says why when it cannot read an instruction', () => {
    expect(parseInstruction('I § 9 a, stk. , indsættes som nr. 4:')).toEqual({ ok: false, reason: expect.stringContaining('stk.') });
    expect(parseInstruction('')).toEqual({ ok: false, reason: 'Instruktionen er tom.' });
  });
});
