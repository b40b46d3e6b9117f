// Which version is Gældende, Historisk, Fremtidig, Projiceret or Trukket tilbage on a given day.
import { describe, expect, it } from 'vitest';
import { versionStandings, type StandingInput } from './version-standing.js';

const v = (id: number, inForceFrom: string, more: Partial<StandingInput> = {}): StandingInput => ({
  id, inForceFrom, kind: 'konsolideret', withdrawn: null, supersededByVersionId: null, ...more,
});

describe('versionStandings', () => {
  it('calls the latest version in force today Gældende, earlier ones Historisk and later ones Fremtidig', () => {
    const s = versionStandings([v(1, '2011-01-01'), v(2, '2011-08-22'), v(3, '2027-01-01')], '2026-12-03');
    expect([...s.entries()]).toEqual([[1, 'historisk'], [2, 'gaeldende'], [3, 'fremtidig']]);
  });

  it('never calls the newest version Gældende before it takes effect', () => {
    const s = versionStandings([v(1, '2011-01-01'), v(2, '2026-12-04')], '2026-12-03');
    expect(s.get(1)).toBe('gaeldende');
    expect(s.get(2)).toBe('fremtidig');
  });

  it('skips withdrawn versions; a projection in force is Projiceret and the version it amends Historisk', () => {
    const s = versionStandings(
      [v(1, '2011-01-01'), v(2, '2012-01-01', { withdrawn: { at: 'x' } }), v(3, '2012-06-01', { kind: 'projiceret' }), v(4, '2010-01-01', { kind: 'projiceret', supersededByVersionId: 1 })],
      '2026-12-03',
    );
    expect([...s.entries()]).toEqual([[1, 'historisk'], [2, 'trukket_tilbage'], [3, 'projiceret'], [4, 'historisk']]);
  });

  it('has no Gældende version before the first takes effect', () => {
    expect([...versionStandings([v(1, '2030-01-01')], '2026-12-03').values()]).toEqual(['fremtidig']);
  });
});
