import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { WebClient } from "@slack/web-api";
import { decideAccess } from "./access/access-policy";
import { type Clock, systemClock } from "./clock";
import type { DigestConfig, ServicesConfig } from "./config";
import { UNSCHEDULED_CRON } from "./digest/schedule";
import { minuteOf } from "./digest/slots";
import { SUBSCRIPTION_LIMITS } from "./digest/subscription";
import { workerFolder } from "./digest/worker/worker-folder";
import type { DigestDeps, ScheduledDigest } from "./flows/digest";
import { createHomeFlows, type HomeFlows } from "./flows/home";
import { createLanguageChoices } from "./flows/language-choices";
import { createQueueGlance, type QueueGlance } from "./flows/queue-glance";
import { createRenderContexts, type RenderContexts } from "./flows/render-contexts";
import { createSavedViewFlows, type SavedViewFlows } from "./flows/saved-views";
import { createSlotRunner, type SlotRunner } from "./flows/subscription-run";
import { createSubscriptionFlows, type SubscriptionFlows } from "./flows/subscriptions";
import { createPanelStatus, observeTicketClient, type PanelStatus } from "./health/panel-status";
import type { Catalog, Language } from "./i18n";
import type { Logger } from "./logger";
import type { RenderContext } from "./render/context";
import { createChannelPoster, createDigestPoster } from "./slack/digest-poster";
import { createInFlight, type InFlight } from "./slack/in-flight";
import { throttledWarn } from "./slack/log-throttle";
import { ownDmChecker } from "./slack/own-dm";
import { noteUndelivered, noteUpstream } from "./slack/request-log";
import { createResponder, type Responder } from "./slack/response-url";
import type { Store } from "./store/store";
import type { OperatorSubscription } from "./store/types";
import { MAX_UPSTREAM_REQUESTS } from "./tickets/panel-limits";
import { gateTicketClient } from "./tickets/request-gate";
import { WAITING_FOR_SUPPORT } from "./tickets/states";
import { createTicketClient, type TicketClient } from "./tickets/ticket-client";
import { type TicketLinkMatcher, ticketLinker, ticketLinkMatcher } from "./tickets/ticket-link";

/**
 * The one place that builds what both entry points run on (`npm start` and `npm run digest`):
 * the ticket client, the render context, the store and the digests on it (each slot claimed
 * there, posted exactly once), all on one Web API client. Nothing here knows Bolt; the bot adds
 * its transport on top (app.ts). The entry points open the store (startup.ts) and close it.
 */

export interface Io {
  logger: Logger;
  /** The process's one Web API client: Bolt's `app.client` in the bot. */
  slack: WebClient;
  clock?: Clock;
  /** Used for the ticket API and `response_url` posts. */
  fetch?: typeof fetch;
  /** A stand-in for the ticket client (tests); it is still gated and observed. */
  tickets?: TicketClient;
  /** The store, opened and migrated by the entry point, which also closes it. */
  store: Store;
  /** Who claims digest slots: unique per process; default host, pid and a random part. */
  owner?: string;
  /** How long a claim holds, and how often it is renewed (tests with a fast clock shorten). */
  claims?: { leaseMs?: number; renewEveryMs?: number };
  /** Attempts at building a digest within one run, and the first wait between them. */
  digestRetry?: { attempts?: number; backoffMs?: number };
}

