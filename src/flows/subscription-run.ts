import { filtersKeyOf, type PreviousRun } from "../digest/changes";
import { classifyFailure, decodeFailure, encodeFailure, type FailureKind } from "../digest/failure";
import { definitionOf, languageOr, readDigestFilter } from "../digest/subscription";
import type { DigestOutcome } from "../digest/types";
import type { Language } from "../i18n";
import type { Logger } from "../logger";
import type { RenderContext, SlackMessage } from "../render/context";
import {
  renderFailingAlert,
  renderFailingNotice,
  renderRecoveredAlert,
  renderRecoveredNotice,
} from "../render/digest-notice";
import type {
  HealthRepository,
  RunRepository,
  SnapshotRepository,
  SubscriptionRepository,
} from "../store/store";
import type {
  Audience,
  Claim,
  DigestHealthRecord,
  DigestRun,
  RunReport,
  Subscription,
} from "../store/types";
import { type DigestDeps, runDigest } from "./digest";

/**
 * One slot of one subscription, posted at most once whoever else runs it: claim the slot in the
 * store, build and post the digest while the claim is held (renewing its lease), record the
 * message's `ts` the moment Slack accepts it, then the outcome.
 *
 * A claim whose owner died is taken over once its lease runs out, so no slot is silently lost.
 * The one way a slot is posted twice: an owner dies (or loses the database) after Slack
 * accepted its post and before the `ts` was recorded; the next owner cannot tell, and posts
 * again. Both ends of that are logged: the take-over says so, and a `ts` that could not be
 * recorded is logged as an error naming the slot.
 */

export interface SlotRunnerDeps {
  runs: RunRepository;
  subscriptions: Pick<SubscriptionRepository, "get">;
  /** What a digest is built on; its render context and poster are the subscription's own. */
  digest: Omit<DigestDeps, "renderContext" | "post">;
  /** How a channel message reads in this language and zone (words, dates). */
  channelContext: (language: Language, timeZone: string) => RenderContext;
  /** Posts as the bot and resolves with the message's `ts`; rejects with an operator's sentence. */
  postMessage: (channelId: string, message: SlackMessage) => Promise<string>;
  /** The channel rules (ALLOWED_CHANNEL_IDS), asked again before every post. */
  mayPostIn: (channelId: string, creatorId: string) => Promise<boolean>;
  logger: Pick<Logger, "info" | "warn" | "error">;
  /** Who claims: unique per process (host, pid, a random part). */
  owner: string;
  /** How long a claim holds without renewal (default 60 s). */
  leaseMs?: number;
  /** How often a held claim is renewed, in real time (default a third of the lease). */
  renewEveryMs?: number;
  /** The catalog of a subscription whose language this version does not have. */
  fallbackLanguage: Language;
  /**
   * Ends every run still collecting (the bot shutting down after its grace): nothing is posted,
   * and the claim is left to expire, so that another process (or this one, restarted) takes the
   * slot over instead of it being recorded as failed.
   */
  signal?: AbortSignal;
  /**
   * A digest that remembers: compares with its last successful run (`snapshots`), keeps its
   * health (`health`) and speaks once when it starts failing and once when it works again, in
   * its channel and in `alertChannel` (ALERT_CHANNEL), when set.
   */
  memory?: {
    snapshots: SnapshotRepository;
    health: HealthRepository;
    alertChannel?: string;
  };
}

export interface SlotRequest {
  /** Asked for now (Run now, `--now`): runs even when paused, and retries a failed slot. */
  manual?: boolean;
  /** Take over a slot whose run failed without posting (a retried `npm run digest`). */
  retryFailed?: boolean;
}

export type SlotRun =
  /** This process ran the slot; `report` is what the run history says. */
  | {
      kind: "ran";
      subscription: Subscription;
      outcome: DigestOutcome | undefined;
      report: RunReport;
    }
  /** Someone else holds or finished the slot. */
  | { kind: "taken"; run: DigestRun }
  /** The subscription was deleted. */
  | { kind: "gone" };

export const DEFAULT_LEASE_MS = 60_000;

