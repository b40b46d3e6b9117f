// Where a version stands today in its act's timeline — the one rule every list of versions shows.
export const VERSION_STANDINGS = {
  gaeldende: 'Gældende',
  historisk: 'Historisk',
  fremtidig: 'Fremtidig',
  projiceret: 'Projiceret',
  trukket_tilbage: 'Trukket tilbage',
} as const;
export type VersionStanding = keyof typeof VERSION_STANDINGS;

export interface StandingInput {
  id: number;
  inForceFrom: string;
  kind: 'konsolideret' | 'projiceret';
  withdrawn: unknown;
  supersededByVersionId: number | null;
}

/**
 * Each version's standing on `today` (YYYY-MM-DD): withdrawn ones are "Trukket tilbage"; a projection not yet
 * replaced by its consolidation is "Projiceret" (when it is the text in force, the version it amends is Historisk);
 * of the versions that count (versionInForce in the repository), the latest in force by today is "Gældende", later
 * ones "Fremtidig", earlier ones — and superseded projections — "Historisk". At most one version is Gældende.
 */
export function versionStandings(versions: readonly StandingInput[], today: string): Map<number, VersionStanding> {
  const out = new Map<number, VersionStanding>();
  const counting = versions.filter((v) => !v.withdrawn && v.supersededByVersionId === null);
  const inForce = counting
    .filter((v) => v.inForceFrom <= today)
    .sort((a, b) => (a.inForceFrom === b.inForceFrom ? a.id - b.id : a.inForceFrom < b.inForceFrom ? -1 : 1))
    .at(-1);
  for (const v of versions) {
    if (v.withdrawn) out.set(v.id, 'trukket_tilbage');
    else if (v.supersededByVersionId !== null) out.set(v.id, 'historisk');
    else if (v.kind === 'projiceret') out.set(v.id, 'projiceret');
    else if (v.id === inForce?.id) out.set(v.id, 'gaeldende');
    else out.set(v.id, v.inForceFrom > today ? 'fremtidig' : 'historisk');
  }
  return out;
}
