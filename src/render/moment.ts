import { dateSense } from "../tickets/plausible";
import type { RenderContext } from "./context";
import { exactTime } from "./mrkdwn";

/**
 * "3 h ago" and the exact time of a ticket's date, or the words for a date in the future (with
 * its time, which the reader may judge) or for a placeholder that is no moment at all (no time:
 * a date token for year 1 would be a negative number).
 */
export const agoAndWhen = (
  date: Date,
  ctx: RenderContext,
): { ago: string; when: string | undefined } => {
  const { t, now } = ctx;
  const sense = dateSense(date, now);
  if (sense === "unknown") return { ago: t.time.unknownDate, when: undefined };
  const ago = sense === "future" ? t.time.future : t.time.ago(now.getTime() - date.getTime());
  return { ago, when: exactTime(date, ctx) };
};
