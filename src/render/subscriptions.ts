import type { Button, KnownBlock } from "@slack/types";
import { ACTION_IDS, digestButtonId } from "../contract/action-ids";
import { encodeDigestRef } from "../contract/digest-ref";
import type { Failure } from "../digest/failure";
import type { SubscribeError } from "../digest/subscription-args";
import type { TicketFilter } from "../tickets/ticket-filters";
import { userMention } from "./as-of";
import {
  actions,
  blocksTextLength,
  button,
  context,
  header,
  mrkdwn,
  plain,
  section,
} from "./blocks";
import { errorLine } from "./command-errors";
import type { RenderContext, SlackMessage } from "./context";
import { describeFilter } from "./describe-filter";
import { describeSchedule, digestName } from "./describe-schedule";
import { LIMITS } from "./limits";
import { exactTime, safeCode, safeMrkdwn } from "./mrkdwn";

/**
 * What people read about a channel's digests: the private answers to `/tickets subscribe` and
 * `/tickets digests`, and the one-line announcements everyone in the channel sees.
 */

/** A digest as its renderers need it (flows map the store's subscription onto this). */
export interface DigestView {
  id: number;
  channelId: string;
  /** `undefined` when the stored filters cannot be read. */
  filter: TicketFilter | undefined;
  cron: string;
  timeZone: string;
  top: number;
  overdueHours: number;
  postWhenEmpty: boolean;
  language: string;
  paused: boolean;
  /** Set by the DIGEST_* settings: shown, never editable here. */
  operator: boolean;
  createdBy: string;
  createdAt: Date;
  next: Date | undefined;
  last:
    | {
        at: Date;
        outcome: "posted" | "empty" | "failed" | "skipped" | "running";
        waitingCount: number | undefined;
        /** The kind of failure, worded for people (unknown: the bot's own trouble). */
        failure?: Failure | undefined;
        /** The message it posted, for a link. */
        messageTs?: string | undefined;
      }
    | undefined;
  /** Its current failing streak. `told`: the channel was given the failure notice. */
  failing?: { since: Date; runs: number; told: boolean } | undefined;
  /** Its newest runs, newest first. */
  recent?: readonly { at: Date; outcome: RunOutcomeShown }[];
}

type RunOutcomeShown = "posted" | "empty" | "failed" | "skipped" | "running";

const SLACK_TS = /^\d{1,12}\.\d{1,8}$/;
const CHANNEL_ID = /^[CDG][A-Z0-9]{2,20}$/;

/** A link to a posted message, by its channel and `ts` (Slack's archive address). */
const messageLink = (channelId: string, ts: string, label: string): string | undefined =>
  SLACK_TS.test(ts) && CHANNEL_ID.test(channelId)
    ? `<https://slack.com/archives/${channelId}/p${ts.replace(".", "")}|${label}>`
    : undefined;

const TOKEN_CAP = 60;
const CAUSE_CAP = 150;
const LINES_BUDGET = LIMITS.section.text - 100;
const HOUR_MS = 3_600_000;

/** A message of one or more paragraphs, each a section. */
export const renderNotice = (lines: readonly string[], ctx: RenderContext): SlackMessage => ({
  text: lines[0] ?? ctx.t.subscriptions.list.fallback,
  blocks: lines.map((line) => section(mrkdwn(line))),
});

const what = (filter: TicketFilter | undefined, ctx: RenderContext) =>
  filter === undefined ? "?" : describeFilter(filter, ctx);

// ----------------------------------------------------------------------------------------
// `/tickets subscribe …` refused, and its help

const subscribeErrorLine = (error: SubscribeError, ctx: RenderContext): string => {
  const m = ctx.t.subscriptions.errors;
  const token = "token" in error ? safeCode(error.token, TOKEN_CAP) : "";
  switch (error.kind) {
    case "filter":
      return errorLine(error.error, ctx);
    case "unknown-key": {
      const line = m.unknownKey(token, safeCode(error.key, TOKEN_CAP));
      return error.suggestion === undefined
        ? line
        : `${line} ${ctx.t.commandErrors.didYouMean(safeCode(error.suggestion, TOKEN_CAP))}`;
    }
    case "repeated-key":
      return m.repeatedKey(token, error.key);
    case "missing-value":
      return m.missingValue(token, error.key);
    case "not-for-digests":
      return m.notForDigests(token);
    case "bare-word":
      return m.bareWord(token);
    case "bad-times":
      return m.badTimes(token);
    case "bad-days":
      return m.badDays(token);
    case "minutes-differ":
      return m.minutesDiffer(token);
    case "too-many-times":
      return m.tooManyTimes(token, error.max);
    case "bad-cron":
      return m.badCron(token, safeMrkdwn(error.problem, CAUSE_CAP));
    case "cron-and-times":
      return m.cronAndTimes;
    case "unknown-zone":
      return m.unknownZone(token);
    case "out-of-range":
      return m.outOfRange(token, error.key, error.min, error.max);
    case "not-a-number":
      return m.notANumber(token, error.key);
    case "bad-choice":
      return m.badChoice(token, error.key, error.choices);
    case "unclosed-quote":
      return m.unclosedQuote(token);
    case "too-long":
      return m.tooLong(error.max);
  }
};

