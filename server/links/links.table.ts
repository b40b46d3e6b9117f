import type { Generated, Selectable } from 'kysely';

export type LinkStatus = 'current' | 'suspect' | 'broken';

export interface TraceLinkTable {
  id: Generated<number>;
  requirement_id: number;
  source_id: number;
  provision_key: string;
  rationale: Generated<string>;
  status: Generated<LinkStatus>;
  status_note: string | null;
  confirmed_version_id: number;
  confirmed_fingerprint: string;
  /** The key the link had when confirmed (differs from provision_key after a renumbering). */
  confirmed_key: string | null;
  flagged_version_id: number | null;
  created_by: string;
  created_at: string;
  confirmed_by: string;
  confirmed_at: string;
}
export type TraceLinkRow = Selectable<TraceLinkTable>;
