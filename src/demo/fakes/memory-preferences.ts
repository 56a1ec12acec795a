import type { PreferencesPort } from "../../flows/ports";

/**
 * The demo's choices (`/tickets language fa`), kept for its own run: the demo writes nothing to
 * disk. The bot itself keeps them in its store.
 */
export const memoryPreferences = (): PreferencesPort => {
  const kept = new Map<string, { language: string }>();
  return {
    get: async (workspaceId, userId) => kept.get(`${workspaceId}/${userId}`),
    set: async (workspaceId, userId, preferences) => {
      kept.set(`${workspaceId}/${userId}`, { ...preferences });
    },
  };
};
