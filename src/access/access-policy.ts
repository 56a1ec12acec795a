import type { AccessConfig } from "../config";

export type AccessSetting = "ALLOWED_USER_IDS" | "ALLOWED_CHANNEL_IDS";
export type AccessDecision = { allowed: true } | { allowed: false; setting: AccessSetting };

export interface AccessRequest {
  userId: string;
  /** Absent for clicks inside a modal: the channel was checked when the modal was opened. */
  channelId?: string;
  /**
   * The request comes from a conversation nobody can name yet: a link pasted in Slack's
   * message composer, before the message is sent. No listed channel can allow it.
   */
  conversationUnknown?: boolean;
  /** Whether `channelId` is the user's own DM with the bot; asked only when it matters. */
  isOwnDm: () => Promise<boolean>;
}

/**
 * Who may read tickets:
 * users unset, channels unset → everyone; users set → listed users only; channels set → listed
 * channels (group DMs count as channels) or the user's own DM with the bot; both → both rules.
 * A conversation not known yet (the composer) is allowed only where channels are not listed.
 */
export const decideAccess = async (
  access: AccessConfig,
  request: AccessRequest,
): Promise<AccessDecision> => {
  if (access.userIds.length > 0 && !access.userIds.includes(request.userId)) {
    return { allowed: false, setting: "ALLOWED_USER_IDS" };
  }
  if (access.channelIds.length === 0) return { allowed: true };
  if (request.conversationUnknown) return { allowed: false, setting: "ALLOWED_CHANNEL_IDS" };
  if (request.channelId === undefined) return { allowed: true };
  if (access.channelIds.includes(request.channelId)) return { allowed: true };
  if (request.channelId.startsWith("D") && (await request.isOwnDm())) return { allowed: true };
  return { allowed: false, setting: "ALLOWED_CHANNEL_IDS" };
};

export const isUnrestricted = (access: AccessConfig) =>
  access.userIds.length === 0 && access.channelIds.length === 0;