export interface Services {
  logger: Logger;
  clock: Clock;
  catalog: Catalog;
  /** Gated (a cap on requests in flight, identical queries shared) and observed for `/readyz`. */
  tickets: TicketClient;
  panel: PanelStatus;
  /** The workspace's render context (BOT_LANGUAGE): for what nobody in particular reads. */
  renderContext: () => RenderContext;
  /** Which links are ticket pages, for unfurls; unset without `TICKET_WEB_URL`. */
  ticketLinks: TicketLinkMatcher | undefined;
  /** A render context per request: the person's language, else the workspace's. */
  contexts: RenderContexts;
  /** What a digest runs on: the ticket client, the render context, the channel poster. */
  digest: DigestDeps;
  /** The digest the DIGEST_* settings define, where and when it is posted. */
  scheduledDigest: ScheduledDigest;
  responder: Responder;
  inFlight: InFlight;
  store: Store;
  /** A channel message's render context: the digest's language and zone. */
  channelContext: (language: Language, timeZone: string) => RenderContext;
  /** One slot of one subscription, claimed in the store and posted at most once. */
  slots: SlotRunner;
  /** The digests the DIGEST_* settings define, one per channel, for the store. */
  operatorDigests: OperatorSubscription[];
  /** Stops every digest still collecting: requests, worker thread; nothing is posted. */
  abortDigests: (reason: unknown) => void;
  /** `/tickets subscribe`, `/tickets digests` and their buttons, answering in a reader's words. */
  subscriptionsFor: (renderContext: () => RenderContext) => SubscriptionFlows;
  /** Saved views, answering in a reader's words; `tickets` is the client their lists are read with. */
  savedViewsFor: (renderContext: () => RenderContext, tickets: TicketClient) => SavedViewFlows;
  /** The queue at a glance for every Home tab: counted at most once a minute, shared. */
  glance: QueueGlance;
  /** The Home tab; `tickets` is the client an open view's list is read with. */
  homeFor: (tickets: TicketClient) => HomeFlows;
}

/** The operator's digests: one per DIGEST_CHANNEL, keyed by the channel so a restart keeps it. */
export const operatorDigestsOf = (
  digest: DigestConfig,
  language: Language,
): OperatorSubscription[] =>
  digest.channels.map((channelId) => ({
    key: `DIGEST_CHANNEL:${channelId}`,
    channelId,
    filters: { stateId: WAITING_FOR_SUPPORT },
    // DIGEST_SCHEDULE=off: never scheduled, posted only when `npm run digest` asks.
    schedule: { cron: digest.schedule ?? UNSCHEDULED_CRON, timeZone: digest.timeZone },
    paused: digest.schedule === undefined,
    top: digest.top,
    overdueHours: digest.overdueHours,
    postWhenEmpty: digest.postWhenEmpty,
    language,
  }));

const processOwner = () => `${hostname()}/${process.pid}/${randomBytes(3).toString("hex")}`;

