import type { Selectable } from "kysely";
import type { Clock } from "../../clock";
import type { Db, Engine } from "../engine";
import type { ViewRepository } from "../store";
import type { SavedViewsTable } from "../tables";
import type { SavedView, ViewOwner } from "../types";
import { viewNameKey } from "../view-name";
import { readFilters, time, writeFilters } from "./values";

type Row = Selectable<SavedViewsTable>;

// Slack user ids are upper-case letters and digits: this can never be one.
const WORKSPACE = "workspace";

const ownerColumn = (owner: ViewOwner): string => {
  if (owner === WORKSPACE) return WORKSPACE;
  if (owner.user === WORKSPACE || owner.user === "") {
    throw new RangeError(`${JSON.stringify(owner.user)} is not a user id`);
  }
  return owner.user;
};

const toView = (row: Row): SavedView => ({
  id: Number(row.id),
  workspaceId: row.workspace_id,
  owner: row.owner === WORKSPACE ? WORKSPACE : { user: row.owner },
  name: row.name,
  filters: readFilters(row.filters, `saved view ${row.id}`),
  createdBy: row.created_by,
  createdAt: time(row.created_at),
  updatedAt: time(row.updated_at),
});

const countOwned = async (db: Db, workspaceId: string, owner: string) =>
  Number(
    (
      await db
        .selectFrom("saved_views")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("workspace_id", "=", workspaceId)
        .where("owner", "=", owner)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const viewRepository = (engine: Engine, clock: Clock): ViewRepository => {
  const { db } = engine;
  return {
    save: (view, maxPerOwner) => {
      const owner = ownerColumn(view.owner);
      const nameKey = viewNameKey(view.name);
      return engine.write(async (tx) => {
        const at = clock.now().getTime();
        const existing = await tx
          .selectFrom("saved_views")
          .select(["id", "created_by"])
          .where("workspace_id", "=", view.workspaceId)
          .where("owner", "=", owner)
          .where("name_key", "=", nameKey)
          .executeTakeFirst();
        // A shared view is its maker's to replace: checked here, in the write, so two people
        // saving one shared name at once cannot both pass a check made before it.
        if (existing && owner === WORKSPACE && existing.created_by !== view.createdBy) {
          return { saved: false, takenBy: existing.created_by } as const;
        }
        if (existing) {
          // Who made it and when stay; the name's spelling and the filters are the new ones.
          const row = await tx
            .updateTable("saved_views")
            .set({ name: view.name, filters: writeFilters(view.filters), updated_at: at })
            .where("id", "=", existing.id)
            .returningAll()
            .executeTakeFirstOrThrow();
          return { saved: true, view: toView(row), replaced: true } as const;
        }
        const count = await countOwned(tx, view.workspaceId, owner);
        if (count >= maxPerOwner) return { saved: false, limit: "owner", count } as const;
        const row = await tx
          .insertInto("saved_views")
          .values({
            workspace_id: view.workspaceId,
            owner,
            name: view.name,
            name_key: nameKey,
            filters: writeFilters(view.filters),
            created_by: view.createdBy,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { saved: true, view: toView(row), replaced: false } as const;
      }, `views:${view.workspaceId}:${owner}`);
    },

    async get(workspaceId, owner, name) {
      const row = await db
        .selectFrom("saved_views")
        .selectAll()
        .where("workspace_id", "=", workspaceId)
        .where("owner", "=", ownerColumn(owner))
        .where("name_key", "=", viewNameKey(name))
        .executeTakeFirst();
      return row && toView(row);
    },

    async getById(workspaceId, id) {
      const row = await db
        .selectFrom("saved_views")
        .selectAll()
        .where("workspace_id", "=", workspaceId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toView(row);
    },

    async list(workspaceId, userId) {
      const rows = await db
        .selectFrom("saved_views")
        .selectAll()
        .where("workspace_id", "=", workspaceId)
        .where("owner", "in", [ownerColumn({ user: userId }), WORKSPACE])
        .execute();
      // Sorted here, not by the database, so both engines give one order whatever their collation.
      const rank = (row: Row) => (row.owner === WORKSPACE ? 1 : 0);
      rows.sort(
        (a, b) =>
          rank(a) - rank(b) ||
          (a.name_key < b.name_key ? -1 : a.name_key > b.name_key ? 1 : 0) ||
          Number(a.id) - Number(b.id),
      );
      return rows.map(toView);
    },

    async delete(workspaceId, id) {
      const result = await db
        .deleteFrom("saved_views")
        .where("workspace_id", "=", workspaceId)
        .where("id", "=", id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    count: (workspaceId, owner) => countOwned(db, workspaceId, ownerColumn(owner)),
  };
};
