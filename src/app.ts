import type { Server } from "node:http";
import type { App } from "@slack/bolt";
import type { AuthTestResponse } from "@slack/web-api";
import { isUnrestricted } from "./access/access-policy";
import { type Clock, unlessLate } from "./clock";
import type { BotConfig } from "./config";
import { type DigestHealth, digestHealthOf } from "./digest/health";
import { minuteOf } from "./digest/slots";
import type { DigestOutcome } from "./digest/types";
import { createDigestScheduler, DEFAULT_TICK_MS } from "./flows/digest-scheduler";
import type { SlotRun } from "./flows/subscription-run";
import { type HealthServer, type HealthSources, startHealthServer } from "./health/health-http";
import type { Logger } from "./logger";
import { createAnswerLane, responderBehindAcks, ticketsBehindAcks } from "./slack/answer-lane";
import { boltLogLevel, toBoltLogger } from "./slack/bolt-logger";
import { createEdgeGate, GatedApp } from "./slack/edge-gate";
import { healthRoutes } from "./slack/health-route";
import { createHttpReceiver } from "./slack/http-receiver";
import { registerListeners } from "./slack/listeners";
import { createLoadShedder, DEFAULT_LOAD_LIMITS, type LoadLimits } from "./slack/load-shedding";
import { guardRequests, type Workspace } from "./slack/middleware/guard-requests";
import { attachReader } from "./slack/middleware/reader";
import { ownDmChecker } from "./slack/own-dm";
import { noticeTeller } from "./slack/replies";
import { requestLog } from "./slack/request-log";
import { createRouter, type Router } from "./slack/routes";
import { onlyToSlackHooks, slackHooks } from "./slack/slack-hooks";
import { createSocketModeReceiver, type SocketModeTimings } from "./slack/socket-mode";
import { slackClientOptions } from "./slack/web-client-options";
import type { Store } from "./store/store";
import type { TicketClient } from "./tickets/ticket-client";
import { unfurlDomainOf } from "./tickets/ticket-link";
import { buildServices } from "./wiring";

export interface BotDeps {
  config: BotConfig;
  logger: Logger;
  clock?: Clock;
  /** Used for the ticket API and `response_url` posts. */
  fetch?: typeof fetch;
  tickets?: TicketClient;
  /** First wait before retrying a digest that could not be built (doubles each time). */
  digestBackoffMs?: number;
  /** Socket Mode reconnect timings; tests shorten them so a dropped socket is replaced quickly. */
  socketMode?: SocketModeTimings;
  /** When to answer "busy, try again" instead of taking a request; tests lower them. */
  load?: Partial<LoadLimits>;
  /**
   * The store, opened and migrated by the caller, which also closes it: the channels' digests,
   * and each person's language (its preferences).
   */
  store: Store;
  /**
   * The digest scheduler's timing. `clock` is its own "now" (tests run it on simulated or fast
   * time); `manual` starts no timer, and only `tickDigests` runs it.
   */
  schedule?: {
    clock?: Clock;
    tickMs?: number;
    graceMs?: number;
    manual?: boolean;
  };
  /** How long a claim on a digest slot holds, and how often it is renewed. */
  claims?: { leaseMs?: number; renewEveryMs?: number };
  /** Who claims digest slots (tests name their replicas). */
  owner?: string;
}

export interface Bot {
  app: App;
  /** Where every listener is registered (listeners/index.ts); the edge routes by it. */
  router: Router;
  /**
   * Resolves with the ports actually listened on: HTTP mode's (the configured one, or a free
   * one for 0), and Socket Mode's health port when HEALTH_PORT is set.
   */
  start(port?: number): Promise<{ port?: number; healthPort?: number }>;
  /** Stops taking work, lets in-flight answers finish for up to `graceMs`, then closes. */
  stop(graceMs?: number): Promise<void>;
  /** Posts the operator's digest to every DIGEST_CHANNEL now, each claimed as its own run. */
  runDigestNow(): Promise<void>;
  /** The last digest this process ran (the operator's, on demand, across its channels). */
  lastDigest(): DigestOutcome | undefined;
  /** One pass of the digest scheduler, and the runs it started, to the end. */
  tickDigests(): Promise<void>;
}

