import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface SolutionTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: Generated<string>;
  supplier: string | null;
  contract_start: string | null;
  contract_end: string | null;
  retender_date: string | null;
  next_requirement_seq: Generated<number>;
  last_steering_meeting: string | null;
  decision_lead_days: Generated<number>;
  /** Moves on with every edit; an edit names the one it started from. */
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export type SolutionRow = Selectable<SolutionTable>;
export type NewSolutionRow = Insertable<SolutionTable>;
export type SolutionUpdate = Updateable<SolutionTable>;
