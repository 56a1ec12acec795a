import type { Catalog } from "../i18n";
import { context, mrkdwn, section } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";
import { safeCode } from "./mrkdwn";

type Advice = keyof Catalog["share"]["advice"];

/**
 * Slack's error codes for a post it refused, grouped by what the person can do about it.
 * The one place codes are read: anything else gets the general advice, with its code shown.
 */
const ADVICE = new Map<string, Advice>([
  ["channel_not_found", "notInChannel"],
  ["not_in_channel", "notInChannel"],
  ["expired_url", "expired"],
  ["used_url", "expired"],
  ["expired_trigger_id", "expired"],
  ["is_archived", "archived"],
  ["channel_is_archived", "archived"],
  ["restricted_action", "restricted"],
  ["restricted_action_read_only_channel", "restricted"],
  ["restricted_action_thread_only_channel", "restricted"],
  ["restricted_action_non_threadable_channel", "restricted"],
  ["cant_post_message", "restricted"],
  ["ekm_access_denied", "restricted"],
  ["msg_too_long", "tooLong"],
  ["msg_blocks_too_long", "tooLong"],
  ["too_many_blocks", "tooLong"],
  ["ratelimited", "rateLimited"],
  ["rate_limited", "rateLimited"],
  ["not_authed", "setup"],
  ["invalid_auth", "setup"],
  ["account_inactive", "setup"],
  ["token_revoked", "setup"],
  ["token_expired", "setup"],
  ["no_permission", "setup"],
  ["missing_scope", "setup"],
  ["not_allowed_token_type", "setup"],
  ["team_access_not_granted", "setup"],
]);

/** Codes are short; anything longer is not one, and is cut to stay readable. */
const REASON_CAP = 60;

/** Told privately to whoever clicked Share, when Slack would not post the shared copy. */
export const renderShareRefused = (
  reason: string | undefined,
  ctx: RenderContext,
): SlackMessage => {
  const { t } = ctx;
  const advice = t.share.advice[adviceFor(reason)];
  const code = reason === undefined ? "" : safeCode(reason, REASON_CAP);
  const message = `${t.share.refused} ${advice}`;
  return {
    text: message,
    blocks: [
      section(mrkdwn(message)),
      context([mrkdwn(code === "" ? t.share.noReason : t.share.reason(code))]),
    ],
  };
};

const adviceFor = (reason: string | undefined): Advice =>
  (reason === undefined ? undefined : ADVICE.get(reason.trim().toLowerCase())) ?? "unknown";
