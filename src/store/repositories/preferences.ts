import type { Clock } from "../../clock";
import type { Engine } from "../engine";
import type { PreferenceRepository } from "../store";

export const preferenceRepository = (engine: Engine, clock: Clock): PreferenceRepository => {
  const { db } = engine;
  return {
    async get(workspaceId, userId) {
      const row = await db
        .selectFrom("preferences")
        .select("language")
        .where("workspace_id", "=", workspaceId)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return row && { language: row.language };
    },

    async set(workspaceId, userId, preferences) {
      const columns = { language: preferences.language, updated_at: clock.now().getTime() };
      await db
        .insertInto("preferences")
        .values({ workspace_id: workspaceId, user_id: userId, ...columns })
        .onConflict((oc) => oc.columns(["workspace_id", "user_id"]).doUpdateSet(columns))
        .execute();
    },
  };
};
