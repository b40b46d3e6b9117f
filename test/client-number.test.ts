// Danish number input: the one parser every number field uses (estimates, priority, budget frame).
import { describe, expect, it } from 'vitest';
import { numberFieldText, parseDanishNumber, readNumberField } from '../client/app/number.js';

const value = (text: string) => {
  const parsed = parseDanishNumber(text);
  return parsed.kind === 'number' ? parsed.value : parsed.kind;
};

describe('parseDanishNumber', () => {
  it('reads a point as the thousands separator and a comma as the decimal sign', () => {
    expect(value('1.200')).toBe(1200);
    expect(value('1.150.000')).toBe(1_150_000);
    expect(value('1.200,5')).toBe(1200.5);
    expect(value('12,5')).toBe(12.5);
    expect(value('0,25')).toBe(0.25);
    expect(value('1200')).toBe(1200);
    expect(value('1200,75')).toBe(1200.75);
    expect(value('1,200')).toBe(1.2);
  });

  it('takes spaces, also non-breaking ones, between groups of thousands and around the number', () => {
    expect(value('1 200')).toBe(1200);
    expect(value('1\u00a0150\u00a0000')).toBe(1_150_000);
    expect(value('1\u202f200,5')).toBe(1200.5);
    expect(value('  40 ')).toBe(40);
  });

  it('reads negatives, with a hyphen or a minus sign', () => {
    expect(value('-5')).toBe(-5);
    expect(value('−1.200')).toBe(-1200);
    expect(value('- 12,5')).toBe(-12.5);
  });

  it('asks about a point that cannot separate thousands instead of guessing', () => {
    expect(parseDanishNumber('1.20')).toEqual({ kind: 'ambiguous', readings: ['1,20', '120'] });
    expect(parseDanishNumber('12.5')).toEqual({ kind: 'ambiguous', readings: ['12,5', '125'] });
    expect(parseDanishNumber('1.2345')).toEqual({ kind: 'ambiguous', readings: ['1,2345', '12.345'] });
  });

  it('refuses what is not a number, and thousands in groups other than three', () => {
    for (const text of ['abc', '12 timer', '1,200.50', '1,2,3', '1.20.000', '1 2', '1e3', '0x10', 'Infinity', '-', ',', '.', '0.5', '1.2.3', '12,']) {
      expect(parseDanishNumber(text), text).toEqual({ kind: 'invalid' });
    }
  });

  it('calls an empty field empty', () => {
    expect(parseDanishNumber('')).toEqual({ kind: 'empty' });
    expect(parseDanishNumber('  \u00a0 ')).toEqual({ kind: 'empty' });
  });
});

describe('readNumberField', () => {
  it('gives the number, or null for an empty field', () => {
    expect(readNumberField('1.150.000', { min: 0 })).toEqual({ value: 1_150_000 });
    expect(readNumberField('', { min: 0 })).toEqual({ value: null });
  });

  it('says in Danish what to write', () => {
    expect(readNumberField('1.20', { min: 0 }).message).toBe('Mente du 1,20 eller 120? Skriv decimaler med komma og tusinder med punktum');
    expect(readNumberField('-5', { min: 0 }).message).toBe('Skriv et positivt tal');
    expect(readNumberField('tolv', { min: 0 }).message).toBe('Skriv et tal, fx 1.200 eller 12,5');
    expect(readNumberField('2,5', { integer: true, min: 1 }).message).toBe('Skriv et helt tal uden decimaler');
    expect(readNumberField('0', { integer: true, min: 1 }).message).toBe('Skriv et tal på mindst 1');
  });
});

describe('numberFieldText', () => {
  it('writes a number so that the parser reads it back the same', () => {
    for (const n of [0, 12.5, 1200, 1200.5, 1_150_000, 0.125]) {
      expect(value(numberFieldText(n))).toBe(n);
    }
    expect(numberFieldText(1_150_000)).toBe('1.150.000');
    expect(numberFieldText(null)).toBe('');
  });
});