/** Well inside the 1 s a kubelet gives a probe by default (docs/deployment.md's example). */
const HEALTH_STORE_DEADLINE_MS = 300;

/** Several runs (one per channel) as the one outcome `/healthz` reports. */
const combined = (outcomes: DigestOutcome[], slot: Date, at: Date): DigestOutcome | undefined => {
  if (outcomes.length === 0) return undefined;
  const notBuilt = outcomes.find((o) => o.kind === "not-built");
  if (notBuilt) return notBuilt;
  const posted = outcomes.flatMap((o) => (o.kind === "not-built" ? [] : o.posted));
  const failed = outcomes.flatMap((o) => (o.kind === "not-built" ? [] : o.failed));
  const totals = outcomes.flatMap((o) => (o.kind === "posted" ? [o.total] : []));
  return totals.length > 0
    ? { kind: "posted", total: Math.max(...totals), posted, failed, slot, at }
    : { kind: "empty", posted, failed, slot, at };
};

/**
 * Bolt's initialization, which asks auth.test who the bot is (its user and bot ids), and that
 * one answer kept: it also names the workspace. Bolt starts its call synchronously, so the app
 * may listen as soon as this has been called.
 */
const initialize = async (app: App): Promise<AuthTestResponse> => {
  const { auth } = app.client;
  const test = auth.test;
  let answer: Promise<AuthTestResponse> | undefined;
  auth.test = (options) => {
    answer = test.call(auth, options);
    return answer;
  };
  try {
    await app.init();
  } finally {
    auth.test = test;
  }
  // A Bolt that no longer asks on its own: ask once here.
  return answer ?? test.call(auth);
};

