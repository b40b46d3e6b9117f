import type { Generated, Insertable, Selectable } from 'kysely';

export interface LegalSourceTable {
  id: Generated<number>;
  kind: string;
  title: string;
  popular_title: string | null;
  created_at: string;
}

export interface SourceVersionTable {
  id: Generated<number>;
  source_id: number;
  short_name: string;
  title: string;
  document_type: string | null;
  accession_number: string | null;
  eli: string | null;
  date_signed: string | null;
  in_force_from: string;
  status: string | null;
  provision_count: Generated<number>;
  imported_by: string;
  imported_at: string;
  /** Set when the version was withdrawn (registered by mistake): kept in history, no longer in force. */
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
  /** 'konsolideret' (a consolidated or original act as published) or 'projiceret' (an act in force with an amending act applied). */
  kind: Generated<string>;
  /** A projection: the version the amending act was applied to, and the act (`LOV nr 1599 af 22/12/2010`). */
  base_version_id: number | null;
  amending_act: string | null;
  /** A projection replaced by the consolidation that incorporates its amending act. */
  superseded_by_version_id: number | null;
}

/** What a version changed, provision by provision, and where an amending act gave it, the instruction and its date in force. */
export interface ProvisionChangeTable {
  id: Generated<number>;
  version_id: number;
  provision_key: string | null;
  label: string | null;
  /** changed | added | removed | renumbered | unapplied (an instruction Sporbar could not apply). */
  change: string;
  act: string | null;
  number: number | null;
  instruction: string | null;
  /** Why an instruction could not be applied. */
  reason: string | null;
  in_force_from: string | null;
  /** 'automatisk' (the diff or the amending act made it) or 'manuel' (applied or corrected by hand, with a note). */
  method: Generated<string>;
  note: string | null;
  changed_by: string | null;
  changed_at: string | null;
  /** A change made by hand: the provision's own text before and after. */
  old_text: string | null;
  new_text: string | null;
  /** An instruction that could not be applied, since applied by hand: the change that did it. */
  applied_change_id: number | null;
}

/** A trace link's state just before a version moved or flagged it, so that withdrawing the version can restore it. */
export interface VersionLinkStateTable {
  version_id: number;
  link_id: number;
  provision_key: string;
  status: string;
  status_note: string | null;
  flagged_version_id: number | null;
  /** The confirmation before the version carried it forward (the provision unchanged); null where it did not. */
  confirmed_version_id: number | null;
  confirmed_key: string | null;
  confirmed_fingerprint: string | null;
  confirmed_at: string | null;
}

export interface ProvisionTable {
  id: Generated<number>;
  version_id: number;
  key: string;
  label: string;
  kind: string;
  text: string;
  /** Fingerprint of the substantive form of the provision's whole subtree text. */
  fingerprint: string;
  parent_key: string | null;
  position: number;
  chapter: string | null;
  repealed: number;
}

export type LegalSourceRow = Selectable<LegalSourceTable>;
export type SourceVersionRow = Selectable<SourceVersionTable>;
export type ProvisionRow = Selectable<ProvisionTable>;
export type NewProvisionRow = Insertable<ProvisionTable>;
