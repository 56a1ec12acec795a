import type { Failure } from "../digest/failure";
import { UNSCHEDULED_CRON } from "../digest/schedule";
import { mrkdwn, section } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";
import { digestName } from "./describe-schedule";

/**
 * What a failing digest says, once, and once when it works again: to its channel, and to the
 * operators' ALERT_CHANNEL. `channelId` is the digest's own channel (mentioned in alerts).
 */
export interface DigestNoticeData {
  cron: string;
  channelId: string;
  /** The latest failure; `undefined` reads as the bot's own trouble. */
  failure: Failure | undefined;
  /** Failed runs in the streak. */
  runs: number;
}

const SLACK_CHANNEL_ID = /^[CDG][A-Z0-9]{2,20}$/;
const channelMention = (id: string) => (SLACK_CHANNEL_ID.test(id) ? `<#${id}>` : "?");

/** An operator's digest with DIGEST_SCHEDULE=off has no times to be named by, or to try again at. */
const nameOf = (cron: string, ctx: RenderContext) =>
  cron === UNSCHEDULED_CRON ? ctx.t.digestHealth.notice.unscheduledName : digestName(cron, ctx);

const causeOf = (failure: Failure | undefined, ctx: RenderContext, elsewhere = false) =>
  ctx.t.digestHealth.cause(failure?.kind ?? "internal", failure?.detail, elsewhere);

const message = (line: string): SlackMessage => ({
  // The fallback is the line without its markup: notifications show it as is.
  text: line.replace(/[*`]/g, ""),
  blocks: [section(mrkdwn(line))],
});

export const renderFailingNotice = (d: DigestNoticeData, ctx: RenderContext): SlackMessage =>
  message(
    ctx.t.digestHealth.notice.failing(
      nameOf(d.cron, ctx),
      causeOf(d.failure, ctx),
      d.cron !== UNSCHEDULED_CRON,
    ),
  );

export const renderRecoveredNotice = (d: DigestNoticeData, ctx: RenderContext): SlackMessage =>
  message(ctx.t.digestHealth.notice.recovered(nameOf(d.cron, ctx), d.runs));

export const renderFailingAlert = (d: DigestNoticeData, ctx: RenderContext): SlackMessage =>
  message(
    ctx.t.digestHealth.notice.alertFailing(
      nameOf(d.cron, ctx),
      channelMention(d.channelId),
      causeOf(d.failure, ctx, true),
    ),
  );

export const renderRecoveredAlert = (d: DigestNoticeData, ctx: RenderContext): SlackMessage =>
  message(
    ctx.t.digestHealth.notice.alertRecovered(
      nameOf(d.cron, ctx),
      channelMention(d.channelId),
      d.runs,
    ),
  );
