import { sql } from "kysely";
import { dialectOf, isFlag, type Migration } from "./migration";

/** Subscriptions, their runs and last snapshot, preferences, saved views. */
export const initial: Migration = {
  version: 1,
  name: "initial",
  async up(db, kind) {
    const d = dialectOf(kind);

    await d
      .table(db.schema.createTable("subscriptions"))
      .addColumn("id", "integer", d.identity)
      .addColumn("workspace_id", "text", (c) => c.notNull())
      .addColumn("channel_id", "text", (c) => c.notNull())
      .addColumn("filters", "text", (c) => c.notNull())
      .addColumn("schedule_cron", "text", (c) => c.notNull())
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("top", "integer", (c) => c.notNull())
      .addColumn("overdue_hours", "integer", (c) => c.notNull())
      .addColumn("post_when_empty", "integer", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("paused", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("origin", "text", (c) => c.notNull())
      .addColumn("operator_key", "text")
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("created_at", d.int64, (c) => c.notNull())
      .addColumn("updated_by", "text", (c) => c.notNull())
      .addColumn("updated_at", d.int64, (c) => c.notNull())
      .addCheckConstraint(
        "subscriptions_flags",
        sql`${isFlag("post_when_empty")} and ${isFlag("paused")}`,
      )
      .addCheckConstraint("subscriptions_origin", sql`origin in ('slack', 'operator')`)
      .addCheckConstraint(
        "subscriptions_operator_key",
        sql`(origin = 'operator') = (operator_key is not null)`,
      )
      // NULL keys are all distinct on both engines: only operator digests are constrained.
      .addUniqueConstraint("subscriptions_operator_key_unique", ["workspace_id", "operator_key"])
      .execute();
    await db.schema
      .createIndex("subscriptions_channel")
      .on("subscriptions")
      .columns(["workspace_id", "channel_id"])
      .execute();

    await d
      .table(db.schema.createTable("digest_runs"))
      .addColumn("id", "integer", d.identity)
      .addColumn("subscription_id", "integer", (c) =>
        c.notNull().references("subscriptions.id").onDelete("cascade"),
      )
      .addColumn("slot_at", d.int64, (c) => c.notNull())
      .addColumn("claimed_by", "text", (c) => c.notNull())
      .addColumn("claimed_at", d.int64, (c) => c.notNull())
      .addColumn("lease_until", d.int64, (c) => c.notNull())
      .addColumn("attempt", "integer", (c) => c.notNull())
      .addColumn("outcome", "text")
      .addColumn("message_ts", "text")
      .addColumn("posted_at", d.int64)
      .addColumn("waiting_count", "integer")
      .addColumn("error_class", "text")
      .addColumn("error_cause", "text")
      .addColumn("finished_at", d.int64)
      .addCheckConstraint(
        "digest_runs_outcome",
        sql`outcome is null or outcome in ('posted', 'empty', 'failed', 'skipped')`,
      )
      // The exactly-once key; its index also serves "the newest runs of a subscription".
      .addUniqueConstraint("digest_runs_slot", ["subscription_id", "slot_at"])
      .execute();

    await d
      .table(db.schema.createTable("digest_snapshots"))
      .addColumn("subscription_id", "integer", (c) =>
        c.primaryKey().references("subscriptions.id").onDelete("cascade"),
      )
      .addColumn("run_id", "integer", (c) => c.references("digest_runs.id").onDelete("set null"))
      .addColumn("taken_at", d.int64, (c) => c.notNull())
      .addColumn("filters_key", "text", (c) => c.notNull())
      .addColumn("complete", "integer", (c) => c.notNull())
      .addColumn("id_count", "integer", (c) => c.notNull())
      .addColumn("ids", d.bytes, (c) => c.notNull())
      .addCheckConstraint("digest_snapshots_flags", isFlag("complete"))
      .execute();

    await d
      .table(db.schema.createTable("preferences"))
      .addColumn("workspace_id", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("updated_at", d.int64, (c) => c.notNull())
      .addPrimaryKeyConstraint("preferences_key", ["workspace_id", "user_id"])
      .execute();

    await d
      .table(db.schema.createTable("saved_views"))
      .addColumn("id", "integer", d.identity)
      .addColumn("workspace_id", "text", (c) => c.notNull())
      .addColumn("owner", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("name_key", "text", (c) => c.notNull())
      .addColumn("filters", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("created_at", d.int64, (c) => c.notNull())
      .addColumn("updated_at", d.int64, (c) => c.notNull())
      .addUniqueConstraint("saved_views_name", ["workspace_id", "owner", "name_key"])
      .execute();

    await d
      .table(db.schema.createTable("change_counters"))
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("version", d.int64, (c) => c.notNull())
      .execute();
    await db.insertInto("change_counters").values({ name: "subscriptions", version: 0 }).execute();
  },
};
