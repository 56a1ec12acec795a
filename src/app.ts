import type { Server } from "node:http";
import { App } from "@slack/bolt";
import { isUnrestricted } from "./access/access-policy";
import { type Clock, systemClock } from "./clock";
import type { BotConfig } from "./config";
import type { DigestOutcome } from "./digest/run-digest";
import type { DigestFlowDeps } from "./flows/digest";
import { type Catalog, en } from "./i18n";
import type { Logger } from "./logger";
import type { RenderContext } from "./render/context";
import { toBoltLogger } from "./slack/bolt-logger";
import { createDigestRunner } from "./slack/digest-runner";
import { healthRoute } from "./slack/health-route";
import { createInFlight } from "./slack/in-flight";
import { registerListeners } from "./slack/listeners";
import { guardRequests } from "./slack/middleware/guard-requests";
import { ownDmChecker } from "./slack/own-dm";
import { createResponder } from "./slack/response-url";
import { createSocketModeReceiver, type SocketModeTimings } from "./slack/socket-mode";
import { slackClientOptions } from "./slack/web-client-options";
import { MAX_UPSTREAM_REQUESTS } from "./tickets/panel-limits";
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

export const createBot = (deps: BotDeps): Bot => {
  const { config, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const catalog = deps.catalog ?? en;
  const tickets = gateTicketClient(
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
  const responder = createResponder({ fetch: deps.fetch, logger, clock });
  const inFlight = createInFlight();

  // Our logger already carries the configured level; Bolt would otherwise reset it.
  const boltLogger = toBoltLogger(logger);
  const app = new App({
    token: config.slack.botToken,
    logger: boltLogger,
    clientOptions: slackClientOptions(config.slack.apiUrl),
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
          signingSecret: config.slack.signingSecret,
          customRoutes: [healthRoute(clock, () => digests.last())],
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
