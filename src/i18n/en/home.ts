import { englishNumber as num } from "./numbers";

/**
 * The words of the bot's Home tab, in English. `when` is a time as the renderer writes it (a
 * date token, or text); `channel` is a `<#C…>` link; `name` is a digest's name in words.
 */

const plural = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;

export const enHome = {
  glance: {
    /** A header: plain text. */
    title: "📥 The queue at a glance",
    waiting: (n: number) => `*${plural(n, "ticket", "tickets")} waiting for support*`,
    clear: "✅ *Nothing is waiting for support*: the queue is clear.",
    /** The queue is larger than the Home tab reads. */
    partial: (read: number, total: number) =>
      `⚠️ Overdue, longest wait and categories are counted among the first ${num(read)} of ${num(total)} waiting tickets: the Home tab reads no more than that.`,
    asOf: (when: string) => `As of ${when} · counted at most once a minute, for everyone`,
    failed:
      "⚠️ The ticket panel didn't answer, so the queue can't be counted right now. Refresh in a minute.",
    stale: (when: string) =>
      `⚠️ The ticket panel didn't answer just now: these figures are from ${when}.`,
    refresh: "🔄 Refresh",
  },
  views: {
    /** Headers: plain text. */
    mine: "📌 Your views",
    team: "👥 Team views",
    noneMine: "None yet. `/tickets save billing state:2 category:10` saves one.",
    noneTeam:
      "None yet. Add `team` when you save a view to share it with everyone: `/tickets save billing state:2 team`.",
    close: "✖ Close",
  },
  digests: {
    /** A header: plain text. */
    title: "📬 Digests",
    none: "No digests in channels you can read. `/tickets subscribe` in a channel sets one up.",
    row: (channel: string, name: string) => `${channel} · ${name}`,
    /** The health line's parts, joined by `·`. */
    failing: (when: string) => `⚠️ *Failing*: the last run (${when}) failed`,
    posted: (when: string) => `✅ last posted ${when}`,
    empty: (when: string) => `✅ last run ${when}: nothing to post`,
    skipped: (when: string) => `last run ${when}: skipped`,
    never: "not run yet",
    next: (when: string) => `next ${when}`,
    paused: "⏸️ paused",
    /** One digest's health: the parts above, in order. */
    health: (parts: readonly string[]) => parts.join(" · "),
    more: (n: number) =>
      `+${plural(n, "more digest", "more digests")}: \`/tickets digests\` in a channel lists its own.`,
  },
  language: {
    /** A header: plain text. */
    title: "🌐 Language",
    /** `name` is the language's, as `language.named` writes it. */
    chosen: (name: string) => `The bot answers you in *${name}*.`,
    workspace: (name: string) =>
      `The bot answers you in *${name}*, the workspace's language: you haven't chosen one.`,
    choose: "Choose the language the bot answers you in (lists, details, this tab):",
  },
};