/** Why `/tickets subscribe …` saved nothing: every problem, each naming the token as typed. */
export const renderSubscribeErrors = (
  errors: readonly SubscribeError[],
  ctx: RenderContext,
): SlackMessage => {
  const m = ctx.t.subscriptions.errors;
  const lines: string[] = [];
  let length = 0;
  for (const error of errors) {
    const line = `• ${subscribeErrorLine(error, ctx)}`;
    if (length + line.length + 1 > LINES_BUDGET) break;
    lines.push(line);
    length += line.length + 1;
  }
  const left = errors.length - lines.length;
  if (left > 0) lines.push(ctx.t.commandErrors.moreErrors(left));
  return {
    text: m.fallback,
    blocks: [header(m.title), section(mrkdwn(lines.join("\n"))), context([mrkdwn(m.footer)])],
  };
};

export const renderSubscribeHelp = (ctx: RenderContext): SlackMessage => {
  const h = ctx.t.subscriptions.help;
  return {
    text: h.fallback,
    blocks: [
      header(h.title),
      section(mrkdwn([h.intro, ...h.keys.map((line) => `• ${line}`)].join("\n"))),
      section(
        mrkdwn(
          [`*${ctx.t.help.examplesTitle}*`, ...h.examples.map((line) => `\`${line}\``)].join("\n"),
        ),
      ),
      context([mrkdwn(h.footer)]),
    ],
  };
};

// ----------------------------------------------------------------------------------------
// Announcements: one short line in the channel, in the digest's own language

export type Change =
  | { kind: "created"; digest: DigestView }
  | { kind: "changed"; before: DigestView; digest: DigestView }
  | { kind: "paused"; digest: DigestView }
  | { kind: "resumed"; digest: DigestView }
  | { kind: "deleted"; digest: DigestView };

/** `by` is the person's user id; `ctx` the digest's own language and zone. */
export const renderAnnouncement = (
  change: Change,
  by: string,
  ctx: RenderContext,
): SlackMessage => {
  const a = ctx.t.subscriptions.announce;
  const who = userMention(by);
  const { digest } = change;
  const when = describeSchedule(digest, ctx);
  const line = (() => {
    switch (change.kind) {
      case "created":
        return a.created(who, what(digest.filter, ctx), when);
      case "changed":
        return a.changed(who, digestName(change.before.cron, ctx), what(digest.filter, ctx), when);
      case "paused":
        return a.paused(who, digestName(digest.cron, ctx));
      case "resumed":
        return a.resumed(who, digestName(digest.cron, ctx));
      case "deleted":
        return a.deleted(who, digestName(digest.cron, ctx));
    }
  })();
  return { text: line, blocks: [section(mrkdwn(line))] };
};

// ----------------------------------------------------------------------------------------
// `/tickets digests`

const lastLine = (
  last: NonNullable<DigestView["last"]>,
  channelId: string,
  ctx: RenderContext,
): string => {
  const o = ctx.t.subscriptions.list.outcomes;
  // Only catalog words: a run's recorded cause is for the log (it may be an exception's text).
  // A run skipped is one of a paused digest; a failure of unknown kind is the bot's own.
  const failure = last.failure ?? { kind: "internal" as const };
  const cause =
    last.outcome === "failed"
      ? ctx.t.digestHealth.cause(failure.kind, failure.detail)
      : ctx.t.subscriptions.list.paused;
  const outcome = (() => {
    switch (last.outcome) {
      case "posted":
        return o.posted(last.waitingCount ?? 0);
      case "empty":
        return o.empty;
      case "failed":
        return o.failed(cause);
      case "skipped":
        return o.skipped(cause);
      case "running":
        return o.running;
    }
  })();
  const link =
    last.messageTs === undefined
      ? undefined
      : messageLink(channelId, last.messageTs, ctx.t.digestHealth.history.open);
  const line = ctx.t.subscriptions.list.last(exactTime(last.at, ctx), outcome);
  return link === undefined ? line : `${line} · ${link}`;
};

