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
  /** What kind of failure, in plain terms (`panel-auth`, `slack-not-in-channel:…`); schema 2. */
  failure: string | null;
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

/** One row per subscription that has run: its last run, and what its audiences were told. */
export interface DigestHealthTable {
  subscription_id: number;
  last_run_id: number | null;
  last_slot_at: number;
  last_outcome: string;
  last_finished_at: number;
  last_waiting_count: number | null;
  last_message_ts: string | null;
  last_failure: string | null;
  last_success_at: number | null;
  failing: Generated<number>;
  /** The current failing streak (or, once it recovered, the last one). */
  streak_since: number | null;
  streak_runs: Generated<number>;
  streak_failure: string | null;
  /** 0: nothing told (or told it works again); 1: told it is failing; 2: tried, refused. */
  told_channel: Generated<number>;
  told_alerts: Generated<number>;
  /** Who is posting a notice now, until when; `attempt` fences off an owner taken over. */
  notice_owner: string | null;
  notice_lease_until: number | null;
  notice_attempt: Generated<number>;
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
  digest_health: DigestHealthTable;
  preferences: PreferencesTable;
  saved_views: SavedViewsTable;
  change_counters: ChangeCountersTable;
  schema_migrations: SchemaMigrationsTable;
}
