import type { Generated, Selectable } from 'kysely';

export interface ChangeRequestTable {
  id: Generated<number>;
  solution_id: number;
  human_id: string;
  class: string;
  title: string;
  description: Generated<string>;
  proposer: string;
  status: string;
  estimate_hours: number | null;
  estimate_dkk: number | null;
  deadline: string | null;
  priority: number | null;
  source_version_id: number | null;
  /** Set while the request is deferred by a faggruppe meeting ("Udskydes"); its status is kept meanwhile. */
  deferred_at: string | null;
  /** Which meeting deferred it and why, as the request page says it. */
  deferred_note: string | null;
  /** Moves on with every change to the row; an edit names the one it started from. */
  version: Generated<number>;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ChangeRequestRequirementTable {
  change_request_id: number;
  requirement_id: number;
}

export interface ChangeRequestProvisionTable {
  change_request_id: number;
  source_id: number;
  provision_key: string;
  version_id: number | null;
}
export type ChangeRequestRow = Selectable<ChangeRequestTable>;

export interface ChangeRequestEventTable {
  id: Generated<number>;
  change_request_id: number;
  kind: string;
  action: string | null;
  from_status: string | null;
  to_status: string | null;
  text: Generated<string>;
  actor: string;
  at: string;
}

export interface ChangeRequestAttachmentTable {
  id: Generated<number>;
  change_request_id: number;
  title: string;
  url: string;
  added_by: string;
  added_at: string;
}

export interface ChangeRequestRequirementVersionTable {
  change_request_id: number;
  requirement_id: number;
  version: number;
}

export interface OrienteringTable {
  id: Generated<number>;
  solution_id: number;
  change_request_id: number;
  text: string;
  created_by: string;
  created_at: string;
}
