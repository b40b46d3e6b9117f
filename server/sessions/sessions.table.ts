// Row types of faggruppe sessions: the meeting, its participants, agenda items and assessments.
import type { Generated, Selectable } from 'kysely';

export interface SessionTable {
  id: Generated<number>;
  solution_id: number;
  title: string;
  meeting_date: string;
  period_end: string;
  budget_amount: number;
  budget_unit: string;
  status: string;
  revision: Generated<number>;
  /** Moves on with every edit of the meeting's own fields (title, dates, budget); an edit names the one it started from. */
  version: Generated<number>;
  revealed_at: string | null;
  revealed_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
  record_json: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface SessionParticipantTable {
  session_id: number;
  user_id: number;
  role: string;
}

export interface SessionItemTable {
  id: Generated<number>;
  session_id: number;
  change_request_id: number;
  position: number;
  below_cut_reason: string | null;
  til_styregruppen: Generated<number>;
  override_position: number | null;
  override_reason: string | null;
  override_seq: number | null;
  recommendation: string | null;
  recommendation_reason: string | null;
  dissent: string | null;
}

export interface SessionAssessmentTable {
  item_id: number;
  user_id: number;
  moscow: string;
  business_value: number;
  time_criticality: number;
  risk_reduction: number;
  comment: Generated<string>;
  submitted_at: string;
  updated_at: string;
}

/**
 * The session tables, for `db.withTables<SessionDatabase>()`: they live beside the shared `Database`
 * interface rather than in it, so this area can be added without touching the shared type.
 */
export type SessionDatabase = {
  sessions: SessionTable;
  session_participants: SessionParticipantTable;
  session_items: SessionItemTable;
  session_assessments: SessionAssessmentTable;
};

export type SessionRow = Selectable<SessionTable>;
export type SessionItemRow = Selectable<SessionItemTable>;
export type SessionAssessmentRow = Selectable<SessionAssessmentTable>;
