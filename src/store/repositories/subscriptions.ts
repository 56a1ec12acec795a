import type { Selectable } from "kysely";
import type { Clock } from "../../clock";
import type { Db, Engine } from "../engine";
import type { SubscriptionRepository } from "../store";
import type { SubscriptionsTable } from "../tables";
import type { OperatorSubscription, Subscription, SubscriptionSettings } from "../types";
import { flag, isSet, oneOf, readFilters, time, writeFilters } from "./values";

type Row = Selectable<SubscriptionsTable>;

const OPERATOR = "operator";

const toSubscription = (row: Row): Subscription => {
  const what = `subscription ${row.id}`;
  return {
    id: Number(row.id),
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    filters: readFilters(row.filters, what),
    schedule: { cron: row.schedule_cron, timeZone: row.time_zone },
    top: Number(row.top),
    overdueHours: Number(row.overdue_hours),
    postWhenEmpty: isSet(row.post_when_empty),
    language: row.language,
    paused: isSet(row.paused),
    origin: oneOf(row.origin, ["slack", "operator"], what),
    operatorKey: row.operator_key ?? undefined,
    createdBy: row.created_by,
    createdAt: time(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: time(row.updated_at),
  };
};

/** The columns of the settings that `changes` names (all of them for a full settings object). */
const settingsColumns = (changes: Partial<SubscriptionSettings>) => ({
  ...(changes.filters !== undefined && { filters: writeFilters(changes.filters) }),
  ...(changes.schedule !== undefined && {
    schedule_cron: changes.schedule.cron,
    time_zone: changes.schedule.timeZone,
  }),
  ...(changes.top !== undefined && { top: changes.top }),
  ...(changes.overdueHours !== undefined && { overdue_hours: changes.overdueHours }),
  ...(changes.postWhenEmpty !== undefined && { post_when_empty: flag(changes.postWhenEmpty) }),
  ...(changes.language !== undefined && { language: changes.language }),
});

const sameSettings = (row: Row, wanted: OperatorSubscription) => {
  const columns = settingsColumns(wanted);
  return (
    row.channel_id === wanted.channelId &&
    isSet(row.paused) === (wanted.paused ?? false) &&
    Object.entries(columns).every(([k, v]) => String(row[k as keyof Row]) === String(v))
  );
};

// Every change moves this counter in the same transaction, so a poller that sees it unchanged
// knows nothing changed, deletions included.
const bumpVersion = (tx: Db) =>
  tx
    .updateTable("change_counters")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("name", "=", "subscriptions")
    .execute();

const countWhere = async (db: Db, workspaceId: string, channelId?: string) => {
  let query = db
    .selectFrom("subscriptions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId);
  if (channelId !== undefined) query = query.where("channel_id", "=", channelId);
  return Number((await query.executeTakeFirstOrThrow()).n);
};

export const subscriptionRepository = (engine: Engine, clock: Clock): SubscriptionRepository => {
  const { db } = engine;
  const now = () => clock.now().getTime();

  const change = (id: number, by: string, columns: Partial<Row>) =>
    engine.write(async (tx) => {
      const row = await tx
        .updateTable("subscriptions")
        .set({ ...columns, updated_by: by, updated_at: now() })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      await bumpVersion(tx);
      return toSubscription(row);
    });

  return {
    create: (input, limits) =>
      // The per-workspace lock makes the limit exact when two people subscribe at once.
      engine.write(async (tx) => {
        const inChannel = await countWhere(tx, input.workspaceId, input.channelId);
        if (inChannel >= limits.perChannel) {
          return { created: false, limit: "channel", count: inChannel } as const;
        }
        const inWorkspace = await countWhere(tx, input.workspaceId);
        if (inWorkspace >= limits.perWorkspace) {
          return { created: false, limit: "workspace", count: inWorkspace } as const;
        }
        const at = now();
        const row = await tx
          .insertInto("subscriptions")
          .values({
            workspace_id: input.workspaceId,
            channel_id: input.channelId,
            filters: writeFilters(input.filters),
            schedule_cron: input.schedule.cron,
            time_zone: input.schedule.timeZone,
            top: input.top,
            overdue_hours: input.overdueHours,
            post_when_empty: flag(input.postWhenEmpty),
            language: input.language,
            paused: flag(input.paused ?? false),
            origin: "slack",
            operator_key: null,
            created_by: input.createdBy,
            created_at: at,
            updated_by: input.createdBy,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await bumpVersion(tx);
        return { created: true, subscription: toSubscription(row) } as const;
      }, `subscriptions:${input.workspaceId}`),

    get: async (id) => {
      const row = await db
        .selectFrom("subscriptions")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toSubscription(row);
    },

    update: (id, changes, by) => change(id, by, settingsColumns(changes)),

    setPaused: (id, paused, by) => change(id, by, { paused: flag(paused) }),

    delete: (id) =>
      engine.write(async (tx) => {
        const result = await tx.deleteFrom("subscriptions").where("id", "=", id).executeTakeFirst();
        const deleted = Number(result.numDeletedRows) > 0;
        if (deleted) await bumpVersion(tx);
        return deleted;
      }),

    listForChannel: async (workspaceId, channelId) =>
      (
        await db
          .selectFrom("subscriptions")
          .selectAll()
          .where("workspace_id", "=", workspaceId)
          .where("channel_id", "=", channelId)
          .orderBy("id")
          .execute()
      ).map(toSubscription),

    listForWorkspace: async (workspaceId) =>
      (
        await db
          .selectFrom("subscriptions")
          .selectAll()
          .where("workspace_id", "=", workspaceId)
          .orderBy("id")
          .execute()
      ).map(toSubscription),

    listAll: async () =>
      (await db.selectFrom("subscriptions").selectAll().orderBy("id").execute()).map(
        toSubscription,
      ),

    countForChannel: (workspaceId, channelId) => countWhere(db, workspaceId, channelId),
    countForWorkspace: (workspaceId) => countWhere(db, workspaceId),

    timeZones: async (workspaceId) =>
      (
        await db
          .selectFrom("subscriptions")
          .select((eb) => ["time_zone", eb.fn.countAll<number>().as("n")])
          .where("workspace_id", "=", workspaceId)
          .groupBy("time_zone")
          .orderBy("n", "desc")
          .orderBy("time_zone")
          .execute()
      ).map((row) => ({ timeZone: row.time_zone, count: Number(row.n) })),

    syncOperator: (workspaceId, desired) =>
      engine.write(async (tx) => {
        const keys = new Set<string>();
        for (const wanted of desired) {
          if (keys.has(wanted.key))
            throw new RangeError(`operator digest ${wanted.key} is listed twice`);
          keys.add(wanted.key);
        }
        const existing = await tx
          .selectFrom("subscriptions")
          .selectAll()
          .where("workspace_id", "=", workspaceId)
          .where("origin", "=", "operator")
          .execute();
        const byKey = new Map(existing.map((row) => [row.operator_key, row]));
        let changed = false;
        const at = now();
        for (const wanted of desired) {
          const row = byKey.get(wanted.key);
          if (row && sameSettings(row, wanted)) continue;
          changed = true;
          if (row) {
            await tx
              .updateTable("subscriptions")
              .set({
                channel_id: wanted.channelId,
                ...settingsColumns(wanted),
                paused: flag(wanted.paused ?? false),
                updated_by: OPERATOR,
                updated_at: at,
              })
              .where("id", "=", row.id)
              .execute();
          } else {
            await tx
              .insertInto("subscriptions")
              .values({
                workspace_id: workspaceId,
                channel_id: wanted.channelId,
                filters: writeFilters(wanted.filters),
                schedule_cron: wanted.schedule.cron,
                time_zone: wanted.schedule.timeZone,
                top: wanted.top,
                overdue_hours: wanted.overdueHours,
                post_when_empty: flag(wanted.postWhenEmpty),
                language: wanted.language,
                paused: flag(wanted.paused ?? false),
                origin: "operator",
                operator_key: wanted.key,
                created_by: OPERATOR,
                created_at: at,
                updated_by: OPERATOR,
                updated_at: at,
              })
              .execute();
          }
        }
        const gone = existing.filter((row) => !keys.has(row.operator_key ?? ""));
        if (gone.length > 0) {
          changed = true;
          await tx
            .deleteFrom("subscriptions")
            .where(
              "id",
              "in",
              gone.map((row) => row.id),
            )
            .execute();
        }
        if (changed) await bumpVersion(tx);
      }, `subscriptions:${workspaceId}`),

    changeVersion: async () => {
      const row = await db
        .selectFrom("change_counters")
        .select("version")
        .where("name", "=", "subscriptions")
        .executeTakeFirstOrThrow();
      return Number(row.version);
    },
  };
};
