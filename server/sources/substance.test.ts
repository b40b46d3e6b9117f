import { describe, expect, it } from 'vitest';
import { fingerprint, subtreeText, substantiveForm } from './substance.js';

describe('substantiveForm', () => {
  it('ignores soft hyphens, non-breaking and repeated spaces', () => {
    expect(substantiveForm('§\u00a012. Arbejds\u00adgiveren  skal\n betale')).toBe(substantiveForm('§ 12. Arbejdsgiveren skal betale'));
  });

  it('joins a word broken at a line end', () => {
    expect(substantiveForm('arbejds- giveren')).toBe('arbejdsgiveren');
    expect(substantiveForm('arbejds-\ngiveren')).toBe('arbejdsgiveren');
    expect(substantiveForm('arbejds-\u00a0giveren')).toBe('arbejdsgiveren');
  });

  it('keeps the hyphen of a coordinate compound', () => {
    expect(substantiveForm('sygedagpenge- og barselsdagpengemodtagere')).toBe('sygedagpenge- og barselsdagpengemodtagere');
    expect(substantiveForm('social- eller sundhedsfaglig')).toBe('social- eller sundhedsfaglig');
    expect(substantiveForm('ledigheds- samt sygedagpenge')).toBe('ledigheds- samt sygedagpenge');
    expect(substantiveForm('sygedagpenge- og\nbarselsdagpenge')).not.toContain('sygedagpengeog');
  });

  it('keeps real hyphens and slashes', () => {
    expect(substantiveForm('en EU-borger')).toBe('en EU-borger');
    expect(substantiveForm('EU- borger')).toBe('EU-borger');
    expect(substantiveForm('og/eller')).toBe('og/eller');
    expect(substantiveForm('18-årige')).toBe('18-årige');
  });

  it('treats a stray space after a compound hyphen like the unbroken word', () => {
    expect(substantiveForm('børn og unge- udvalget')).toBe(substantiveForm('børn og unge-udvalget'));
  });

  it('treats quote styles and dash variants alike', () => {
    expect(substantiveForm('ændres »21 kalenderdage« til')).toBe(substantiveForm('ændres “21 kalenderdage” til'));
    expect(substantiveForm('ændres »21 kalenderdage« til')).toBe(substantiveForm('ændres "21 kalenderdage" til'));
    expect(substantiveForm('§§ 20–31')).toBe(substantiveForm('§§ 20-31'));
    expect(substantiveForm('a — b')).toBe(substantiveForm('a - b'));
  });

  it('reads a list the same whether its items are separate or run into the sentence', () => {
    const separate = ['Sygedagpenge ydes til:', 'Lønmodtagere.', 'Selvstændige erhvervsdrivende.'].join(' ');
    const inline = 'Sygedagpenge ydes til: 1) Lønmodtagere. 2) Selvstændige erhvervsdrivende.';
    expect(substantiveForm(inline)).toBe(substantiveForm(separate));
    expect(substantiveForm('a) første, b) anden og 12 a) tredje')).toBe('første, anden og tredje');
  });

  it('keeps numbers that close a parenthesis', () => {
    expect(substantiveForm('(jf. § 3, nr. 1 og 2)')).toBe('(jf. § 3, nr. 1 og 2)');
    expect(substantiveForm('(jf. § 3, nr. 1 og 2)')).not.toBe(substantiveForm('(jf. § 3, nr. 1 og 3)'));
  });

  it('still tells different words apart', () => {
    expect(substantiveForm('21 kalenderdage')).not.toBe(substantiveForm('30 kalenderdage'));
    expect(substantiveForm('skal')).not.toBe(substantiveForm('kan'));
  });
});

describe('fingerprint', () => {
  it('is the SHA-256 of the substantive form', () => {
    expect(fingerprint('arbejds- giveren')).toBe(fingerprint('arbejdsgiveren'));
    expect(fingerprint('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(fingerprint('a')).not.toBe(fingerprint('b'));
  });
});

describe('subtreeText', () => {
  const provisions = [
    { key: 'p1', text: '', parentKey: null },
    { key: 'p1.s1', text: 'Formålet er', parentKey: 'p1' },
    { key: 'p1.s1.n1', text: 'at yde,', parentKey: 'p1.s1' },
    { key: 'p1.s1.n2', text: 'at hjælpe.', parentKey: 'p1.s1' },
    { key: 'p1.s2', text: 'Stk. to.', parentKey: 'p1' },
    { key: 'p2', text: 'Anden paragraf.', parentKey: null },
  ];

  it('covers the provision and all its descendants in order', () => {
    expect(subtreeText(provisions, 'p1')).toBe('Formålet er at yde, at hjælpe. Stk. to.');
    expect(subtreeText(provisions, 'p1.s1')).toBe('Formålet er at yde, at hjælpe.');
    expect(subtreeText(provisions, 'p2')).toBe('Anden paragraf.');
  });

  it('is undefined for a provision the version does not have', () => {
    expect(subtreeText(provisions, 'p3')).toBeUndefined();
  });
});
