import type { KnownBlock } from "@slack/types";
import { context, header, mrkdwn, section } from "./blocks";
import type { RenderContext } from "./context";
import { digestName } from "./describe-schedule";
import { exactTime, safeCode } from "./mrkdwn";

/**
 * The Home tab's digests: each the person may read, with its health in one line (how its last
 * run ended, when the next is). The health is what flows/home-digests.ts reads of the store's
 * runs; a richer health view can take its place without this changing shape.
 */

export interface DigestHealthRow {
  channelId: string;
  cron: string;
  paused: boolean;
  /** The last finished run: when it finished and how it ended. */
  last?: { at: Date; outcome: "posted" | "empty" | "failed" | "skipped" };
  /** The next scheduled run; `undefined` when paused or never due. */
  next?: Date;
  /** Its last runs failed (after their retries), and it has not posted since. */
  failing: boolean;
}

/** A channel id Slack would give (C…, G…, D…): only those are written as a `<#…>` link. */
const CHANNEL_ID = /^[CGD][A-Z0-9]{1,40}$/;

const channelLink = (channelId: string): string =>
  CHANNEL_ID.test(channelId) ? `<#${channelId}>` : `\`${safeCode(channelId, 40)}\``;

const healthLine = (row: DigestHealthRow, ctx: RenderContext): string => {
  const d = ctx.t.home.digests;
  const when = (date: Date) => exactTime(date, ctx);
  const last = row.last;
  const parts = [
    last === undefined
      ? d.never
      : row.failing
        ? d.failing(when(last.at))
        : last.outcome === "posted"
          ? d.posted(when(last.at))
          : last.outcome === "empty"
            ? d.empty(when(last.at))
            : last.outcome === "failed"
              ? d.failing(when(last.at))
              : d.skipped(when(last.at)),
    ...(row.paused ? [d.paused] : row.next === undefined ? [] : [d.next(when(row.next))]),
  ];
  return d.health(parts);
};

/** A header, one section a digest, and how many more there are. */
export const renderHomeDigests = (
  rows: readonly DigestHealthRow[],
  more: number,
  ctx: RenderContext,
): KnownBlock[] => {
  const d = ctx.t.home.digests;
  if (rows.length === 0) return [header(d.title), section(mrkdwn(d.none))];
  return [
    header(d.title),
    ...rows.map((row) =>
      section(
        mrkdwn(
          `${d.row(channelLink(row.channelId), digestName(row.cron, ctx))}\n${healthLine(row, ctx)}`,
        ),
      ),
    ),
    ...(more > 0 ? [context([mrkdwn(d.more(more))])] : []),
  ];
};
