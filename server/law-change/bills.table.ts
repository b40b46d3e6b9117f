// Row types of bills (lovforslag) and the comments on the requirements they would affect.
import type { Generated, Selectable } from 'kysely';

export const BILL_STATUSES = ['fremsat', '1. behandling', 'vedtaget', 'bortfaldet'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

export interface BillTable {
  id: Generated<number>;
  /** As Folketinget numbers it: `L 42`. */
  number: string;
  /** The parliamentary session: `2010-11`. */
  session: string;
  title: string;
  status: BillStatus;
  /** The bill's LexDania text, as registered. */
  content: string;
  filename: string | null;
  /** The amending act it became (`LOV nr 1599 af 22/12/2010`), once adopted. */
  adopted_act: string | null;
  adopted_at: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: string;
  updated_at: string;
}
export type BillRow = Selectable<BillTable>;

export interface BillCommentTable {
  id: Generated<number>;
  bill_id: number;
  requirement_id: number;
  text: string;
  created_by: string;
  created_at: string;
}
