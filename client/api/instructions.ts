// An amending act's instructions Sporbar could not apply, and applying them (or correcting a projection) by hand.
import { api, call } from './http.js';

/** The version's instructions that could not be applied, each with what was done by hand since, and every change by hand. */
export const getVersionInstructions = (versionId: number) => call(api.versions[':id'].instructions.$get({ param: { id: String(versionId) } }));

export interface ManualChange {
  /** The number of the instruction applied; left out for a correction of the projected text. */
  instruction?: number;
  /** A citation ("§ 11, stk. 3"); a provision the projection lacks is added. */
  provision: string;
  text?: string;
  repeal: boolean;
  note: string;
  /** The text the form showed, so a change made by someone else meanwhile is not overwritten. */
  expectedText?: string;
}

/** Applies an instruction by hand, or corrects a provision of a projected version, with a note. */
export const applyByHand = (versionId: number, change: ManualChange) =>
  call(api.versions[':id']['manual-changes'].$post({ param: { id: String(versionId) }, json: change }));

export type VersionInstructions = Awaited<ReturnType<typeof getVersionInstructions>>;
export type UnappliedInstruction = VersionInstructions['unapplied'][number];
export type ManualChangeRecord = VersionInstructions['manual'][number];
