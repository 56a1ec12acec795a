import type { ContextBlock } from "@slack/types";
import { context, mrkdwn } from "./blocks";
import type { RenderContext } from "./context";
import { exactTime } from "./mrkdwn";

/**
 * Slack user ids as Slack signs them into payloads. Checked anyway: the id is written
 * unescaped as `<@…>`, so anything else could be markup.
 */
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;
const MAX_USER_ID_LENGTH = 32;

/** `<@U…>`, or `undefined` for anything that is not a plain user id. */
export const userMention = (userId: string): string | undefined =>
  userId.length <= MAX_USER_ID_LENGTH && SLACK_USER_ID.test(userId) ? `<@${userId}>` : undefined;

/**
 * Relative ages ("3 h ago") are frozen when a message is made: say when that was. A shared
 * copy also says who shared it, as everyone in the channel sees it, not only that person.
 * `sharedBy` set but not a user id still marks the copy as shared, without the mention.
 */
export const asOfBlock = (when: Date, ctx: RenderContext, sharedBy?: string): ContextBlock => {
  const { t } = ctx;
  const date = exactTime(when, ctx);
  const text =
    sharedBy === undefined ? t.list.asOf(date) : t.share.sharedBy(userMention(sharedBy), date);
  return context([mrkdwn(text)]);
};
