import type { Clock } from "../clock";
import type { SubscribeField, SubscribeForm } from "../contract/subscribe-form";
import { COMMON_ZONES } from "../digest/common-zones";
import { decodeFailure } from "../digest/failure";
import { slotSchedule } from "../digest/slots";
import {
  type DigestDefaults,
  type DigestSettings,
  languageOr,
  readDigestFilter,
  resolveDraft,
  scheduleProblem,
} from "../digest/subscription";
import { parseSubscribeArgs } from "../digest/subscription-args";
import { type FormProblem, readForm } from "../digest/subscription-form";
import { formatTimeOfDay, readWeekly, WEEKDAY_NUMBERS } from "../digest/weekly-schedule";
import type { Language } from "../i18n";
import { isKnownTimeZone } from "../i18n/format-time";
import type { Logger } from "../logger";
import type { RenderContext, SlackMessage } from "../render/context";
import { digestName } from "../render/describe-schedule";
import { renderSubscribeModal, type SubscribeModalValues } from "../render/subscribe-modal";
import {
  type Change,
  type DigestView,
  renderAnnouncement,
  renderDigestList,
  renderNotice,
  renderSubscribeErrors,
  renderSubscribeHelp,
} from "../render/subscriptions";
import type { Store } from "../store/store";
import type {
  DigestHealthRecord,
  DigestRun,
  Subscription,
  SubscriptionLimits,
} from "../store/types";
import { WAITING_FOR_SUPPORT } from "../tickets/states";
import type { AnswerPrivately, ChannelPorts, ReplaceInPlace, SubscribeModalPort } from "./ports";
import type { SlotRun } from "./subscription-run";

/**
 * A channel's own digests, managed where people work: `/tickets subscribe` (in one line, or
 * through a modal), `/tickets digests` and its buttons. Every change is announced in the
 * channel in one line, in the digest's own language, so a channel knows who set what.
 *
 * The request guard has already judged the person and the channel of every command and click;
 * a modal's submission names no channel, so its channel (from the modal's metadata) is judged
 * here again. Operator digests (DIGEST_*) are shown and never changed from Slack.
 */

export interface SubscriptionDeps {
  store: Pick<Store, "subscriptions" | "runs" | "health">;
  clock: Clock;
  logger: Pick<Logger, "info" | "warn" | "error">;
  /** The person's render context. */
  renderContext: () => RenderContext;
  /** A channel message's, in a digest's language and zone. */
  channelContext: (language: Language, timeZone: string) => RenderContext;
  defaults: DigestDefaults;
  limits: SubscriptionLimits;
  /** Whether this person may read tickets in this channel (the access rule, every setting). */
  mayRead: (userId: string, channelId: string) => Promise<boolean>;
  /** Posts the digest now, visibly, as its schedule would. */
  runNow: (subscription: Subscription) => Promise<SlotRun>;
}

/** Who asks, and from where. */
export interface Asker {
  workspaceId: string;
  userId: string;
  channelId: string;
}

/** Slack's codes for "the bot cannot post here": a subscription there is undone. */
const CANNOT_POST = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_non_threadable_channel",
  "restricted_action_thread_only_channel",
  "ekm_access_denied",
]);

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

// ----------------------------------------------------------------------------------------
// From the store to what people read

export const settingsOf = (subscription: Subscription, fallback: Language) => ({
  filter: readDigestFilter(subscription.filters),
  cron: subscription.schedule.cron,
  timeZone: subscription.schedule.timeZone,
  top: subscription.top,
  overdueHours: subscription.overdueHours,
  postWhenEmpty: subscription.postWhenEmpty,
  language: languageOr(subscription.language, fallback),
});

/** How many of a digest's runs `/tickets digests` shows, newest first. */
const RECENT_RUNS = 5;

const lastOf = (run: DigestRun | undefined): DigestView["last"] =>
  run && {
    at: run.finishedAt ?? run.claimedAt,
    outcome: run.outcome ?? "running",
    waitingCount: run.waitingCount,
    failure: decodeFailure(run.failure),
    messageTs: run.messageTs,
  };

/** A failing streak as `/tickets digests` shows it; nothing once it recovered. */
const failingOf = (health: DigestHealthRecord | undefined): DigestView["failing"] =>
  health?.failing && health.streak
    ? {
        since: health.streak.since,
        runs: health.streak.runs,
        told: health.told.channel === "failing",
      }
    : undefined;

