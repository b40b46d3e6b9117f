import type { Generated, Selectable } from 'kysely';

export interface RequirementTable {
  id: Generated<number>;
  solution_id: number;
  human_id: string;
  title: string;
  text: string;
  kind: string;
  status: string;
  tender_category: string | null;
  non_legal: Generated<number>;
  version: number;
  created_at: string;
  updated_at: string;
  last_reviewed_at: string | null;
}

export interface RequirementVersionTable {
  id: Generated<number>;
  requirement_id: number;
  version: number;
  title: string;
  text: string;
  kind: string;
  status: string;
  tender_category: string | null;
  author: string;
  reason: string;
  created_at: string;
}

export type RequirementRow = Selectable<RequirementTable>;
export type RequirementVersionRow = Selectable<RequirementVersionTable>;
