import type { FailureKind } from "../../digest/failure";
import { englishNumber as num } from "./numbers";

/**
 * The words of a digest that remembers (what changed since the last one) and of its health
 * (failure and recovery notices, the run history of `/tickets digests`), in English.
 * Placeholders receive text already escaped for mrkdwn; `when` is a date token or text.
 */

const plural = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;

/** Who can mend each kind of failure, and what to check: read by people in the channel. */
const CAUSES: Readonly<Record<FailureKind, { what: string; who: string }>> = {
  "panel-auth": {
    what: "the ticket panel refused the bot's token",
    who: "an operator must check `TICKET_API_TOKEN`",
  },
  "panel-unreachable": {
    what: "the bot could not reach the ticket panel",
    who: "an operator should check that the panel is up and that `TICKET_API_URL` is right",
  },
  "panel-timeout": {
    what: "the ticket panel did not answer in time, even after retries",
    who: "an operator should check the panel (or raise `TICKET_API_TIMEOUT_MS`)",
  },
  "panel-error": {
    what: "the ticket panel is failing (it answered with an error)",
    who: "the panel's administrators should look at it",
  },
  "panel-busy": {
    what: "the ticket panel kept asking the bot to slow down",
    who: "the panel's administrators can raise its rate limit",
  },
  "panel-too-large": {
    what: "the ticket panel sent an answer far larger than any page of tickets",
    who: "the panel's administrators should look at it",
  },
  "panel-redirect": {
    what: "the ticket panel's address redirects elsewhere",
    who: "an operator must set `TICKET_API_URL` to the final address",
  },
  "panel-address": {
    what: "the address the bot asks is not the ticket panel's API",
    who: "an operator must check `TICKET_API_URL`",
  },
  "panel-shape": {
    what: "the ticket panel answered in a form the bot does not understand",
    who: "an operator should check the bot's log and the panel's version",
  },
  "panel-refused": {
    what: "the ticket panel refused this digest's request",
    who: "someone here can check the digest's filters with `/tickets digests`",
  },
  "slack-not-in-channel": {
    what: "the bot is not a member of this channel",
    who: "anyone here can invite it",
  },
  "slack-archived": { what: "this channel is archived", who: "a workspace admin can unarchive it" },
  "slack-token": {
    what: "Slack refused the bot's token",
    who: "an operator must check `SLACK_BOT_TOKEN` and that the app is still installed",
  },
  "slack-scope": {
    what: "the bot lacks a Slack permission it needs",
    who: "an operator must reinstall the app from `manifest.yml`",
  },
  "slack-restricted": {
    what: "this channel does not allow the bot to post",
    who: "a channel manager or workspace admin can allow it",
  },
  "slack-rate-limited": {
    what: "Slack kept limiting the bot's messages",
    who: "nobody needs to act unless it lasts; then an operator should look at the log",
  },
  "slack-too-large": {
    what: "Slack found the digest too large to post",
    who: "an operator should look at the bot's log",
  },
  "slack-other": {
    what: "Slack refused the digest",
    who: "an operator should look at the bot's log",
  },
  "stored-filters": {
    what: "this digest's saved filters can no longer be read",
    who: "someone in this channel can delete it with `/tickets digests` and subscribe again",
  },
  "channel-not-allowed": {
    what: "the bot's settings no longer allow this channel (`ALLOWED_CHANNEL_IDS`)",
    who: "an operator can allow it again, or someone here can delete the digest with `/tickets digests`",
  },
  internal: {
    what: "the bot itself ran into trouble",
    who: "an operator should look at the bot's log",
  },
};

