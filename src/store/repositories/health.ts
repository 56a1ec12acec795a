import type { Expression, Selectable, SqlBool } from "kysely";
import type { Clock } from "../../clock";
import type { Db, Engine } from "../engine";
import type { HealthRepository } from "../store";
import type { DigestHealthTable } from "../tables";
import {
  type Audience,
  type DigestHealthRecord,
  type FinishedRun,
  type NoticeClaim,
  RUN_OUTCOMES,
  TOLD,
  type Told,
} from "../types";
import { oneOf, optional, optionalTime, time } from "./values";

type Row = Selectable<DigestHealthTable>;

const toldOf = (value: number, what: string): Told => {
  const told = TOLD[Number(value)];
  if (told === undefined) return oneOf(String(value), TOLD, what);
  return told;
};
const toldCode = (told: Told): number => TOLD.indexOf(told);

const toRecord = (row: Row): DigestHealthRecord => {
  const what = `the health of digest ${row.subscription_id}`;
  return {
    subscriptionId: Number(row.subscription_id),
    lastRun: {
      runId: row.last_run_id === null ? undefined : Number(row.last_run_id),
      slot: time(row.last_slot_at),
      outcome: oneOf(row.last_outcome, RUN_OUTCOMES, what),
      finishedAt: time(row.last_finished_at),
      ...(row.last_waiting_count !== null && { waitingCount: Number(row.last_waiting_count) }),
      ...(row.last_message_ts !== null && { messageTs: row.last_message_ts }),
      ...(row.last_failure !== null && { failure: row.last_failure }),
    },
    lastSuccessAt: optionalTime(row.last_success_at),
    failing: Number(row.failing) === 1,
    streak:
      row.streak_since === null
        ? undefined
        : {
            since: time(row.streak_since),
            runs: Number(row.streak_runs),
            failure: optional(row.streak_failure),
          },
    told: { channel: toldOf(row.told_channel, what), alerts: toldOf(row.told_alerts, what) },
    notice:
      row.notice_owner === null || row.notice_lease_until === null
        ? undefined
        : {
            owner: row.notice_owner,
            leaseUntil: time(row.notice_lease_until),
            attempt: Number(row.notice_attempt),
          },
  };
};

const isSuccess = (run: FinishedRun) => run.outcome === "posted" || run.outcome === "empty";

const COLUMN: Record<Audience, "told_channel" | "told_alerts"> = {
  channel: "told_channel",
  alerts: "told_alerts",
};

/**
 * A digest's health: one row per subscription, changed only inside a transaction that holds the
 * subscription's own lock, so replicas finishing runs of the same digest take turns, and a
 * notice is claimed by one process at a time (as slots are: a lease, fenced by `attempt`).
 */
