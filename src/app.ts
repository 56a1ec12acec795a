import type { Server } from "node:http";
import type { App } from "@slack/bolt";
import { isUnrestricted } from "./access/access-policy";
import { type Clock, systemClock } from "./clock";
import type { BotConfig } from "./config";
import type { DigestOutcome } from "./digest/run-digest";
import type { DigestFlowDeps } from "./flows/digest";
import { type Catalog, en } from "./i18n";
import type { Logger } from "./logger";
import type { RenderContext } from "./render/context";
import { renderNoticeModal } from "./render/notice-modal";
import { createAnswerLane, responderBehindAcks, ticketsBehindAcks } from "./slack/answer-lane";
import { toBoltLogger } from "./slack/bolt-logger";
import { createDigestRunner } from "./slack/digest-runner";
import { createEdgeGate, GatedApp } from "./slack/edge-gate";
import { healthRoute } from "./slack/health-route";
import { createHttpReceiver } from "./slack/http-receiver";
import { createInFlight } from "./slack/in-flight";
import { LISTENER_ROUTES, registerListeners } from "./slack/listeners";
import { createLoadShedder, DEFAULT_LOAD_LIMITS, type LoadLimits } from "./slack/load-shedding";
import { guardRequests } from "./slack/middleware/guard-requests";
import { ownDmChecker } from "./slack/own-dm";
import { createResponder } from "./slack/response-url";
import { onlyToSlackHooks, slackHooks } from "./slack/slack-hooks";
import { createSocketModeReceiver, type SocketModeTimings } from "./slack/socket-mode";
import { slackClientOptions } from "./slack/web-client-options";
import { gateTicketClient } from "./tickets/request-gate";
import { createTicketClient, type TicketClient } from "./tickets/ticket-client";
import { ticketLinker } from "./tickets/ticket-link";

export interface BotDeps {
  config: BotConfig;
  logger: Logger;
  clock?: Clock;
  /** Used for the ticket API, `response_url` posts and the Slack Web API. */
  fetch?: typeof fetch;
  catalog?: Catalog;
  tickets?: TicketClient;
  /** First wait before retrying a digest that could not be built (doubles each time). */
  digestBackoffMs?: number;
  /** Socket Mode reconnect timings; tests shorten them so a dropped socket is replaced quickly. */
  socketMode?: SocketModeTimings;
  /** When to answer "busy, try again" instead of taking a request; tests lower them. */
  load?: Partial<LoadLimits>;
}

export interface Bot {
  app: App;
  /** HTTP mode: resolves with the port actually listened on (the configured one, or a free one for 0). */
  start(port?: number): Promise<{ port?: number }>;
  /** Stops taking work, lets in-flight answers finish for up to `graceMs`, then closes. */
  stop(graceMs?: number): Promise<void>;
  /** Posts a digest to every DIGEST_CHANNEL now, as the schedule does. */
  runDigestNow(): Promise<void>;
  lastDigest(): DigestOutcome | undefined;
}

/** Enough to keep answers quick under a burst, few enough not to flood the reseller's panel. */
const MAX_UPSTREAM_REQUESTS = 16;

