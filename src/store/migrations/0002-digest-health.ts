import { sql } from "kysely";
import { dialectOf, isFlag, type Migration } from "./migration";

/**
 * A digest's health, one row per subscription: its last run (so `/healthz` reads one row a
 * digest, not its history), when it last succeeded (kept even after the run history is pruned),
 * whether it is failing and since when, and what its channel and the operators' ALERT_CHANNEL
 * were told about it (so a failing digest speaks once, and once again when it recovers, however
 * many replicas run it). Each run also keeps the kind of its failure, in plain terms.
 */
export const digestHealth: Migration = {
  version: 2,
  name: "digest-health",
  async up(db, kind) {
    const d = dialectOf(kind);

    await db.schema.alterTable("digest_runs").addColumn("failure", "text").execute();

    // What each audience was told: 0 nothing (or that it works again), 1 that it is failing,
    // 2 a failure notice was tried and refused (it never heard: no recovery notice either).
    const told = (column: string) => sql`${sql.ref(column)} in (0, 1, 2)`;

    await d
      .table(db.schema.createTable("digest_health"))
      .addColumn("subscription_id", "integer", (c) =>
        c.primaryKey().references("subscriptions.id").onDelete("cascade"),
      )
      .addColumn("last_run_id", "integer")
      .addColumn("last_slot_at", d.int64, (c) => c.notNull())
      .addColumn("last_outcome", "text", (c) => c.notNull())
      .addColumn("last_finished_at", d.int64, (c) => c.notNull())
      .addColumn("last_waiting_count", "integer")
      .addColumn("last_message_ts", "text")
      .addColumn("last_failure", "text")
      .addColumn("last_success_at", d.int64)
      .addColumn("failing", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("streak_since", d.int64)
      .addColumn("streak_runs", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("streak_failure", "text")
      .addColumn("told_channel", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("told_alerts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("notice_owner", "text")
      .addColumn("notice_lease_until", d.int64)
      .addColumn("notice_attempt", "integer", (c) => c.notNull().defaultTo(0))
      .addCheckConstraint(
        "digest_health_outcome",
        sql`last_outcome in ('posted', 'empty', 'failed', 'skipped')`,
      )
      .addCheckConstraint(
        "digest_health_flags",
        sql`${isFlag("failing")} and ${told("told_channel")} and ${told("told_alerts")}`,
      )
      .execute();
  },
};