export const healthRepository = (engine: Engine, clock: Clock): HealthRepository => {
  const { db } = engine;
  const now = () => clock.now().getTime();
  const byId = (tx: Db, subscriptionId: number) =>
    tx
      .selectFrom("digest_health")
      .selectAll()
      .where("subscription_id", "=", subscriptionId)
      .executeTakeFirst();

  return {
    async recordRun(subscriptionId, run) {
      try {
        return await engine.write(async (tx) => {
          const row = await byId(tx, subscriptionId);
          // A run of an older slot finishing late (another replica's) changes nothing: the
          // health follows the newest slot.
          if (row && run.slot.getTime() < Number(row.last_slot_at)) return toRecord(row);
          const last = {
            last_run_id: run.runId ?? null,
            last_slot_at: run.slot.getTime(),
            last_outcome: run.outcome,
            last_finished_at: run.finishedAt.getTime(),
            last_waiting_count: run.waitingCount ?? null,
            last_message_ts: run.messageTs ?? null,
            last_failure: run.failure ?? null,
          };
          const failing = row ? Number(row.failing) === 1 : false;
          const changes: Partial<Row> = { ...last };
          if (isSuccess(run)) {
            const before = row?.last_success_at === null ? undefined : row?.last_success_at;
            changes.last_success_at = Math.max(Number(before ?? 0), run.finishedAt.getTime());
            changes.failing = 0;
            // Whoever never heard of the failure is not told of the recovery either.
            for (const column of Object.values(COLUMN)) {
              if (row && Number(row[column]) === toldCode("unreached")) changes[column] = 0;
            }
          } else if (run.outcome === "failed") {
            changes.failing = 1;
            changes.streak_failure = run.failure ?? null;
            if (failing && row) {
              changes.streak_runs = Number(row.streak_runs) + 1;
            } else {
              changes.streak_since = run.slot.getTime();
              changes.streak_runs = 1;
            }
          }
          if (row) {
            const updated = await tx
              .updateTable("digest_health")
              .set(changes)
              .where("subscription_id", "=", subscriptionId)
              .returningAll()
              .executeTakeFirstOrThrow();
            return toRecord(updated);
          }
          const gone = !(await tx
            .selectFrom("subscriptions")
            .select("id")
            .where("id", "=", subscriptionId)
            .executeTakeFirst());
          if (gone) return undefined;
          const inserted = await tx
            .insertInto("digest_health")
            .values({ subscription_id: subscriptionId, ...last, ...changes })
            .returningAll()
            .executeTakeFirstOrThrow();
          return toRecord(inserted);
        }, `digest-health:${subscriptionId}`);
      } catch (error) {
        // Deleted meanwhile: there is no digest left to be healthy.
        if (engine.isForeignKeyViolation(error)) return undefined;
        throw error;
      }
    },

    async claimNotices(subscriptionId, owner, leaseMs, audiences) {
      if (!Number.isSafeInteger(leaseMs) || leaseMs <= 0) {
        throw new RangeError("leaseMs must be a positive whole number of ms");
      }
      if (audiences.length === 0) return undefined;
      const at = now();
      const leaseUntil = at + leaseMs;
      const row = await db
        .updateTable("digest_health")
        .set((eb) => ({
          notice_owner: owner,
          notice_lease_until: leaseUntil,
          notice_attempt: eb("notice_attempt", "+", 1),
        }))
        .where("subscription_id", "=", subscriptionId)
        .where((eb) => eb.or([eb("notice_owner", "is", null), eb("notice_lease_until", "<=", at)]))
        // Only when some audience is owed a notice: told less than it should know.
        .where((eb) => {
          const owed = (told: Told, failing: 0 | 1): Expression<SqlBool> =>
            eb.and([
              eb("failing", "=", failing),
              eb.or(audiences.map((a) => eb(COLUMN[a], "=", toldCode(told)))),
            ]);
          return eb.or([owed("ok", 1), owed("failing", 0)]);
        })
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      const claim: NoticeClaim = {
        subscriptionId,
        owner,
        attempt: Number(row.notice_attempt),
        leaseUntil: new Date(leaseUntil),
      };
      return { claim, record: toRecord(row) };
    },

    async recordTold(claim, audience, told) {
      const result = await db
        .updateTable("digest_health")
        .set({ [COLUMN[audience]]: toldCode(told) })
        .where("subscription_id", "=", claim.subscriptionId)
        .where("notice_owner", "=", claim.owner)
        .where("notice_attempt", "=", claim.attempt)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async holdsNotices(claim, leaseMs) {
      const result = await db
        .updateTable("digest_health")
        .set({ notice_lease_until: now() + leaseMs })
        .where("subscription_id", "=", claim.subscriptionId)
        .where("notice_owner", "=", claim.owner)
        .where("notice_attempt", "=", claim.attempt)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async releaseNotices(claim) {
      await db
        .updateTable("digest_health")
        .set({ notice_owner: null, notice_lease_until: null })
        .where("subscription_id", "=", claim.subscriptionId)
        .where("notice_owner", "=", claim.owner)
        .where("notice_attempt", "=", claim.attempt)
        .execute();
    },

    async get(subscriptionId) {
      const row = await byId(db, subscriptionId);
      return row && toRecord(row);
    },

    async list() {
      const rows = await db.selectFrom("digest_health").selectAll().execute();
      return rows.map(toRecord);
    },

    async listForWorkspace(workspaceId) {
      const rows = await db
        .selectFrom("digest_health")
        .innerJoin("subscriptions", "subscriptions.id", "digest_health.subscription_id")
        .where("subscriptions.workspace_id", "=", workspaceId)
        .selectAll("digest_health")
        .execute();
      return rows.map(toRecord);
    },
  };
};
