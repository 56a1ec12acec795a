import type { Engine } from "../engine";
import { StoredDataError } from "../errors";
import { decodeIdSet, encodeIdSet, idSetSize } from "../id-set-codec";
import type { SnapshotRepository } from "../store";
import { flag, isSet, time } from "./values";

export const snapshotRepository = (engine: Engine): SnapshotRepository => {
  const { db } = engine;
  return {
    // Bytes handed over already encoded are stored as they are; their count is read from their
    // header, and `get` checks every id against it.
    async put(snapshot) {
      const ids = "encodedIds" in snapshot ? snapshot.encodedIds : encodeIdSet(snapshot.ids);
      const columns = {
        run_id: snapshot.runId ?? null,
        taken_at: snapshot.takenAt.getTime(),
        filters_key: snapshot.filtersKey,
        complete: flag(snapshot.complete),
        id_count: idSetSize(ids),
        ids,
      };
      try {
        await db
          .insertInto("digest_snapshots")
          .values({ subscription_id: snapshot.subscriptionId, ...columns })
          .onConflict((oc) => oc.column("subscription_id").doUpdateSet(columns))
          .execute();
        return true;
      } catch (error) {
        // The subscription (or the run) was deleted while the digest ran: nothing to remember.
        if (engine.isForeignKeyViolation(error)) return false;
        throw error;
      }
    },

    async get(subscriptionId) {
      const row = await db
        .selectFrom("digest_snapshots")
        .selectAll()
        .where("subscription_id", "=", subscriptionId)
        .executeTakeFirst();
      if (!row) return undefined;
      const ids = decodeIdSet(row.ids);
      if (ids.length !== Number(row.id_count)) {
        throw new StoredDataError(
          `the snapshot of subscription ${subscriptionId}`,
          `it holds ${ids.length} ids where ${row.id_count} were written`,
        );
      }
      return {
        subscriptionId,
        runId: row.run_id === null ? undefined : Number(row.run_id),
        takenAt: time(row.taken_at),
        filtersKey: row.filters_key,
        complete: isSet(row.complete),
        ids,
      };
    },
  };
};
