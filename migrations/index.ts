// The static list of migrations, so they run the same under tsx, vitest and a build.
import type { Migration } from 'kysely';
import * as m0001 from './2026_11_22_0001_foundation.js';
import * as m0002 from './2026_11_22_0002_link_confirmed_key.js';
import * as m0003 from './2026_11_22_0003_auth.js';
import * as m0004 from './2026_11_22_0004_change_request_lifecycle.js';
import * as m0010 from './2026_11_22_0010_baselines.js';
import * as m0020 from './2026_11_22_0020_sessions.js';
import * as m0030 from './2026_11_22_0030_requirements_solution_order.js';
import * as m0040 from './2026_11_22_0040_requirement_search.js';
import * as m0050 from './2026_11_22_0050_open_links_index.js';
import * as m1203_0100 from './2026_12_03_0100_audit_append_only.js';
import * as m0200 from './2026_12_03_0200_edit_versions.js';
import * as m0300 from './2026_12_03_0300_import_previews.js';
import * as m0400 from './2026_12_03_0400_version_withdrawal.js';
import * as m0500 from './2026_12_03_0500_amending_acts.js';
import * as m0600 from './2026_12_03_0600_bills.js';
import * as m0700 from './2026_12_03_0700_carried_link_confirmations.js';
import * as m0900 from './2026_12_03_0900_search.js';
import * as m1000 from './2026_12_03_1000_deferred_change_requests.js';
import * as m1100 from './2026_12_03_1100_manual_application.js';

export const migrations: Record<string, Migration> = {
  '2026_11_22_0001_foundation': m0001,
  '2026_11_22_0002_link_confirmed_key': m0002,
  '2026_11_22_0003_auth': m0003,
  '2026_11_22_0004_change_request_lifecycle': m0004,
  '2026_11_22_0010_baselines': m0010,
  '2026_11_22_0020_sessions': m0020,
  '2026_11_22_0030_requirements_solution_order': m0030,
  '2026_11_22_0040_requirement_search': m0040,
  '2026_11_22_0050_open_links_index': m0050,
  '2026_12_03_0100_audit_append_only': m1203_0100,
  '2026_12_03_0200_edit_versions': m0200,
  '2026_12_03_0300_import_previews': m0300,
  '2026_12_03_0400_version_withdrawal': m0400,
  '2026_12_03_0500_amending_acts': m0500,
  '2026_12_03_0600_bills': m0600,
  '2026_12_03_0700_carried_link_confirmations': m0700,
  '2026_12_03_0900_search': m0900,
  '2026_12_03_1000_deferred_change_requests': m1000,
  '2026_12_03_1100_manual_application': m1100,
};