/** The same, told in another channel (ALERT_CHANNEL) about the digest's own. */
const ELSEWHERE: Readonly<Partial<Record<FailureKind, { what: string; who: string }>>> = {
  "stored-filters": {
    what: "the digest's saved filters can no longer be read",
    who: "someone in its channel can delete it with `/tickets digests` and subscribe again",
  },
  "channel-not-allowed": {
    what: "the bot's settings no longer allow the digest's channel (`ALLOWED_CHANNEL_IDS`)",
    who: "an operator can allow it again, or delete the digest",
  },
  "panel-refused": {
    what: "the ticket panel refused this digest's request",
    who: "someone in its channel can check its filters with `/tickets digests`",
  },
  "slack-not-in-channel": {
    what: "the bot is not a member of the digest's channel",
    who: "anyone in it can invite the bot",
  },
  "slack-archived": {
    what: "the digest's channel is archived",
    who: "a workspace admin can unarchive it, or the digest can be deleted",
  },
  "slack-restricted": {
    what: "the digest's channel does not allow the bot to post",
    who: "a channel manager or workspace admin can allow it",
  },
};

export const enDigestHealth = {
  changes: {
    /** At the top of a digest: what changed since the previous one (`since`: when it was). */
    compared: (o: { added: number; left: number; still: number; net: number; since: string }) =>
      `Since the last digest (${o.since}): *${num(o.added)} new*, *${num(o.left)} left*, ${num(o.still)} still waiting · ${
        o.net > 0 ? `▲ ${num(o.net)}` : o.net < 0 ? `▼ ${num(-o.net)}` : "no change"
      }`,
    first: "This is this digest's first run: nothing to compare with yet.",
    filtersChanged: "This digest's filters changed since its last run: nothing to compare with.",
    notClaimed: "No comparison with the last digest: this one's figures are approximate.",
    unavailable: "The last digest could not be recalled, so nothing is compared this time.",
    /** On a listed ticket that was in the previous digest too. */
    seenBefore: "🔁 in the last digest too",
  },
  /** A failure in plain words: what went wrong, and who can mend it. */
  cause: (kind: FailureKind, detail: string | undefined, elsewhere = false) => {
    const c = (elsewhere ? ELSEWHERE[kind] : undefined) ?? CAUSES[kind];
    const code =
      detail === undefined ? "" : /^\d+$/.test(detail) ? ` (HTTP ${detail})` : ` (\`${detail}\`)`;
    return `${c.what}${code}: ${c.who}`;
  },
  notice: {
    /** How an operator's digest without a schedule (DIGEST_SCHEDULE=off) is named. */
    unscheduledName: "the operator's digest",
    /**
     * Posted once when a digest starts failing; `name` is `subscriptions.name`'s. `scheduled`:
     * false for an operator's digest with DIGEST_SCHEDULE=off, which runs only when started.
     */
    failing: (name: string, cause: string, scheduled: boolean) =>
      `⚠️ *${name} could not be posted:* ${cause}. ${scheduled ? "It will keep trying at its usual times" : "It will be tried again the next time it is run"}; this channel hears again when it works.`,
    recovered: (name: string, runs: number) =>
      `✅ *${name} works again*, after ${plural(runs, "failed run", "failed runs")}.`,
    /** For operators, in ALERT_CHANNEL: `channel` is a channel mention. */
    alertFailing: (name: string, channel: string, cause: string) =>
      `⚠️ *${name}* of ${channel} is failing: ${cause}.`,
    alertRecovered: (name: string, channel: string, runs: number) =>
      `✅ *${name}* of ${channel} works again, after ${plural(runs, "failed run", "failed runs")}.`,
  },
  history: {
    /** After the last run in `/tickets digests`: a link to the digest it posted. */
    open: "open",
    /** `runs` failed runs in a row since `since` (a date). */
    failing: (runs: number, since: string, told: boolean) =>
      `⚠️ Failing since ${since}: ${plural(runs, "run", "runs")} in a row${told ? "; this channel was told" : ""}.`,
    /** The newest first; each entry `recentRun`'s. */
    recent: (runs: readonly string[]) => `Recent runs: ${runs.join(" · ")}`,
    recentRun: (when: string, outcome: "posted" | "empty" | "failed" | "skipped" | "running") =>
      `${{ posted: "✅", empty: "✅", failed: "❌", skipped: "⏭️", running: "⏳" }[outcome]} ${when}`,
  },
};