class ClaimLostError extends Error {
  override readonly name = "ClaimLostError";
  constructor() {
    super("another process took this slot over (this one stalled past its lease): not posted");
  }
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** The run history's words for how a digest run ended. */
export const reportOf = (outcome: DigestOutcome): RunReport => {
  if (outcome.kind === "not-built") {
    const error = outcome.error;
    return {
      outcome: "failed",
      errorClass: error instanceof Error ? error.name : "Error",
      errorCause: error instanceof Error ? error.message : String(error),
      failure: encodeFailure(classifyFailure(error)),
    };
  }
  const waitingCount = outcome.kind === "posted" ? outcome.total : 0;
  const [failed] = outcome.failed;
  if (failed) {
    return {
      outcome: "failed",
      waitingCount,
      errorClass: "DigestPostError",
      errorCause: failed.reason,
      failure: encodeFailure(classifyFailure(failed.error)),
    };
  }
  return { outcome: outcome.posted.length > 0 ? "posted" : "empty", waitingCount };
};

const slotName = (subscription: Subscription, slot: Date) =>
  `digest ${subscription.id} (${subscription.channelId}) slot ${slot.toISOString()}`;

const audiencesOf = (memory: NonNullable<SlotRunnerDeps["memory"]>): Audience[] =>
  memory.alertChannel ? ["channel", "alerts"] : ["channel"];

/** Failing and not told so, or told so and working again. */
const owesNotice = (record: DigestHealthRecord, audiences: readonly Audience[]) =>
  audiences.some((a) => (record.failing ? record.told[a] === "ok" : record.told[a] === "failing"));

export const createSlotRunner = (deps: SlotRunnerDeps) => {
  const { runs, logger } = deps;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const renewEveryMs = deps.renewEveryMs ?? Math.floor(leaseMs / 3);

  /** Records the outcome, and the digest's health; `false` when the claim was taken over. */
  const finish = async (
    claim: Claim,
    report: RunReport,
    name: string,
    subscription?: Subscription,
    messageTs?: string,
  ): Promise<boolean> => {
    const recorded = await runs.recordOutcome(claim, report).catch((error: unknown) => {
      logger.error(
        `${name}: its outcome (${report.outcome}) could not be recorded: ${describe(error)}`,
      );
      return true;
    });
    if (!recorded) {
      logger.warn(`${name}: another process took it over before it finished`);
      return false;
    }
    if (deps.memory && subscription) {
      await keepHealth(deps.memory, subscription, claim, report, name, messageTs);
    }
    return true;
  };

  /** Folds the run into the digest's health, then tells whoever is owed a notice. */
  const keepHealth = async (
    memory: NonNullable<SlotRunnerDeps["memory"]>,
    subscription: Subscription,
    claim: Claim,
    report: RunReport,
    name: string,
    messageTs: string | undefined,
  ) => {
    try {
      const record = await memory.health.recordRun(subscription.id, {
        runId: claim.runId,
        slot: claim.slot,
        outcome: report.outcome,
        finishedAt: deps.digest.clock.now(),
        ...(report.waitingCount !== undefined && { waitingCount: report.waitingCount }),
        ...(messageTs !== undefined && { messageTs }),
        ...(report.failure !== undefined && { failure: report.failure }),
      });
      // Most runs owe nobody a notice: no claim (a write) for them.
      if (record && owesNotice(record, audiencesOf(memory)))
        await speak(memory, subscription, name);
    } catch (error) {
      logger.error(`${name}: its health could not be recorded: ${describe(error)}`);
    }
  };

  /**
   * A failing digest speaks once, and once when it works again: the store hands the notices
   * to one process at a time, and remembers what each audience was told.
   */
  const speak = async (
    memory: NonNullable<SlotRunnerDeps["memory"]>,
    subscription: Subscription,
    name: string,
    lookAgain = true,
  ): Promise<void> => {
    const audiences = audiencesOf(memory);
    const claimed = await memory.health.claimNotices(
      subscription.id,
      deps.owner,
      leaseMs,
      audiences,
    );
    if (!claimed) return;
    const { claim, record } = claimed;
    try {
      for (const audience of audiences) {
        if (!owesNotice(record, [audience])) continue;
        if (!(await memory.health.holdsNotices(claim, leaseMs))) return;
        const where = audience === "channel" ? subscription.channelId : memory.alertChannel;
        if (where === undefined) continue;
        const message = noticeOf(subscription, record, audience);
        try {
          await deps.postMessage(where, message);
          await memory.health.recordTold(claim, audience, record.failing ? "failing" : "ok");
          logger.info(
            `${name}: ${record.failing ? "failure" : "recovery"} notice posted to ${where}`,
          );
        } catch (error) {
          logger.error(
            `${name}: its ${record.failing ? "failure" : "recovery"} notice could not be posted to ${where}: ${describe(error)}`,
          );
          // Who never heard of the failure is not told of the recovery either; a recovery
          // notice refused is not tried again at every run.
          await memory.health.recordTold(claim, audience, record.failing ? "unreached" : "ok");
        }
      }
    } finally {
      await memory.health.releaseNotices(claim);
    }
    // Another run may have changed what is owed while this one spoke (a recovery found the
    // notices held): it told nobody, so this process does, once, rather than its next run.
    if (!lookAgain) return;
    const now = await memory.health.get(subscription.id);
    if (now && owesNotice(now, audiences)) await speak(memory, subscription, name, false);
  };

  const noticeOf = (subscription: Subscription, record: DigestHealthRecord, audience: Audience) => {
    const language =
      audience === "channel"
        ? languageOr(subscription.language, deps.fallbackLanguage)
        : deps.fallbackLanguage;
    const ctx = deps.channelContext(language, subscription.schedule.timeZone);
    const data = {
      cron: subscription.schedule.cron,
      channelId: subscription.channelId,
      failure: decodeFailure(record.streak?.failure ?? record.lastRun.failure),
      runs: record.streak?.runs ?? 1,
    };
    if (audience === "channel")
      return record.failing ? renderFailingNotice(data, ctx) : renderRecoveredNotice(data, ctx);
    return record.failing ? renderFailingAlert(data, ctx) : renderRecoveredAlert(data, ctx);
  };

  /** What the last successful run left to compare with; `"unreadable"` when it cannot be read. */
  const recall = async (
    subscriptionId: number,
    name: string,
  ): Promise<PreviousRun | undefined | "unreadable"> => {
    if (!deps.memory) return undefined;
    try {
      return await deps.memory.snapshots.get(subscriptionId);
    } catch (error) {
      logger.warn(`${name}: its last run's tickets could not be read: ${describe(error)}`);
      return "unreadable";
    }
  };

  /**
   * Keeps this run's tickets for the next to compare with, replacing the last: only after a
   * successful run, and only an exact set (an approximate one leaves the last exact set, whose
   * time the next digest names).
   */
  const remember = async (
    subscriptionId: number,
    claim: Claim,
    filtersKey: string,
    outcome: DigestOutcome,
    name: string,
  ) => {
    if (!deps.memory || outcome.kind === "not-built" || outcome.failed.length > 0) return;
    const memory = outcome.memory;
    if (!memory || memory.approximate) return;
    try {
      await deps.memory.snapshots.put({
        subscriptionId,
        runId: claim.runId,
        takenAt: memory.takenAt,
        filtersKey,
        complete: true,
        encodedIds: memory.waitingIds,
      });
    } catch (error) {
      logger.warn(`${name}: its tickets could not be kept for the next run: ${describe(error)}`);
    }
  };

  const runClaimed = async (
    loaded: Subscription,
    claim: Claim,
    request: SlotRequest,
  ): Promise<SlotRun> => {
    const name = slotName(loaded, claim.slot);
    // Read again: it may have been paused, edited or deleted since the scheduler loaded it.
    const subscription = await deps.subscriptions.get(loaded.id);
    if (!subscription) return { kind: "gone" };
    const skip = async (why: string, errorClass: string): Promise<SlotRun> => {
      const report: RunReport = { outcome: "skipped", errorClass, errorCause: why };
      await finish(claim, report, name, subscription);
      return { kind: "ran", subscription, outcome: undefined, report };
    };
    if (subscription.paused && !request.manual) return skip("paused", "Paused");
    // A digest that can never post again fails (and says so once), instead of skipping in silence.
    const cannotPost = async (why: string, errorClass: string, kind: FailureKind) => {
      const report: RunReport = {
        outcome: "failed",
        errorClass,
        errorCause: why,
        failure: encodeFailure({ kind }),
      };
      await finish(claim, report, name, subscription);
      return { kind: "ran", subscription, outcome: undefined, report } satisfies SlotRun;
    };
    const filter = readDigestFilter(subscription.filters);
    if (!filter) {
      logger.error(
        `${name}: its filters cannot be read (${JSON.stringify(subscription.filters)}); not posted`,
      );
      return cannotPost("its filters cannot be read", "StoredDataError", "stored-filters");
    }
    if (!(await deps.mayPostIn(subscription.channelId, subscription.createdBy))) {
      logger.warn(
        `${name}: not posted, ALLOWED_CHANNEL_IDS does not allow ${subscription.channelId} any more`,
      );
      return cannotPost(
        "ALLOWED_CHANNEL_IDS does not allow this channel",
        "AccessDenied",
        "channel-not-allowed",
      );
    }

    const language = languageOr(subscription.language, deps.fallbackLanguage);
    const filtersKey = filtersKeyOf(filter);
    const previous = await recall(subscription.id, name);
    let messageTs: string | undefined;
    const post = async (channelId: string, message: SlackMessage) => {
      // Never post on a claim someone else holds now: this process may have stalled.
      if (!(await runs.renew(claim, leaseMs))) throw new ClaimLostError();
      const ts = await deps.postMessage(channelId, message);
      messageTs = ts;
      try {
        const recorded = await runs.recordPosted(claim, ts);
        if (!recorded.recorded && recorded.reason === "posted-by-another") {
          logger.error(
            `${name} was posted twice (messages ${recorded.existingTs} and ${ts}): its first owner stopped after posting and before recording it`,
          );
        }
      } catch (error) {
        logger.error(
          `${name} was posted (message ${ts}) but that could not be recorded (${describe(error)}): if this process stops before finishing, another may post this slot again`,
        );
      }
    };
    const outcome = await runDigest(
      {
        ...deps.digest,
        renderContext: () => deps.channelContext(language, subscription.schedule.timeZone),
        post,
      },
      {
        definition: definitionOf({ ...subscription, filter }),
        slot: claim.slot,
        channels: [subscription.channelId],
        signal: deps.signal,
        ...(deps.memory && { remember: { previous, filtersKey } }),
      },
    );
    if (deps.signal?.aborted && outcome.kind === "not-built") {
      logger.warn(
        `${name} was stopped by the shutdown before it was posted; its claim is left to expire, for another process to take over`,
      );
      return { kind: "ran", subscription, outcome, report: reportOf(outcome) };
    }
    const report = reportOf(outcome);
    await remember(subscription.id, claim, filtersKey, outcome, name);
    await finish(claim, report, name, subscription, messageTs);
    return { kind: "ran", subscription, outcome, report };
  };

  /** Runs one slot of `subscription`, unless another process holds or finished it. */
  const runSlot = async (
    subscription: Subscription,
    slot: Date,
    request: SlotRequest = {},
  ): Promise<SlotRun> => {
    const name = slotName(subscription, slot);
    const claimed = await runs.claimSlot(subscription.id, slot, deps.owner, leaseMs, {
      retryFailed: request.retryFailed ?? request.manual ?? false,
    });
    if (!claimed.claimed)
      return claimed.reason === "gone" ? { kind: "gone" } : { kind: "taken", run: claimed.run };
    const { claim } = claimed;
    if (claim.takenOver) {
      logger.warn(
        `${name}: taken over (attempt ${claim.attempt}) from an owner whose lease ran out or whose run failed; had it posted just before it stopped, this slot is now posted twice`,
      );
    }
    let current = claim;
    const renewal = setInterval(() => {
      void runs.renew(current, leaseMs).then(
        (renewed) => {
          if (renewed) current = renewed;
        },
        (error: unknown) =>
          logger.warn(`${name}: its claim could not be renewed: ${describe(error)}`),
      );
    }, renewEveryMs);
    renewal.unref?.();
    try {
      return await runClaimed(subscription, claim, request);
    } catch (error) {
      logger.error(`${name} failed: ${describe(error)}`);
      const report: RunReport = {
        outcome: "failed",
        errorClass: error instanceof Error ? error.name : "Error",
        errorCause: error instanceof Error ? error.message : String(error),
        failure: encodeFailure(classifyFailure(error)),
      };
      await finish(claim, report, name, subscription);
      return { kind: "ran", subscription, outcome: undefined, report };
    } finally {
      clearInterval(renewal);
    }
  };

  return { runSlot, owner: deps.owner, leaseMs };
};

export type SlotRunner = ReturnType<typeof createSlotRunner>;
