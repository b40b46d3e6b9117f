// Row types of baselines: the baseline itself and its frozen copies of requirements and trace links.
import type { Generated, Selectable } from 'kysely';

export interface BaselineTable {
  id: Generated<number>;
  solution_id: number;
  name: string;
  description: Generated<string>;
  requirement_count: Generated<number>;
  link_count: Generated<number>;
  created_by: string;
  created_at: string;
}

export interface BaselineRequirementTable {
  baseline_id: number;
  requirement_id: number;
  human_id: string;
  version: number;
  title: string;
  text: string;
  kind: string;
  status: string;
  tender_category: string | null;
  non_legal: number;
  updated_at: string;
}

export interface BaselineLinkTable {
  baseline_id: number;
  requirement_human_id: string;
  source_id: number;
  provision_key: string;
  provision_label: string;
  rationale: string;
  status: string;
  confirmed_version_id: number;
  confirmed_short_name: string;
  latest_version_id: number;
  latest_short_name: string;
}

/**
 * The baseline tables, for `db.withTables<BaselineDatabase>()`: they live beside the shared `Database`
 * interface rather than in it, so this area can be added without touching the shared type.
 */
export type BaselineDatabase = {
  baselines: BaselineTable;
  baseline_requirements: BaselineRequirementTable;
  baseline_links: BaselineLinkTable;
};

export type BaselineRow = Selectable<BaselineTable>;
export type BaselineRequirementRow = Selectable<BaselineRequirementTable>;
export type BaselineLinkRow = Selectable<BaselineLinkTable>;