/** The newest runs at a glance, when there is more than the last one to see. */
const recentLine = (digest: DigestView, ctx: RenderContext): string | undefined => {
  const recent = digest.recent ?? [];
  if (recent.length < 2) return undefined;
  const h = ctx.t.digestHealth.history;
  return h.recent(recent.map((r) => h.recentRun(exactTime(r.at, ctx), r.outcome)));
};

const itemText = (digest: DigestView, ctx: RenderContext, compact: boolean): string => {
  const l = ctx.t.subscriptions.list;
  const onDemand = digest.operator && digest.paused;
  const lines = [
    l.heading(what(digest.filter, ctx), describeSchedule(digest, ctx, { onDemand })),
    digest.paused && !onDemand
      ? l.paused
      : digest.next
        ? l.next(exactTime(digest.next, ctx))
        : onDemand
          ? undefined
          : l.noNext,
    digest.last ? lastLine(digest.last, digest.channelId, ctx) : l.never,
    digest.failing
      ? ctx.t.digestHealth.history.failing(
          digest.failing.runs,
          exactTime(digest.failing.since, ctx),
          digest.failing.told,
        )
      : undefined,
  ];
  if (!compact) {
    lines.push(
      recentLine(digest, ctx),
      l.settings(
        digest.top,
        ctx.t.time.span(digest.overdueHours * HOUR_MS),
        ctx.t.subscriptions.languageNames[digest.language] ?? safeMrkdwn(digest.language, 10),
        digest.postWhenEmpty,
      ),
      digest.operator
        ? l.byOperator
        : l.createdBy(userMention(digest.createdBy), exactTime(digest.createdAt, ctx)),
    );
  } else if (digest.operator) {
    lines.push(l.byOperator);
  }
  return lines.filter((line) => line !== undefined).join("\n");
};

const itemButtons = (digest: DigestView, ctx: RenderContext): Button[] => {
  const l = ctx.t.subscriptions.list;
  const value = encodeDigestRef(digest.id);
  const id = (action: Parameters<typeof digestButtonId>[0]) => digestButtonId(action, digest.id);
  const remove: Button = {
    ...button(l.delete, id(ACTION_IDS.digestDelete), value),
    style: "danger",
    confirm: {
      title: plain(l.confirmDelete.title),
      text: plain(l.confirmDelete.text(digestName(digest.cron, ctx).replace(/`/g, ""))),
      confirm: plain(l.confirmDelete.confirm),
      deny: plain(l.confirmDelete.deny),
      style: "danger",
    },
  };
  return [
    button(l.edit, id(ACTION_IDS.digestEdit), value),
    digest.paused
      ? button(l.resume, id(ACTION_IDS.digestResume), value)
      : button(l.pause, id(ACTION_IDS.digestPause), value),
    button(l.runNow, id(ACTION_IDS.digestRunNow), value),
    remove,
  ];
};

const itemBlocks = (digest: DigestView, ctx: RenderContext, compact: boolean): KnownBlock[] => [
  section(mrkdwn(itemText(digest, ctx, compact))),
  ...(digest.operator ? [] : [actions(itemButtons(digest, ctx))]),
];

/**
 * This channel's digests, privately: what, when (the next run in the reader's own zone: Slack's
 * date tokens), the last run and how it went, who set it up, and its buttons. Within one
 * message's limits whatever the digests hold: the settings lines go first, then digests past
 * what fits are counted.
 */
export const renderDigestList = (
  digests: readonly DigestView[],
  ctx: RenderContext,
): SlackMessage => {
  const l = ctx.t.subscriptions.list;
  if (digests.length === 0) {
    return { text: l.fallback, blocks: [header(l.title), section(mrkdwn(l.empty))] };
  }
  const fits = (blocks: KnownBlock[]) =>
    blocks.length <= LIMITS.message.maxBlocks - 1 &&
    blocksTextLength(blocks) <= LIMITS.message.totalText - 200;
  for (const compact of [false, true]) {
    const blocks = [header(l.title), ...digests.flatMap((d) => itemBlocks(d, ctx, compact))];
    if (fits(blocks)) return { text: l.fallback, blocks };
  }
  const blocks: KnownBlock[] = [header(l.title)];
  let shown = 0;
  for (const digest of digests) {
    const more = itemBlocks(digest, ctx, true);
    if (!fits([...blocks, ...more])) break;
    blocks.push(...more);
    shown += 1;
  }
  blocks.push(context([mrkdwn(l.more(digests.length - shown))]));
  return { text: l.fallback, blocks };
};
