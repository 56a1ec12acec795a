import type { Selectable } from "kysely";
import type { Clock } from "../../clock";
import type { Engine } from "../engine";
import type { RunRepository } from "../store";
import type { DigestRunsTable } from "../tables";
import { type Claim, type DigestRun, RUN_OUTCOMES } from "../types";
import { oneOf, optional, optionalTime, time } from "./values";

type Row = Selectable<DigestRunsTable>;

const MAX_CAUSE_LENGTH = 500;

const toRun = (row: Row): DigestRun => ({
  id: Number(row.id),
  subscriptionId: Number(row.subscription_id),
  slot: time(row.slot_at),
  claimedBy: row.claimed_by,
  claimedAt: time(row.claimed_at),
  leaseUntil: time(row.lease_until),
  attempt: Number(row.attempt),
  outcome: row.outcome === null ? undefined : oneOf(row.outcome, RUN_OUTCOMES, `run ${row.id}`),
  messageTs: optional(row.message_ts),
  postedAt: optionalTime(row.posted_at),
  waitingCount: row.waiting_count === null ? undefined : Number(row.waiting_count),
  errorClass: optional(row.error_class),
  errorCause: optional(row.error_cause),
  failure: optional(row.failure),
  finishedAt: optionalTime(row.finished_at),
});

const positive = (ms: number, what: string) => {
  if (!Number.isSafeInteger(ms) || ms <= 0)
    throw new RangeError(`${what} must be a positive whole number of ms`);
  return ms;
};

export const runRepository = (engine: Engine, clock: Clock): RunRepository => {
  const { db } = engine;
  const now = () => clock.now().getTime();

  const bySlot = (subscriptionId: number, slotAt: number) =>
    db
      .selectFrom("digest_runs")
      .selectAll()
      .where("subscription_id", "=", subscriptionId)
      .where("slot_at", "=", slotAt)
      .executeTakeFirst();

  return {
    async claimSlot(subscriptionId, slot, owner, leaseMs, options = {}) {
      const at = now();
      const leaseUntil = at + positive(leaseMs, "leaseMs");
      const slotAt = slot.getTime();
      const claim = (row: { id: number; attempt: number }, takenOver: boolean): Claim => ({
        runId: Number(row.id),
        subscriptionId,
        slot,
        owner,
        attempt: Number(row.attempt),
        leaseUntil: new Date(leaseUntil),
        takenOver,
      });

      // 1. The first claimer inserts the slot's row; the unique key turns every other away.
      let inserted: { id: number; attempt: number } | undefined;
      try {
        inserted = await db
          .insertInto("digest_runs")
          .values({
            subscription_id: subscriptionId,
            slot_at: slotAt,
            claimed_by: owner,
            claimed_at: at,
            lease_until: leaseUntil,
            attempt: 1,
          })
          .onConflict((oc) => oc.columns(["subscription_id", "slot_at"]).doNothing())
          .returning(["id", "attempt"])
          .executeTakeFirst();
      } catch (error) {
        if (engine.isForeignKeyViolation(error)) return { claimed: false, reason: "gone" };
        throw error;
      }
      if (inserted) return { claimed: true, claim: claim(inserted, false) };

      // 2. A slot whose owner died (lease over, nothing posted) goes to whoever asks first: one
      // conditional update, which both engines let only one concurrent caller win.
      const takenOver = await db
        .updateTable("digest_runs")
        .set((eb) => ({
          claimed_by: owner,
          claimed_at: at,
          lease_until: leaseUntil,
          attempt: eb("attempt", "+", 1),
          outcome: null,
          waiting_count: null,
          error_class: null,
          error_cause: null,
          failure: null,
          finished_at: null,
        }))
        .where("subscription_id", "=", subscriptionId)
        .where("slot_at", "=", slotAt)
        .where("message_ts", "is", null)
        .where((eb) =>
          eb.or([
            eb.and([eb("outcome", "is", null), eb("lease_until", "<=", at)]),
            ...(options.retryFailed ? [eb("outcome", "=", "failed")] : []),
          ]),
        )
        .returning(["id", "attempt"])
        .executeTakeFirst();
      if (takenOver) return { claimed: true, claim: claim(takenOver, true) };

      const existing = await bySlot(subscriptionId, slotAt);
      return existing
        ? { claimed: false, reason: "taken", run: toRun(existing) }
        : { claimed: false, reason: "gone" };
    },

    async renew(claim, leaseMs) {
      const leaseUntil = now() + positive(leaseMs, "leaseMs");
      const row = await db
        .updateTable("digest_runs")
        .set({ lease_until: leaseUntil })
        .where("id", "=", claim.runId)
        .where("attempt", "=", claim.attempt)
        .where("outcome", "is", null)
        .returning("id")
        .executeTakeFirst();
      return row ? { ...claim, leaseUntil: new Date(leaseUntil) } : undefined;
    },

    async recordPosted(claim, messageTs) {
      const row = await db
        .updateTable("digest_runs")
        .set({ message_ts: messageTs, posted_at: now() })
        .where("id", "=", claim.runId)
        .where("message_ts", "is", null)
        .returning("id")
        .executeTakeFirst();
      if (row) return { recorded: true };
      const existing = await db
        .selectFrom("digest_runs")
        .select("message_ts")
        .where("id", "=", claim.runId)
        .executeTakeFirst();
      return existing?.message_ts
        ? { recorded: false, reason: "posted-by-another", existingTs: existing.message_ts }
        : { recorded: false, reason: "gone" };
    },

    async recordOutcome(claim, report) {
      const result = await db
        .updateTable("digest_runs")
        .set({
          outcome: report.outcome,
          waiting_count: report.waitingCount ?? null,
          error_class: report.errorClass ?? null,
          error_cause: report.errorCause?.slice(0, MAX_CAUSE_LENGTH) ?? null,
          failure: report.failure ?? null,
          finished_at: now(),
        })
        .where("id", "=", claim.runId)
        .where("attempt", "=", claim.attempt)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async get(runId) {
      const row = await db
        .selectFrom("digest_runs")
        .selectAll()
        .where("id", "=", runId)
        .executeTakeFirst();
      return row && toRun(row);
    },

    async lastRuns(subscriptionId, count) {
      const rows = await db
        .selectFrom("digest_runs")
        .selectAll()
        .where("subscription_id", "=", subscriptionId)
        .orderBy("slot_at", "desc")
        .limit(Math.max(0, Math.floor(count)))
        .execute();
      return rows.map(toRun);
    },

    async lastSuccess(subscriptionId) {
      const row = await db
        .selectFrom("digest_runs")
        .selectAll()
        .where("subscription_id", "=", subscriptionId)
        .where("outcome", "in", ["posted", "empty"])
        .orderBy("slot_at", "desc")
        .limit(1)
        .executeTakeFirst();
      return row && toRun(row);
    },

    async prune(cutoff, keep) {
      const result = await db
        .deleteFrom("digest_runs")
        .where("slot_at", "<", cutoff.getTime())
        .where("outcome", "is not", null)
        .where("id", "not in", (eb) =>
          eb
            .selectFrom("digest_runs as newer")
            .select("newer.id")
            .whereRef("newer.subscription_id", "=", "digest_runs.subscription_id")
            .orderBy("newer.slot_at", "desc")
            .limit(Math.max(0, Math.floor(keep))),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
};
