import type { Generated } from "kysely";

/**
 * The tables as Kysely sees them, identical on SQLite and PostgreSQL. Times are epoch milliseconds
 * and flags are 0/1 integers on both engines, so one query layer reads and writes both alike
 * (SQLite has neither a time nor a boolean type, and its driver cannot bind `true`).
 */

export interface SubscriptionsTable {
  id: Generated<number>;
  workspace_id: string;
  channel_id: string;
  /** JSON object: the ticket filters, as the ticket domain spells them. */
  filters: string;
  schedule_cron: string;
  time_zone: string;
  top: number;
  overdue_hours: number;
  post_when_empty: number;
  language: string;
  paused: number;
  origin: "slack" | "operator";
  /** Set only for operator digests: the stable name the configuration gives them. */
  operator_key: string | null;
  created_by: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
}

export interface DigestRunsTable {
  id: Generated<number>;
  subscription_id: number;
  slot_at: number;
  claimed_by: string;
  claimed_at: number;
  lease_until: number;
  /** 1 for the first claim, +1 for each take-over: the fencing token of a claim. */
  attempt: number;
  outcome: string | null;
  message_ts: string | null;
  posted_at: number | null;
  waiting_count: number | null;
  error_class: string | null;
  error_cause: string | null;
  finished_at: number | null;
}

export interface DigestSnapshotsTable {
  subscription_id: number;
  run_id: number | null;
  taken_at: number;
  filters_key: string;
  complete: number;
  id_count: number;
  /** The waiting ticket ids, encoded by id-set-codec. */
  ids: Uint8Array;
}

export interface PreferencesTable {
  workspace_id: string;
  user_id: string;
  language: string;
  updated_at: number;
}

export interface SavedViewsTable {
  id: Generated<number>;
  workspace_id: string;
  /** A user id, or `workspace` for a view shared with the whole workspace. */
  owner: string;
  name: string;
  /** `name` folded for comparison: what the unique key holds. */
  name_key: string;
  filters: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface ChangeCountersTable {
  name: string;
  version: number;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface StoreTables {
  subscriptions: SubscriptionsTable;
  digest_runs: DigestRunsTable;
  digest_snapshots: DigestSnapshotsTable;
  preferences: PreferencesTable;
  saved_views: SavedViewsTable;
  change_counters: ChangeCountersTable;
  schema_migrations: SchemaMigrationsTable;
}
