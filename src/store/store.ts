import type {
  Audience,
  Claim,
  ClaimResult,
  CreateSubscriptionResult,
  DigestHealthRecord,
  DigestRun,
  FinishedRun,
  NewSnapshot,
  NewSubscription,
  NewView,
  NoticeClaim,
  OperatorSubscription,
  Preferences,
  RecordPostedResult,
  RunReport,
  SavedView,
  SaveViewResult,
  Snapshot,
  Subscription,
  SubscriptionLimits,
  SubscriptionSettings,
  Told,
  ViewOwner,
  ZoneUse,
} from "./types";

/**
 * The persistence port: domain operations, no SQL. Every call reads the database itself (no
 * cache in the process), so what one replica or `npm run digest` writes, every other sees at once.
 */

export interface SubscriptionRepository {
  /** Refused, with the count, when the channel or the workspace is already at its limit. */
  create(input: NewSubscription, limits: SubscriptionLimits): Promise<CreateSubscriptionResult>;
  get(id: number): Promise<Subscription | undefined>;
  /** `undefined` when there is no such subscription. */
  update(
    id: number,
    changes: Partial<SubscriptionSettings>,
    by: string,
  ): Promise<Subscription | undefined>;
  setPaused(id: number, paused: boolean, by: string): Promise<Subscription | undefined>;
  /** Its runs and snapshot go with it. `false` when there was nothing to delete. */
  delete(id: number): Promise<boolean>;
  listForChannel(workspaceId: string, channelId: string): Promise<Subscription[]>;
  listForWorkspace(workspaceId: string): Promise<Subscription[]>;
  /** Every subscription of every workspace, for the scheduler. */
  listAll(): Promise<Subscription[]>;
  countForChannel(workspaceId: string, channelId: string): Promise<number>;
  countForWorkspace(workspaceId: string): Promise<number>;
  /** The zones the workspace's digests are scheduled in, the most used first. */
  timeZones(workspaceId: string): Promise<ZoneUse[]>;
  /**
   * Makes the workspace's operator digests exactly `desired` (keyed by `key`): adds, updates and
   * removes. Safe when several replicas do it at once.
   */
  syncOperator(workspaceId: string, desired: readonly OperatorSubscription[]): Promise<void>;
  /**
   * A number that changes whenever any subscription is created, changed or deleted, anywhere:
   * one cheap read for a scheduler that polls, reloading only when it moved.
   */
  changeVersion(): Promise<number>;
}

export interface RunRepository {
  /**
   * Claims one scheduled slot of a subscription for `owner`, for `leaseMs`. Exactly one of any
   * number of concurrent claimers succeeds. A claim whose lease expired with no message recorded
   * is taken over; with `retryFailed`, so is a slot whose run failed without posting.
   */
  claimSlot(
    subscriptionId: number,
    slot: Date,
    owner: string,
    leaseMs: number,
    options?: { retryFailed?: boolean },
  ): Promise<ClaimResult>;
  /** Extends a claim still held; `undefined` when it was taken over or finished meanwhile. */
  renew(claim: Claim, leaseMs: number): Promise<Claim | undefined>;
  /** Records the posted message's `ts` right after Slack accepted it. */
  recordPosted(claim: Claim, messageTs: string): Promise<RecordPostedResult>;
  /** Finishes the run; `false` when the claim had been taken over (nothing is written then). */
  recordOutcome(claim: Claim, report: RunReport): Promise<boolean>;
  get(runId: number): Promise<DigestRun | undefined>;
  /** Newest slot first. */
  lastRuns(subscriptionId: number, count: number): Promise<DigestRun[]>;
  /** The newest run that posted, or found nothing to post. */
  lastSuccess(subscriptionId: number): Promise<DigestRun | undefined>;
  /** Deletes finished runs of slots before `cutoff`, keeping each subscription's newest `keep`. */
  prune(cutoff: Date, keep: number): Promise<number>;
}

export interface SnapshotRepository {
  /**
   * Replaces the subscription's snapshot: only the newest is kept. `false` when the subscription
   * (or the run) was deleted meanwhile, and there is nothing to remember.
   */
  put(snapshot: NewSnapshot): Promise<boolean>;
  get(subscriptionId: number): Promise<Snapshot | undefined>;
}

/**
 * Each digest's health: its last run, its last success, whether it is failing and since when,
 * and what its channel and the operators' ALERT_CHANNEL were told (so that a failing digest
 * speaks once, and once when it recovers, whichever replica runs it).
 */
export interface HealthRepository {
  /**
   * Folds a finished run in: a failed run starts (or extends) a failing streak, a posted or
   * empty one ends it. A run of a slot older than the last one folded changes nothing.
   * `undefined` when the subscription was deleted.
   */
  recordRun(subscriptionId: number, run: FinishedRun): Promise<DigestHealthRecord | undefined>;
  /**
   * Claims the digest's notices for `owner`, for `leaseMs`, when one of `audiences` is owed one
   * (failing and not told so, or told so and recovered), and nobody else holds them. Exactly
   * one of any number of concurrent claimers succeeds; `undefined` for the others, and when
   * nothing is owed.
   */
  claimNotices(
    subscriptionId: number,
    owner: string,
    leaseMs: number,
    audiences: readonly Audience[],
  ): Promise<{ claim: NoticeClaim; record: DigestHealthRecord } | undefined>;
  /** Extends a claim still held (`false` when it was taken over): checked just before a post. */
  holdsNotices(claim: NoticeClaim, leaseMs: number): Promise<boolean>;
  /** What `audience` now knows, recorded right after its notice was posted (or refused). */
  recordTold(claim: NoticeClaim, audience: Audience, told: Told): Promise<boolean>;
  releaseNotices(claim: NoticeClaim): Promise<void>;
  get(subscriptionId: number): Promise<DigestHealthRecord | undefined>;
  /** Every digest that has run, for `/healthz` (one row each). */
  list(): Promise<DigestHealthRecord[]>;
  /** The digests of one workspace that have run, for its people's Home tabs. */
  listForWorkspace(workspaceId: string): Promise<DigestHealthRecord[]>;
}

export interface PreferenceRepository {
  get(workspaceId: string, userId: string): Promise<Preferences | undefined>;
  set(workspaceId: string, userId: string, preferences: Preferences): Promise<void>;
}

export interface ViewRepository {
  /**
   * Saves under the name, replacing the owner's view of the same name (names compare without
   * case, and Arabic and Persian forms of a letter alike). Refused at `maxPerOwner` new names.
   */
  save(view: NewView, maxPerOwner: number): Promise<SaveViewResult>;
  get(workspaceId: string, owner: ViewOwner, name: string): Promise<SavedView | undefined>;
  getById(workspaceId: string, id: number): Promise<SavedView | undefined>;
  /** The person's own views, then the workspace's shared ones, each by name. */
  list(workspaceId: string, userId: string): Promise<SavedView[]>;
  delete(workspaceId: string, id: number): Promise<boolean>;
  count(workspaceId: string, owner: ViewOwner): Promise<number>;
}

export interface Store {
  readonly engine: "sqlite" | "postgres";
  /** Where the data is, for logs: the file, or host/database (never a password). */
  readonly location: string;
  readonly subscriptions: SubscriptionRepository;
  readonly runs: RunRepository;
  readonly snapshots: SnapshotRepository;
  readonly health: HealthRepository;
  readonly preferences: PreferenceRepository;
  readonly views: ViewRepository;
  /** The schema version the database is at. */
  schemaVersion(): Promise<number>;
  /** One round trip to the database, for readiness checks; throws when it cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