export const buildServices = (config: ServicesConfig, io: Io): Services => {
  const { logger } = io;
  const clock = io.clock ?? systemClock;

  let panel: PanelStatus | undefined;
  const observed = observeTicketClient(
    io.tickets ??
      createTicketClient({
        baseUrl: config.ticketApi.url,
        token: config.ticketApi.token,
        timeoutMs: config.ticketApi.timeoutMs,
        fetch: io.fetch,
        clock,
        logger,
      }),
    clock,
    (outcome) => {
      panel?.record(outcome);
      noteUpstream(outcome);
    },
  );
  const tickets = gateTicketClient(observed, {
    maxConcurrent: MAX_UPSTREAM_REQUESTS,
    deadlineMs: config.ticketApi.timeoutMs,
  });
  panel = createPanelStatus({
    clock,
    // The least the panel can answer: one row of the first page.
    probe: () => tickets.listDigestRows({ filter: {}, page: 1, perPage: 1 }),
  });

  const ticketUrl = config.ticketApi.webUrl ? ticketLinker(config.ticketApi.webUrl) : undefined;
  const contexts = createRenderContexts({
    choices: createLanguageChoices({
      preferences: io.store.preferences,
      workspaceLanguage: config.language,
      now: () => clock.now().getTime(),
      // During a store outage every request would say it: a line every 10 s, with a count.
      warn: throttledWarn(logger, { intervalMs: 10_000, now: () => performance.now() }),
    }),
    configuredTimeZone: config.configuredTimeZone,
    clock,
    ticketUrl,
  });
  const renderContext = contexts.workspace;

  const channelContext = contexts.forChannel;

  const inner = createResponder({ fetch: io.fetch, logger, clock });
  const responder: Responder = {
    send: (url, payload) =>
      inner.send(url, payload).catch((error: unknown) => {
        noteUndelivered();
        throw error;
      }),
  };

  // A digest's pages are parsed on a worker thread of their own: a 100,000-ticket queue would
  // otherwise hold the event loop, and every ack, for seconds.
  const foldPages = workerFolder({ token: config.ticketApi.token, logger });

  // Ends the digests still collecting when the bot shuts down (see subscription-run.ts).
  const shutdown = new AbortController();

  const { store } = io;
  const isOwnDm = ownDmChecker(() => io.slack, logger);
  const slots = createSlotRunner({
    runs: store.runs,
    subscriptions: store.subscriptions,
    digest: { tickets, clock, logger, retry: io.digestRetry, foldPages },
    channelContext,
    postMessage: createChannelPoster({ client: io.slack, logger, clock }),
    // Only the channel rules: the people who set a digest up are judged when they do.
    mayPostIn: async (channelId, creatorId) =>
      (
        await decideAccess(
          { userIds: [], channelIds: config.access.channelIds },
          { userId: creatorId, channelId, isOwnDm: () => isOwnDm(creatorId, channelId) },
        )
      ).allowed,
    logger,
    owner: io.owner ?? processOwner(),
    leaseMs: io.claims?.leaseMs,
    renewEveryMs: io.claims?.renewEveryMs,
    fallbackLanguage: config.language,
    signal: shutdown.signal,
    memory: {
      snapshots: store.snapshots,
      health: store.health,
      alertChannel: config.digest.alertChannel,
    },
  });
  const mayRead = async (userId: string, channelId: string) =>
    (
      await decideAccess(config.access, {
        userId,
        channelId,
        isOwnDm: () => isOwnDm(userId, channelId),
      })
    ).allowed;
  const savedViewsFor = (readerContext: () => RenderContext, client: TicketClient) =>
    createSavedViewFlows({
      tickets: client,
      logger,
      renderContext: readerContext,
      views: store.views,
    });
  const glance = createQueueGlance({
    tickets,
    foldPages,
    clock,
    logger,
    overdueHours: config.digest.overdueHours,
  });
  const homeFor = (client: TicketClient) =>
    createHomeFlows({
      tickets: client,
      logger,
      renderContext,
      store,
      glance,
      contexts,
      clock,
      mayRead,
    });
  const subscriptionsFor = (readerContext: () => RenderContext) =>
    createSubscriptionFlows({
      store,
      clock,
      logger,
      renderContext: readerContext,
      channelContext,
      defaults: {
        timeZone: config.digest.timeZone,
        top: config.digest.top,
        overdueHours: config.digest.overdueHours,
        postWhenEmpty: config.digest.postWhenEmpty,
        language: config.language,
      },
      limits: SUBSCRIPTION_LIMITS,
      mayRead,
      // The minute it is asked in: a second click within it is the same run, not a second post.
      runNow: (subscription) =>
        slots.runSlot(subscription, minuteOf(clock.now()), { manual: true }),
    });

  return {
    logger,
    clock,
    catalog: renderContext().t,
    tickets,
    panel,
    renderContext,
    ticketLinks: config.ticketApi.webUrl ? ticketLinkMatcher(config.ticketApi.webUrl) : undefined,
    contexts,
    store,
    channelContext,
    slots,
    operatorDigests: operatorDigestsOf(config.digest, config.language),
    subscriptionsFor,
    savedViewsFor,
    glance,
    homeFor,
    abortDigests: (reason) => shutdown.abort(reason),
    digest: {
      tickets,
      clock,
      logger,
      renderContext,
      post: createDigestPoster({ client: io.slack, logger, clock }),
      foldPages,
    },
    scheduledDigest: {
      definition: {
        top: config.digest.top,
        overdueHours: config.digest.overdueHours,
        postWhenEmpty: config.digest.postWhenEmpty,
      },
      channels: config.digest.channels,
      schedule: config.digest.schedule,
      timeZone: config.digest.timeZone,
    },
    responder,
    inFlight: createInFlight(),
  };
};