/** Bolt's App on the shared services: receivers, the request guard, listeners, health routes. */
export const createBot = (deps: BotDeps): Bot => {
  const { config, logger } = deps;
  const boltLogger = toBoltLogger(logger);
  let connected = false;
  let stopping = false;
  const receiver =
    config.slack.mode === "socket"
      ? createSocketModeReceiver({
          appToken: config.slack.appToken,
          slackApiUrl: config.slack.apiUrl,
          logger: boltLogger,
          ...deps.socketMode,
        })
      : undefined;

  const health: HealthSources = {
    async state({ checkPanel, waitMs }) {
      const panel = checkPanel ? await services.panel.check(waitMs) : services.panel.snapshot();
      return {
        startedAt,
        now: services.clock.now(),
        slack: {
          mode: config.slack.mode,
          connected: receiver ? receiver.isConnected() : connected,
        },
        panel,
        lastDigest,
        stopping,
        // Liveness only: readiness does not wait on every digest's row.
        ...(!checkPanel && { digests: await digestHealths() }),
      };
    },
  };

  const app = new GatedApp({
    token: config.slack.botToken,
    logger: boltLogger,
    logLevel: boltLogLevel(logger.getLevel()),
    clientOptions: slackClientOptions(config.slack.apiUrl),
    // Bolt's conversation store is unused here, and costs every request a thrown Error.
    convoStore: false,
    // Bolt would call auth.test as it is built, and start() again for the workspace: one call,
    // made when the bot starts (initialize below), serves both.
    deferInitialization: true,
    ...(receiver
      ? { socketMode: true, receiver }
      : {
          receiver: createHttpReceiver({
            signingSecret: config.slack.signingSecret ?? "",
            logger: boltLogger,
            customRoutes: healthRoutes(health),
          }),
        }),
  });
  app.error(async (error) => {
    logger.error("unhandled error in a listener", error);
  });

  const services = buildServices(config, {
    logger,
    slack: app.client,
    clock: deps.clock,
    fetch: deps.fetch,
    tickets: deps.tickets,
    store: deps.store,
    owner: deps.owner,
    claims: deps.claims,
    digestRetry: { backoffMs: deps.digestBackoffMs },
  });
  const startedAt = services.clock.now();
  const { inFlight, renderContext } = services;

  /**
   * Every digest's health, for `/healthz`: two reads of the store, whatever their number, and
   * never a late probe (a liveness probe that times out restarts a bot that is alive).
   */
  const digestHealths = async (): Promise<DigestHealth[] | "unavailable"> => {
    try {
      const read = await unlessLate(
        Promise.all([services.store.subscriptions.listAll(), services.store.health.list()]),
        HEALTH_STORE_DEADLINE_MS,
      );
      if (read === "late") {
        logger.warn(
          `/healthz: the store took over ${HEALTH_STORE_DEADLINE_MS} ms to read the digests' health; reported unavailable`,
        );
        return "unavailable";
      }
      const [subscriptions, records] = read;
      const byId = new Map(records.map((r) => [r.subscriptionId, r]));
      const now = services.clock.now();
      return subscriptions.map((s) => digestHealthOf(s, byId.get(s.id), now));
    } catch (error) {
      logger.warn(`/healthz: the digests' health could not be read: ${String(error)}`);
      return "unavailable";
    }
  };
  // Answer work waits behind acks (answer-lane.ts): its ports take their turns on the lane.
  const lane = createAnswerLane();
  const hooks = slackHooks(config.slack.hooksOrigin);
  const tickets = ticketsBehindAcks(services.tickets, lane);
  const responder = onlyToSlackHooks(responderBehindAcks(services.responder, lane), hooks);

  const tell = noticeTeller({
    responder,
    client: () => app.client,
    inFlight,
    logger,
    renderContext,
  });
  const router = createRouter();
  app.guardWith(
    createEdgeGate({
      routes: router.routes,
      hooks,
      tell,
      shedder: createLoadShedder({
        limits: { ...DEFAULT_LOAD_LIMITS, ...deps.load },
        answersInProgress: () => inFlight.size,
        now: () => performance.now(),
      }),
      logger,
      renderContext,
      contextFor: (person) => services.contexts.forPerson(person),
    }),
  );

  let workspace: Workspace | undefined;
  const log = requestLog(logger);
  app.use(log.first);
  app.use(attachReader(services.contexts));
  app.use(
    guardRequests({
      access: config.access,
      workspace: () => workspace,
      isOwnDm: ownDmChecker(() => app.client, logger),
      logger,
      tell,
      renderContext,
    }),
  );
  app.use(log.afterGuard);
  // Last: every request that passed the guard goes to its listener (routes.ts).
  app.use(router.dispatch);
  registerListeners(router, {
    tickets,
    responder,
    logger,
    inFlight,
    renderContext,
    contexts: services.contexts,
    clock: services.clock,
    digestDefinition: services.scheduledDigest.definition,
    ticketLinks: services.ticketLinks,
    subscriptionsFor: services.subscriptionsFor,
    savedViewsFor: (readerContext) => services.savedViewsFor(readerContext, tickets),
    home: services.homeFor(tickets),
    foldPages: services.digest.foldPages,
  });

  let lastDigest: DigestOutcome | undefined;
  const noteRun = (run: SlotRun) => {
    if (run.kind === "ran" && run.outcome) lastDigest = run.outcome;
  };
  const scheduler = createDigestScheduler({
    subscriptions: services.store.subscriptions,
    runs: services.store.runs,
    clock: deps.schedule?.clock ?? services.clock,
    logger,
    runSlot: (subscription, slot) => services.slots.runSlot(subscription, slot),
    graceMs: deps.schedule?.graceMs,
    onRun: noteRun,
    track: (work) => inFlight.track(work),
  });
  let workspaceId: string | undefined;

  /** The operator's digests now, one run per channel, as one outcome for `/healthz`. */
  const runDigestNow = async () => {
    if (!workspaceId) return;
    const slot = minuteOf(services.clock.now());
    const operator = (await services.store.subscriptions.listForWorkspace(workspaceId)).filter(
      (s) => s.origin === "operator",
    );
    // Together, so that one collection of the same queue serves them all (the gate shares it).
    const runs = await Promise.all(
      operator.map((subscription) =>
        inFlight.track(services.slots.runSlot(subscription, slot, { manual: true })),
      ),
    );
    const outcomes = runs.flatMap((run) =>
      run.kind === "ran" && run.outcome ? [run.outcome] : [],
    );
    lastDigest = combined(outcomes, slot, services.clock.now()) ?? lastDigest;
  };

  let server: Server | undefined;
  let healthServer: HealthServer | undefined;
  return {
    app,
    router,
    async start(port = config.slack.port) {
      // Requests from any other workspace (or org) are refused; auth.test names ours.
      const authorized = initialize(app).then(async (auth) => {
        // Without it the workspace check would let every request through: refuse to run instead.
        if (!auth.team_id) {
          throw new Error("auth.test named no workspace (team_id) for SLACK_BOT_TOKEN");
        }
        workspace = { teamId: auth.team_id, enterpriseId: auth.enterprise_id || undefined };
        workspaceId = auth.team_id;
        // The DIGEST_* settings as this workspace's operator digests, before anything is scheduled.
        await services.store.subscriptions.syncOperator(auth.team_id, services.operatorDigests);
      });
      // Listening does not wait for Slack's answer; a request that comes first waits for it.
      app.admitOnceReady(authorized);
      authorized.catch(() => {});
      if (config.ticketApi.webUrl) logUnfurlDomain(logger, config.ticketApi.webUrl);
      if (isUnrestricted(config.access)) {
        logger.warn(
          "ALLOWED_USER_IDS and ALLOWED_CHANNEL_IDS are unset: everyone in the workspace can read tickets",
        );
      }
      const ports: { port?: number; healthPort?: number } = {};
      if (receiver) {
        if (config.slack.healthPort !== undefined) {
          healthServer = await startHealthServer(health, config.slack.healthPort);
          ports.healthPort = healthServer.port;
        }
        await authorized;
        await app.start();
      } else {
        server = (await app.start(port)) as Server;
        const address = server.address();
        ports.port = typeof address === "object" && address ? address.port : port;
        try {
          await authorized;
        } catch (error) {
          server.closeAllConnections();
          await app.stop().catch(() => {});
          throw error;
        }
        connected = true;
      }
      if (!deps.schedule?.manual) scheduler.start(deps.schedule?.tickMs ?? DEFAULT_TICK_MS);
      return ports;
    },
    runDigestNow,
    lastDigest: () => lastDigest,
    async tickDigests() {
      await scheduler.tick();
      await scheduler.idle();
    },
    async stop(graceMs = 5000) {
      stopping = true;
      scheduler.stop();
      const stopped = app.stop();
      // Keep-alive sockets would hold `close()` open until they time out.
      server?.closeIdleConnections();
      const finished = await inFlight.drain(graceMs);
      if (!finished) {
        logger.warn(`stopped with ${inFlight.size} answer(s) still in flight`);
        // A digest still reading its pages stops now: its requests and its worker thread too.
        services.abortDigests(new Error("the bot is shutting down"));
      }
      server?.closeAllConnections();
      await stopped;
      connected = false;
      await healthServer?.close();
    },
  };
};

/** Slack sends ticket links only for a domain the app lists: say which, or why none can be. */
const logUnfurlDomain = (logger: Logger, webUrl: string) => {
  const found = unfurlDomainOf(webUrl);
  if ("domain" in found) {
    logger.info(
      `ticket links unfurl when the Slack app lists ${found.domain} under App unfurl domains (features.unfurl_domains in manifest.yml)`,
    );
  } else {
    logger.warn(`TICKET_WEB_URL ${found.problem}: ticket links will not unfurl`);
  }
};