export const createBot = (deps: BotDeps): Bot => {
  const { config, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const catalog = deps.catalog ?? en;
  // Answer work waits behind acks (answer-lane.ts): its ports take their turns on the lane.
  const lane = createAnswerLane();
  const hooks = slackHooks(config.slack.hooksOrigin);
  const gatedTickets = gateTicketClient(
    deps.tickets ??
      createTicketClient({
        baseUrl: config.ticketApi.url,
        token: config.ticketApi.token,
        timeoutMs: config.ticketApi.timeoutMs,
        fetch: deps.fetch,
        clock,
        logger,
      }),
    { maxConcurrent: MAX_UPSTREAM_REQUESTS, deadlineMs: config.ticketApi.timeoutMs },
  );
  const tickets = ticketsBehindAcks(gatedTickets, lane);
  const responder = onlyToSlackHooks(
    responderBehindAcks(createResponder({ fetch: deps.fetch, logger, clock }), lane),
    hooks,
  );
  const inFlight = createInFlight();

  // Our logger already carries the configured level; Bolt would otherwise reset it.
  const boltLogger = toBoltLogger(logger);
  const app = new GatedApp({
    token: config.slack.botToken,
    logger: boltLogger,
    clientOptions: slackClientOptions(config.slack.apiUrl),
    // Bolt's conversation store is unused here, and costs every request a thrown Error.
    convoStore: false,
    ...(config.slack.mode === "socket"
      ? {
          socketMode: true,
          receiver: createSocketModeReceiver({
            appToken: config.slack.appToken,
            slackApiUrl: config.slack.apiUrl,
            logger: boltLogger,
            ...deps.socketMode,
          }),
        }
      : {
          receiver: createHttpReceiver({
            signingSecret: config.slack.signingSecret ?? "",
            logger: boltLogger,
            customRoutes: [healthRoute(clock, () => digests.last())],
          }),
        }),
  });
  app.error(async (error) => {
    logger.error("unhandled error in a listener", error);
  });

  const ticketUrl = config.ticketApi.webUrl ? ticketLinker(config.ticketApi.webUrl) : undefined;
  const renderContext = (): RenderContext => ({
    t: catalog,
    now: clock.now(),
    timeZone: config.digest.timeZone,
    ticketUrl,
  });
  const digestFlow: DigestFlowDeps = {
    tickets,
    clock,
    digest: config.digest,
    logger,
    renderContext,
  };
  app.guardWith(
    createEdgeGate({
      routes: LISTENER_ROUTES,
      hooks,
      responder,
      pushNotice: (triggerId, message) =>
        app.client.views.push({
          trigger_id: triggerId,
          view: renderNoticeModal(message, renderContext()),
        }),
      shedder: createLoadShedder({
        limits: { ...DEFAULT_LOAD_LIMITS, ...deps.load },
        answersInProgress: () => inFlight.size,
        now: () => performance.now(),
      }),
      inFlight,
      logger,
      renderContext,
    }),
  );
  let teamId: string | undefined;
  app.use(
    guardRequests({
      access: config.access,
      teamId: () => teamId,
      isOwnDm: ownDmChecker(() => app.client, logger),
      logger,
      responder,
      inFlight,
      renderContext,
    }),
  );
  registerListeners(app, {
    tickets,
    responder,
    logger,
    inFlight,
    renderContext,
    digest: digestFlow,
  });

  const digests = createDigestRunner({
    flow: digestFlow,
    botToken: config.slack.botToken,
    slackApiUrl: config.slack.apiUrl,
    logger,
    clock,
    inFlight,
    backoffMs: deps.digestBackoffMs,
  });

  let server: Server | undefined;
  return {
    app,
    async start(port = config.slack.port) {
      // Requests from any other workspace are refused; auth.test names ours.
      teamId = (await app.client.auth.test()).team_id;
      // Without it the workspace check would let every request through: refuse to run instead.
      if (!teamId) throw new Error("auth.test named no workspace (team_id) for SLACK_BOT_TOKEN");
      if (isUnrestricted(config.access)) {
        logger.warn(
          "ALLOWED_USER_IDS and ALLOWED_CHANNEL_IDS are unset: everyone in the workspace can read tickets",
        );
      }
      let listening: number | undefined;
      if (config.slack.mode === "socket") {
        await app.start();
      } else {
        server = (await app.start(port)) as Server;
        const address = server.address();
        listening = typeof address === "object" && address ? address.port : port;
      }
      digests.start();
      return listening === undefined ? {} : { port: listening };
    },
    runDigestNow: digests.runNow,
    lastDigest: digests.last,
    async stop(graceMs = 5000) {
      digests.stop();
      const stopping = app.stop();
      // Keep-alive sockets would hold `close()` open until they time out.
      server?.closeIdleConnections();
      const finished = await inFlight.drain(graceMs);
      if (!finished) logger.warn(`stopped with ${inFlight.size} answer(s) still in flight`);
      server?.closeAllConnections();
      await stopping;
    },
  };
};
