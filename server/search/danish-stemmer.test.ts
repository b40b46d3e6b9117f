import { describe, expect, it } from 'vitest';
import { searchTokens, searchWords, stemDanish } from './danish-stemmer.js';

describe('stemDanish', () => {
  it('gives the employer period one stem in every form, so each finds what the others find', () => {
    const forms = ['arbejdsgiverperiode', 'arbejdsgiverperioden', 'arbejdsgiverperioder', 'arbejdsgiverperioderne', 'arbejdsgiverperiodens'];
    expect(new Set(forms.map(stemDanish))).toEqual(new Set(['arbejdsgiverperiod']));
  });

  it('stems the definite, plural and genitive forms of common words in law and requirements alike', () => {
    for (const [stem, forms] of [
      ['bestem', ['bestemmelse', 'bestemmelsen', 'bestemmelser', 'bestemmelserne', 'bestemmelsens']],
      ['kommun', ['kommune', 'kommunen', 'kommuner', 'kommunerne', 'kommunens']],
      ['sygedagpeng', ['sygedagpenge', 'sygedagpengene', 'sygedagpengenes']],
      ['afgør', ['afgørelse', 'afgørelsen', 'afgørelser']],
      ['ændringsforslag', ['ændringsforslag', 'ændringsforslaget', 'ændringsforslagets']],
    ] as const) {
      for (const form of forms) expect(stemDanish(form), form).toBe(stem);
    }
  });

  it('follows the Snowball steps: consonant pairs, -igst, -lig, -løst and double consonants', () => {
    expect(stemDanish('hurtigst')).toBe('hurt');
    expect(stemDanish('venlig')).toBe('ven');
    expect(stemDanish('formåls')).toBe('formål');
    expect(stemDanish('kraftløst')).toBe('kraftløs');
    expect(stemDanish('undersøgelse')).toBe('undersøg');
    expect(stemDanish('dagpengeret')).toBe('dagpeng');
  });

  it('leaves short words and words without a region to stem alone', () => {
    for (const w of ['lov', 'stk', 'nr', '24', 'a']) expect(stemDanish(w)).toBe(w);
  });

  it('drops a genitive s only where Danish allows it', () => {
    expect(stemDanish('husets')).toBe('hus');
    expect(['ydelse', 'ydelsen', 'ydelser', 'ydelses'].map(stemDanish)).toEqual(['ydels', 'ydels', 'ydels', 'ydels']);
  });
});

describe('searchTokens', () => {
  it('lower-cases, drops punctuation and stems each word, Danish letters included', () => {
    expect(searchTokens('§ 24, stk. 2: Arbejdsgiverperioden FORLÆNGES')).toEqual(['24', 'stk', '2', 'arbejdsgiverperiod', 'forlæng']);
    expect(searchWords('Kommunen', null, 'sygedagpengene')).toBe('kommun sygedagpeng');
  });
});