const nextOf = (subscription: Subscription, now: Date): Date | undefined => {
  if (subscription.paused) return undefined;
  const compiled = slotSchedule(subscription.schedule.cron, subscription.schedule.timeZone);
  return "error" in compiled ? undefined : compiled.schedule.next(now);
};

export const viewOf = (
  subscription: Subscription,
  o: {
    now: Date;
    last?: DigestRun;
    fallback: Language;
    /** Its newest runs, newest first (the first is `last`'s). */
    recent?: readonly DigestRun[];
    health?: DigestHealthRecord;
  },
): DigestView => ({
  channelId: subscription.channelId,
  failing: failingOf(o.health),
  recent: (o.recent ?? []).map((run) => ({
    at: run.finishedAt ?? run.claimedAt,
    outcome: run.outcome ?? "running",
  })),
  id: subscription.id,
  ...settingsOf(subscription, o.fallback),
  paused: subscription.paused,
  operator: subscription.origin === "operator",
  createdBy: subscription.createdBy,
  createdAt: subscription.createdAt,
  next: nextOf(subscription, o.now),
  last: lastOf(o.last),
});

const toStored = (settings: DigestSettings) => ({
  filters: { ...settings.filter },
  schedule: { cron: settings.cron, timeZone: settings.timeZone },
  top: settings.top,
  overdueHours: settings.overdueHours,
  postWhenEmpty: settings.postWhenEmpty,
  language: settings.language,
});

// ----------------------------------------------------------------------------------------

