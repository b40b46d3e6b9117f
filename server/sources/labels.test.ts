import { describe, it, expect } from 'vitest';
import {
  canonicalLabel,
  parseItemDesignation,
  parseKey,
  parseLabel,
  parseStkDesignation,
  provisionKey,
  provisionKeyFromLabel,
  provisionLabel,
} from './labels.js';

describe('parseLabel', () => {
  it.each([
    ['§ 12', '§ 12', 'p12'],
    ['§ 12 a', '§ 12 a', 'p12a'],
    ['§ 12 a, stk. 2', '§ 12 a, stk. 2', 'p12a.s2'],
    ['§ 12 a, stk. 2, nr. 3, litra b', '§ 12 a, stk. 2, nr. 3, litra b', 'p12a.s2.n3.lb'],
    ['§12a stk 2 nr 3', '§ 12 a, stk. 2, nr. 3', 'p12a.s2.n3'],
    ['§ 12 A , Stk.2 ,nr.3', '§ 12 a, stk. 2, nr. 3', 'p12a.s2.n3'],
    ['§ 6, nr. 2', '§ 6, nr. 2', 'p6.n2'],
    ['§ 16, stk. 1, litra g', '§ 16, stk. 1, litra g', 'p16.s1.lg'],
    ['§ 16 lit. g', '§ 16, litra g', 'p16.lg'],
    ['§ 12, stk. 2, 1. pkt.', '§ 12, stk. 2', 'p12.s2'],
    ['§ 110, stk. 3-4', '§ 110, stk. 3-4', 'p110.s3-4'],
    ['paragraf 7', '§ 7', 'p7'],
  ])('reads %j as %j', (input, label, key) => {
    expect(canonicalLabel(input)).toBe(label);
    expect(provisionKeyFromLabel(input)).toBe(key);
  });

  it.each([
    ['§\u00a08.', '§ 8', 'p8'],
    ['§\u00a050\u00a0a.', '§ 50 a', 'p50a'],
    ['§ 126 g .', '§ 126 g', 'p126g'],
    ['§ 62 d. ', '§ 62 d', 'p62d'],
    ['\u00a0§ 13 c.', '§ 13 c', 'p13c'],
    ['§ \u200c\u200c66', '§ 66', 'p66'],
    ['§ 1\u00ad2', '§ 12', 'p12'],
  ])('reads the printed designation %j', (input, label, key) => {
    expect(canonicalLabel(input)).toBe(label);
    expect(provisionKeyFromLabel(input)).toBe(key);
  });

  it.each([
    ['§§ 20-31.', '§§ 20-31', 'p20-31'],
    ['§§\u00a020-31.', '§§ 20-31', 'p20-31'],
    ['§§ 101-103 b. ', '§§ 101-103 b', 'p101-103b'],
    ['§§ 25 b-25 f.', '§§ 25 b-25 f', 'p25b-25f'],
    ['§§ 25 b-e.', '§§ 25 b-25 e', 'p25b-25e'],
    ['§§ 74 i - 74 j.', '§§ 74 i-74 j', 'p74i-74j'],
    ['§§ 745-745b.', '§§ 745-745 b', 'p745-745b'],
    ['§ 16-§ 24.', '§§ 16-24', 'p16-24'],
    ['§ 62-62 c.', '§§ 62-62 c', 'p62-62c'],
    ['§§ 63 og 64.', '§§ 63 og 64', 'p63+64'],
  ])('reads the range %j', (input, label, key) => {
    expect(canonicalLabel(input)).toBe(label);
    expect(provisionKeyFromLabel(input)).toBe(key);
  });

  it.each(['', '§', '§ ', 'Stk. 2', 'stk. 2, nr. 3', 'nr. 3', 'Kapitel 3', 'hello', '12', '§ 12 finder anvendelse', '§§ 20-31, stk. 2', '§ 12 abc'])(
    'does not read %j as a citation',
    (input) => {
      expect(parseLabel(input)).toBeNull();
      expect(provisionKeyFromLabel(input)).toBeNull();
    },
  );

  it('returns the parts', () => {
    expect(parseLabel('§ 12 a, stk. 2, nr. 3, litra b')).toEqual({
      paragraf: { number: 12, letter: 'a' },
      paragrafTo: null,
      rangeJoin: '-',
      stk: 2,
      stkTo: null,
      nr: { number: 3, letter: null },
      litra: 'b',
    });
  });
});

describe('provisionKey and provisionLabel', () => {
  it('build the label and key from parts written by hand', () => {
    const parts = { paragraf: { number: 12, letter: 'a' }, paragrafTo: null, stk: 2, nr: { number: 3, letter: null }, litra: 'b' };
    expect(provisionLabel(parts)).toBe('§ 12 a, stk. 2, nr. 3, litra b');
    expect(provisionKey(parts)).toBe('p12a.s2.n3.lb');
    const range = { paragraf: { number: 20, letter: null }, paragrafTo: { number: 31, letter: null }, stk: null, nr: null, litra: null };
    expect(provisionLabel(range)).toBe('§§ 20-31');
    expect(provisionKey(range)).toBe('p20-31');
  });

  it.each([
    'p12',
    'p12a',
    'p12a.s2',
    'p12a.s2.n3',
    'p12a.s2.n3.lb',
    'p12.n3a',
    'p16.lg',
    'p20-31',
    'p25b-25e',
    'p63+64',
    'p110.s3-4',
  ])('parses the key %j back to the same key and label', (key) => {
    const parts = parseKey(key);
    expect(parts).not.toBeNull();
    expect(provisionKey(parts!)).toBe(key);
    expect(provisionKeyFromLabel(provisionLabel(parts!))).toBe(key);
  });

  it('rejects keys it did not make', () => {
    expect(parseKey('12')).toBeNull();
    expect(parseKey('p12.x2')).toBeNull();
    expect(parseKey('p12a~2')).toBeNull();
  });
});

describe('designations', () => {
  it('reads stk. designations', () => {
    expect(parseStkDesignation('Stk. 2.')).toEqual({ stk: 2, stkTo: null });
    expect(parseStkDesignation('Stk.\u00a02.')).toEqual({ stk: 2, stkTo: null });
    expect(parseStkDesignation('Stk.  3')).toEqual({ stk: 3, stkTo: null });
    expect(parseStkDesignation(' Stk. 1. ')).toEqual({ stk: 1, stkTo: null });
    expect(parseStkDesignation('Stk. 3-4.')).toEqual({ stk: 3, stkTo: 4 });
    expect(parseStkDesignation('Stk. ')).toBeNull();
    expect(parseStkDesignation('§ 2.')).toBeNull();
  });

  it('reads nr. and litra designations', () => {
    expect(parseItemDesignation('3)')).toEqual({ nr: { number: 3, letter: null } });
    expect(parseItemDesignation('12.')).toEqual({ nr: { number: 12, letter: null } });
    expect(parseItemDesignation('3 a)')).toEqual({ nr: { number: 3, letter: 'a' } });
    expect(parseItemDesignation('b)')).toEqual({ litra: 'b' });
    expect(parseItemDesignation('a) ')).toEqual({ litra: 'a' });
    expect(parseItemDesignation('§ 3.')).toBeNull();
  });
});
