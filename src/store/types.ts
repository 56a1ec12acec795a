/**
 * What the store keeps, in the bot's terms. Filters are kept as the ticket domain hands them over
 * (a JSON object): the store neither knows nor checks the filter grammar, so the grammar can grow
 * without a migration. Times are `Date`s, flags booleans, absent values `undefined`.
 */

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };
export type Filters = { readonly [key: string]: JsonValue };

export type SubscriptionOrigin = "slack" | "operator";

export interface Schedule {
  /**
   * A 5-field cron expression; times-and-weekdays from the modal are written as one. An operator
   * digest whose DIGEST_SCHEDULE is `off` keeps `off` here (and is paused: it has no slots).
   */
  cron: string;
  /** IANA time zone the cron runs in. */
  timeZone: string;
}

/** What a person (or an operator's configuration) chooses about a digest. */
export interface SubscriptionSettings {
  filters: Filters;
  schedule: Schedule;
  top: number;
  overdueHours: number;
  postWhenEmpty: boolean;
  language: string;
}

export interface Subscription extends SubscriptionSettings {
  id: number;
  workspaceId: string;
  channelId: string;
  paused: boolean;
  origin: SubscriptionOrigin;
  /** Operator digests only: the name the configuration gives it, stable across restarts. */
  operatorKey: string | undefined;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

export interface NewSubscription extends SubscriptionSettings {
  workspaceId: string;
  channelId: string;
  createdBy: string;
  paused?: boolean;
}

export interface SubscriptionLimits {
  perChannel: number;
  perWorkspace: number;
}

export type CreateSubscriptionResult =
  | { created: true; subscription: Subscription }
  | { created: false; limit: "channel" | "workspace"; count: number };

/** An operator digest as the configuration defines it (DIGEST_* settings). */
export interface OperatorSubscription extends SubscriptionSettings {
  key: string;
  channelId: string;
  /** Not scheduled (DIGEST_SCHEDULE=off): posted only when `npm run digest` asks. */
  paused?: boolean;
}

/** A time zone the workspace's digests use, and how many use it. */
export interface ZoneUse {
  timeZone: string;
  count: number;
}

/**
 * `posted`: the digest went out; `empty`: nothing waited and nothing was posted; `failed`: it
 * could not be built or posted; `skipped`: not attempted (paused, or no longer allowed there).
 */
export const RUN_OUTCOMES = ["posted", "empty", "failed", "skipped"] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export interface DigestRun {
  id: number;
  subscriptionId: number;
  /** The scheduled time this run is for: with the subscription, the exactly-once key. */
  slot: Date;
  claimedBy: string;
  claimedAt: Date;
  leaseUntil: Date;
  attempt: number;
  /** `undefined` while the run is in progress (or its owner died). */
  outcome: RunOutcome | undefined;
  messageTs: string | undefined;
  postedAt: Date | undefined;
  waitingCount: number | undefined;
  errorClass: string | undefined;
  errorCause: string | undefined;
  /** The kind of failure in plain terms (digest/failure.ts writes and reads it). */
  failure?: string | undefined;
  finishedAt: Date | undefined;
}

/** Proof of holding a slot; `attempt` fences off an owner whose lease was taken over. */
export interface Claim {
  runId: number;
  subscriptionId: number;
  slot: Date;
  owner: string;
  attempt: number;
  leaseUntil: Date;
  /** The slot had been claimed before by an owner that let its lease expire (or that failed). */
  takenOver: boolean;
}

export type ClaimResult =
  | { claimed: true; claim: Claim }
  /** Someone holds the slot, or finished it: `run` says who and how. */
  | { claimed: false; reason: "taken"; run: DigestRun }
  /** The subscription was deleted. */
  | { claimed: false; reason: "gone" };

export type RecordPostedResult =
  | { recorded: true }
  /** Another owner recorded its own message for this slot first: the slot was posted twice. */
  | { recorded: false; reason: "posted-by-another"; existingTs: string }
  /** The subscription (and so the run) was deleted meanwhile. */
  | { recorded: false; reason: "gone" };

export interface RunReport {
  outcome: RunOutcome;
  waitingCount?: number;
  /** A fixed name such as `TicketApiAuthError`, for grouping; never user text. */
  errorClass?: string;
  /** One line for people; kept to 500 characters. */
  errorCause?: string;
  /** The kind of failure in plain terms, for what people and operators are told. */
  failure?: string;
}

export interface Snapshot {
  subscriptionId: number;
  runId: number | undefined;
  takenAt: Date;
  /** Whatever the caller uses to tell whether two snapshots were taken with the same filters. */
  filtersKey: string;
  /** Every page was read: the set is exact. */
  complete: boolean;
  /** Ascending, without repeats. */
  ids: number[];
}

export type NewSnapshot = {
  subscriptionId: number;
  runId: number | undefined;
  takenAt: Date;
  filtersKey: string;
  complete: boolean;
} & (
  | { ids: Iterable<number> }
  /** Already written by `encodeIdSet` (a digest's `waitingIds`): stored as it is. */
  | { encodedIds: Uint8Array }
);

/**
 * What one audience of a digest has been told about its health: `ok` nothing (or that it works
 * again), `failing` that it is failing, `unreached` a failure notice was tried and refused (it
 * never heard, so it is not told of the recovery either).
 */
export const TOLD = ["ok", "failing", "unreached"] as const;
export type Told = (typeof TOLD)[number];

/** Who hears of a digest's failures: its channel, and the operators' ALERT_CHANNEL. */
export type Audience = "channel" | "alerts";

/** A finished run, as the digest's health takes it in. */
export interface FinishedRun {
  runId: number | undefined;
  slot: Date;
  outcome: RunOutcome;
  finishedAt: Date;
  waitingCount?: number;
  messageTs?: string;
  failure?: string;
}

/** A run of failed runs, from the first to the latest (or the last, once it recovered). */
export interface FailingStreak {
  /** The slot of its first failed run. */
  since: Date;
  runs: number;
  /** The latest failure's kind. */
  failure: string | undefined;
}

/** A digest's health as the store keeps it: one record per subscription that has run. */
export interface DigestHealthRecord {
  subscriptionId: number;
  lastRun: FinishedRun;
  /** When it last posted (or found nothing to post), however old: not pruned with the runs. */
  lastSuccessAt: Date | undefined;
  failing: boolean;
  /** The current streak while failing; after a recovery, the last one (a recovery notice's). */
  streak: FailingStreak | undefined;
  told: Record<Audience, Told>;
  /** A notice being posted now, by whom, until when. */
  notice: { owner: string; leaseUntil: Date; attempt: number } | undefined;
}

/** Proof of holding a digest's notices: `attempt` fences off an owner whose lease ran out. */
export interface NoticeClaim {
  subscriptionId: number;
  owner: string;
  attempt: number;
  leaseUntil: Date;
}

export interface Preferences {
  language: string;
}

/** A view belongs to one person, or to the whole workspace (shared). */
export type ViewOwner = { user: string } | "workspace";

export interface SavedView {
  id: number;
  workspaceId: string;
  owner: ViewOwner;
  name: string;
  filters: Filters;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewView {
  workspaceId: string;
  owner: ViewOwner;
  name: string;
  filters: Filters;
  createdBy: string;
}

export type SaveViewResult =
  | { saved: true; view: SavedView; replaced: boolean }
  | { saved: false; limit: "owner"; count: number }
  /** A shared view of that name that someone else made: only its maker replaces it. */
  | { saved: false; takenBy: string };