export const createSubscriptionFlows = (deps: SubscriptionDeps) => {
  const { store, logger } = deps;
  const t = () => deps.renderContext().t.subscriptions;
  const notice = (...lines: string[]) => renderNotice(lines, deps.renderContext());
  const view = (
    subscription: Subscription,
    last?: DigestRun,
    history: { recent?: DigestRun[]; health?: DigestHealthRecord } = {},
  ) =>
    viewOf(subscription, {
      now: deps.clock.now(),
      last,
      fallback: deps.defaults.language,
      ...history,
    });

  const announce = (
    ports: ChannelPorts,
    subscription: Subscription,
    change: Change,
    by: string,
  ): Promise<Awaited<ReturnType<ChannelPorts["postInChannel"]>>> => {
    const ctx = deps.channelContext(
      languageOr(subscription.language, deps.defaults.language),
      subscription.schedule.timeZone,
    );
    return ports.postInChannel(subscription.channelId, renderAnnouncement(change, by, ctx));
  };

  const cannotPostLines = (why: "not-in-channel" | "private" | "archived" | string): string => {
    const a = t().answers;
    switch (why) {
      case "not-in-channel":
      case "not_in_channel":
        return a.notInChannel;
      case "private":
      case "channel_not_found":
        return a.privateChannel;
      case "archived":
      case "is_archived":
        return a.archived;
      default:
        return a.refused(why.replace(/[^a-z_]/g, ""));
    }
  };

  /** The store, or a private word that it could not be reached; nothing half-done. */
  const guarded = async <T>(
    ports: AnswerPrivately,
    work: () => Promise<T>,
  ): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      logger.error(`digests: the store failed: ${describe(error)}`);
      await ports.answerPrivately(notice(t().answers.storeFailed));
      return undefined;
    }
  };

  /** Saves a new digest, announces it, and undoes it when the channel refuses the bot. */
  const create = async (
    who: Asker,
    settings: DigestSettings,
    ports: AnswerPrivately & ChannelPorts,
  ): Promise<void> => {
    const a = t().answers;
    const check = await ports.checkChannel(who.channelId);
    if (check.kind === "cannot-post") {
      await ports.answerPrivately(notice(cannotPostLines(check.why), a.nothingSaved));
      return;
    }
    const result = await guarded(ports, () =>
      store.subscriptions.create(
        {
          ...toStored(settings),
          workspaceId: who.workspaceId,
          channelId: who.channelId,
          createdBy: who.userId,
        },
        deps.limits,
      ),
    );
    if (!result) return;
    if (!result.created) {
      await ports.answerPrivately(
        notice(
          result.limit === "channel"
            ? a.channelLimit(result.count, deps.limits.perChannel)
            : a.workspaceLimit(result.count, deps.limits.perWorkspace),
          a.nothingSaved,
        ),
      );
      return;
    }
    const { subscription } = result;
    const posted = await announce(
      ports,
      subscription,
      { kind: "created", digest: view(subscription) },
      who.userId,
    );
    if (!posted.posted && posted.reason !== undefined && CANNOT_POST.has(posted.reason)) {
      // The announcement is the proof the bot can post there: without it, nothing stays.
      await store.subscriptions
        .delete(subscription.id)
        .catch((error: unknown) =>
          logger.error(`digest ${subscription.id}: could not undo it: ${describe(error)}`),
        );
      logger.info(
        `digest not subscribed in ${who.channelId}: Slack refused the bot (${posted.reason})`,
      );
      await ports.answerPrivately(notice(cannotPostLines(posted.reason), a.nothingSaved));
      return;
    }
    logger.info(`digest ${subscription.id} subscribed in ${who.channelId} by ${who.userId}`);
    const ctx = deps.renderContext();
    const next = view(subscription).next;
    const lines = [
      a.subscribed(
        digestName(subscription.schedule.cron, ctx),
        next ? ctx.t.time.dateTime(next, ctx.timeZone) : undefined,
      ),
    ];
    if (!posted.posted)
      lines.push(a.notAnnounced((posted.reason ?? "error").replace(/[^a-z_]/g, "")));
    await ports.answerPrivately(notice(...lines));
  };

  /** What the modal shows for a new digest, or the one it edits. */
  const modalValues = (editing: Subscription | undefined): SubscribeModalValues => {
    const d = deps.defaults;
    if (!editing) {
      return {
        times: ["09:00"],
        days: [...WEEKDAY_NUMBERS],
        timeZone: d.timeZone,
        stateId: WAITING_FOR_SUPPORT,
        top: d.top,
        overdueHours: d.overdueHours,
        postWhenEmpty: d.postWhenEmpty,
        language: d.language,
      };
    }
    const s = settingsOf(editing, d.language);
    const weekly = readWeekly(s.cron);
    const filter = s.filter ?? {};
    return {
      times: weekly ? weekly.times.map(formatTimeOfDay) : [],
      days: weekly ? weekly.days : [],
      ...(weekly ? {} : { cron: s.cron }),
      timeZone: s.timeZone,
      stateId: filter.stateId ?? WAITING_FOR_SUPPORT,
      ...(filter.categoryId !== undefined && { categoryId: filter.categoryId }),
      ...(filter.subCategoryId !== undefined && { subCategoryId: filter.subCategoryId }),
      ...(filter.username !== undefined && { username: filter.username }),
      top: s.top,
      overdueHours: s.overdueHours,
      postWhenEmpty: s.postWhenEmpty,
      language: s.language,
    };
  };

  const openForm = async (
    who: Asker,
    editing: Subscription | undefined,
    ports: AnswerPrivately & ChannelPorts & SubscribeModalPort,
  ): Promise<void> => {
    const a = t().answers;
    if (!editing) {
      const check = await ports.checkChannel(who.channelId);
      if (check.kind === "cannot-post") {
        await ports.answerPrivately(notice(cannotPostLines(check.why)));
        return;
      }
      const count = await guarded(ports, () =>
        store.subscriptions.countForChannel(who.workspaceId, who.channelId),
      );
      if (count === undefined) return;
      if (count >= deps.limits.perChannel) {
        await ports.answerPrivately(notice(a.channelLimit(count, deps.limits.perChannel)));
        return;
      }
    }
    const inUse = await store.subscriptions.timeZones(who.workspaceId).catch(() => []);
    const ctx = deps.renderContext();
    const modal = renderSubscribeModal(
      {
        channelId: who.channelId,
        editing: editing !== undefined,
        values: modalValues(editing),
        zones: {
          inUse: inUse.map((z) => z.timeZone).filter(isKnownTimeZone),
          common: COMMON_ZONES.filter(isKnownTimeZone),
        },
      },
      ctx,
    );
    try {
      await ports.openSubscribeModal(modal, {
        channelId: who.channelId,
        ...(editing && { subscriptionId: editing.id }),
      });
    } catch (error) {
      logger.warn(`could not open the subscribe modal: ${describe(error)}`);
      await ports.answerPrivately(notice(a.modalFailed));
    }
  };

  /** The digest a click is about, if the clicker may change it from here; else says why not. */
  const editable = async (
    who: Asker,
    subscriptionId: number | undefined,
    ports: AnswerPrivately,
  ): Promise<Subscription | undefined> => {
    const a = t().answers;
    const subscription =
      subscriptionId === undefined
        ? undefined
        : await guarded(ports, () => store.subscriptions.get(subscriptionId));
    if (!subscription || subscription.workspaceId !== who.workspaceId) {
      await ports.answerPrivately(notice(a.gone));
      return undefined;
    }
    if (subscription.channelId !== who.channelId) {
      await ports.answerPrivately(notice(a.otherChannel));
      return undefined;
    }
    if (subscription.origin === "operator") {
      await ports.answerPrivately(notice(a.operatorOnly));
      return undefined;
    }
    return subscription;
  };

  const digestList = async (workspaceId: string, channelId: string): Promise<SlackMessage> => {
    const subscriptions = await store.subscriptions.listForChannel(workspaceId, channelId);
    // The operator's first: they are the channel's standing digests.
    subscriptions.sort((x, y) => Number(y.origin === "operator") - Number(x.origin === "operator"));
    const views = await Promise.all(
      subscriptions.map(async (s) => {
        const [recent, health] = await Promise.all([
          store.runs.lastRuns(s.id, RECENT_RUNS),
          store.health.get(s.id),
        ]);
        return view(s, recent[0], { recent, health });
      }),
    );
    return renderDigestList(views, deps.renderContext());
  };

  return {
    /** `/tickets subscribe …`: the modal when nothing follows, else the one-line form. */
    async subscribe(
      who: Asker,
      text: string,
      ports: AnswerPrivately & ChannelPorts & SubscribeModalPort,
    ): Promise<void> {
      if (text.trim() === "") return openForm(who, undefined, ports);
      const parsed = parseSubscribeArgs(text);
      if (!parsed.ok) {
        await ports.answerPrivately(renderSubscribeErrors(parsed.errors, deps.renderContext()));
        return;
      }
      if ("help" in parsed) {
        await ports.answerPrivately(renderSubscribeHelp(deps.renderContext()));
        return;
      }
      const settings = resolveDraft(parsed.draft, deps.defaults);
      const problem = scheduleProblem(settings.cron, settings.timeZone);
      if (problem) {
        await ports.answerPrivately(
          renderSubscribeErrors(
            [{ kind: "bad-cron", token: settings.cron, problem }],
            deps.renderContext(),
          ),
        );
        return;
      }
      await create(who, settings, ports);
    },

    /** `/tickets digests`: this channel's digests, privately. */
    async list(who: Asker, ports: AnswerPrivately): Promise<void> {
      const message = await guarded(ports, () => digestList(who.workspaceId, who.channelId));
      if (message) await ports.answerPrivately(message);
    },

    /** Edit: the modal, filled in with the digest as it is. */
    async edit(
      who: Asker,
      subscriptionId: number | undefined,
      ports: AnswerPrivately & ChannelPorts & SubscribeModalPort,
    ): Promise<void> {
      const subscription = await editable(who, subscriptionId, ports);
      if (subscription) await openForm(who, subscription, ports);
    },

    /** Pause, Resume and Delete: done, announced in the channel, and the list shown again. */
    async change(
      who: Asker,
      action: "pause" | "resume" | "delete",
      subscriptionId: number | undefined,
      ports: AnswerPrivately & ReplaceInPlace & ChannelPorts,
    ): Promise<void> {
      const subscription = await editable(who, subscriptionId, ports);
      if (!subscription) return;
      const before = view(subscription);
      const done = await guarded(ports, async () =>
        action === "delete"
          ? (await store.subscriptions.delete(subscription.id))
            ? subscription
            : undefined
          : store.subscriptions.setPaused(subscription.id, action === "pause", who.userId),
      );
      if (done === undefined) return;
      if (!done) {
        await ports.answerPrivately(notice(t().answers.gone));
        return;
      }
      logger.info(`digest ${subscription.id} ${action}d in ${who.channelId} by ${who.userId}`);
      const kind = action === "delete" ? "deleted" : action === "pause" ? "paused" : "resumed";
      await announce(ports, done, { kind, digest: before }, who.userId);
      const list = await guarded(ports, () => digestList(who.workspaceId, who.channelId));
      if (list) await ports.replaceInPlace(list);
    },

    /** Run now: the digest posted visibly now; the list again, or why nothing was posted. */
    async runNow(
      who: Asker,
      subscriptionId: number | undefined,
      ports: AnswerPrivately & ReplaceInPlace,
    ): Promise<void> {
      const a = t().answers;
      const subscription = await guarded(ports, async () =>
        subscriptionId === undefined ? undefined : store.subscriptions.get(subscriptionId),
      );
      if (!subscription || subscription.workspaceId !== who.workspaceId) {
        await ports.answerPrivately(notice(a.gone));
        return;
      }
      if (subscription.channelId !== who.channelId) {
        await ports.answerPrivately(notice(a.otherChannel));
        return;
      }
      const run = await deps.runNow(subscription);
      if (run.kind === "gone") {
        await ports.answerPrivately(notice(a.gone));
        return;
      }
      if (run.kind === "taken") {
        await ports.answerPrivately(notice(a.runTaken));
      } else if (run.report.outcome === "failed" || run.report.outcome === "skipped") {
        await ports.answerPrivately(
          notice(a.runFailed(run.report.errorCause ?? run.report.outcome)),
        );
      } else if (run.report.outcome === "empty") {
        await ports.answerPrivately(notice(a.runEmpty));
      }
      const list = await guarded(ports, () => digestList(who.workspaceId, who.channelId));
      if (list) await ports.replaceInPlace(list);
    },

    /**
     * The modal submitted. `respond` is the submission's ack: field errors keep the modal open,
     * a notice replaces it, `close` closes it (then the answer goes through `response_url`).
     */
    async submit(
      who: Omit<Asker, "channelId">,
      target: { channelId: string; subscriptionId?: number } | undefined,
      form: SubscribeForm | undefined,
      ports: AnswerPrivately &
        ChannelPorts & {
          respond(
            answer:
              | { errors: Partial<Record<SubscribeField, string>> }
              | { notice: SlackMessage }
              | { close: true },
          ): Promise<void>;
        },
    ): Promise<void> {
      const a = t().answers;
      if (!target || !form) {
        logger.warn("a subscribe modal came back without what it was opened with; nothing saved");
        await ports.respond({ notice: notice(a.gone) });
        return;
      }
      const asker: Asker = { ...who, channelId: target.channelId };
      if (!(await deps.mayRead(who.userId, target.channelId))) {
        logger.warn(`refused ${who.userId} a digest in ${target.channelId}: access settings`);
        await ports.respond({
          notice: notice(deps.renderContext().t.access.channelNotAllowed, a.nothingSaved),
        });
        return;
      }
      const read = readForm(form);
      if (!read.ok) {
        await ports.respond({ errors: problemTexts(read.problems, deps.renderContext()) });
        return;
      }
      const settings = resolveDraft(read.draft, deps.defaults);

      if (target.subscriptionId === undefined) {
        await ports.respond({ close: true });
        await create(asker, settings, ports);
        return;
      }

      const editing = await guarded(ports, () =>
        store.subscriptions.get(target.subscriptionId ?? 0),
      );
      const refusal =
        !editing || editing.workspaceId !== who.workspaceId
          ? a.gone
          : editing.channelId !== target.channelId
            ? a.otherChannel
            : editing.origin === "operator"
              ? a.operatorOnly
              : undefined;
      if (!editing || refusal) {
        await ports.respond({ notice: notice(refusal ?? a.gone) });
        return;
      }
      const updated = await guarded(ports, () =>
        store.subscriptions.update(editing.id, toStored(settings), who.userId),
      );
      if (updated === undefined) {
        await ports.respond({ close: true });
        return;
      }
      if (!updated) {
        await ports.respond({ notice: notice(a.gone) });
        return;
      }
      await ports.respond({ close: true });
      logger.info(`digest ${updated.id} changed in ${target.channelId} by ${who.userId}`);
      await announce(
        ports,
        updated,
        { kind: "changed", before: view(editing), digest: view(updated) },
        who.userId,
      );
      const ctx = deps.renderContext();
      await ports.answerPrivately(notice(a.saved(digestName(updated.schedule.cron, ctx))));
    },
  };
};

/** Each field's problem in words, for `response_action: "errors"`. */
const problemTexts = (
  problems: Partial<Record<SubscribeField, FormProblem>>,
  ctx: RenderContext,
): Partial<Record<SubscribeField, string>> => {
  const p = ctx.t.subscriptions.modal.problems;
  const text = (problem: FormProblem): string => {
    switch (problem.kind) {
      case "no-time":
        return p.noTime;
      case "bad-time":
        return p.badTime;
      case "minutes-differ":
        return p.minutesDiffer(problem.first);
      case "no-days":
        return p.noDays;
      case "bad-cron":
        return p.badCron(problem.problem);
      case "unknown-zone":
        return p.unknownZone;
      case "bad-state":
        return p.badState;
      case "not-an-id":
        return p.notAnId(problem.max);
      case "too-long":
        return p.tooLong(problem.max);
      case "out-of-range":
        return p.outOfRange(problem.min, problem.max);
      case "bad-language":
        return p.badLanguage;
    }
  };
  return Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [field, text(problem as FormProblem)]),
  );
};

export type SubscriptionFlows = ReturnType<typeof createSubscriptionFlows>;
