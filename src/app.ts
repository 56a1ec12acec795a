import type { Server } from "node:http";
import type { App } from "@slack/bolt";
import type { AuthTestResponse } from "@slack/web-api";
import { isUnrestricted } from "./access/access-policy";
import type { Clock } from "./clock";
import type { BotConfig } from "./config";
import { startSchedule } from "./digest/schedule";
import type { DigestOutcome } from "./digest/types";
import { createDigestSchedule, type Scheduler } from "./flows/digest";
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
import { ownDmChecker } from "./slack/own-dm";
import { noticeTeller } from "./slack/replies";
import { requestLog } from "./slack/request-log";
import { createRouter, type Router } from "./slack/routes";
import { onlyToSlackHooks, slackHooks } from "./slack/slack-hooks";
import { createSocketModeReceiver, type SocketModeTimings } from "./slack/socket-mode";
import { slackClientOptions } from "./slack/web-client-options";
import type { TicketClient } from "./tickets/ticket-client";
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
  /** Runs the digest on its schedule; tests put their own clock behind it. */
  scheduler?: Scheduler;
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
  /** Posts a digest to every DIGEST_CHANNEL now, as the schedule does. */
  runDigestNow(): Promise<void>;
  lastDigest(): DigestOutcome | undefined;
}

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
        lastDigest: digests.last(),
        stopping,
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
  });
  const startedAt = services.clock.now();
  const { inFlight, renderContext } = services;
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
  const router = createRouter(app);
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
    }),
  );

  let workspace: Workspace | undefined;
  const log = requestLog(logger);
  app.use(log.first);
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
  registerListeners(router, {
    tickets,
    responder,
    logger,
    inFlight,
    renderContext,
    clock: services.clock,
    digestDefinition: services.scheduledDigest.definition,
    foldPages: services.digest.foldPages,
  });

  const digests = createDigestSchedule({
    deps: { ...services.digest, retry: { backoffMs: deps.digestBackoffMs } },
    digest: services.scheduledDigest,
    scheduler: deps.scheduler ?? startSchedule,
    track: (work) => inFlight.track(work),
  });

  let server: Server | undefined;
  let healthServer: HealthServer | undefined;
  return {
    app,
    router,
    async start(port = config.slack.port) {
      // Requests from any other workspace (or org) are refused; auth.test names ours.
      const authorized = initialize(app).then((auth) => {
        // Without it the workspace check would let every request through: refuse to run instead.
        if (!auth.team_id) {
          throw new Error("auth.test named no workspace (team_id) for SLACK_BOT_TOKEN");
        }
        workspace = { teamId: auth.team_id, enterpriseId: auth.enterprise_id || undefined };
      });
      // Listening does not wait for Slack's answer; a request that comes first waits for it.
      app.admitOnceReady(authorized);
      authorized.catch(() => {});
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
      digests.start();
      return ports;
    },
    runDigestNow: digests.runNow,
    lastDigest: digests.last,
    async stop(graceMs = 5000) {
      stopping = true;
      digests.stop();
      const stopped = app.stop();
      // Keep-alive sockets would hold `close()` open until they time out.
      server?.closeIdleConnections();
      const finished = await inFlight.drain(graceMs);
      if (!finished) {
        logger.warn(`stopped with ${inFlight.size} answer(s) still in flight`);
        // A digest still reading its pages stops now: its requests and its worker thread too.
        digests.abort(new Error("the bot is shutting down"));
      }
      server?.closeAllConnections();
      await stopped;
      connected = false;
      await healthServer?.close();
    },
  };
};
