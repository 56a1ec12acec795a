import type { Server } from "node:http";
import { App } from "@slack/bolt";
import { type Clock, systemClock } from "./clock";
import type { BotConfig } from "./config";
import type { DigestOutcome } from "./digest/run-digest";
import { type ScheduleHandle, startSchedule } from "./digest/schedule";
import { type DigestFlowDeps, runChannelDigest } from "./flows/digest";
import { type Catalog, en } from "./i18n";
import type { Logger } from "./logger";
import type { RenderContext } from "./render/context";
import { toBoltLogger } from "./slack/bolt-logger";
import { createDigestPoster } from "./slack/digest-poster";
import { createInFlight } from "./slack/in-flight";
import { registerListeners } from "./slack/listeners";
import { createResponder } from "./slack/response-url";
import { slackClientOptions } from "./slack/web-client-options";
import { createTicketClient, type TicketClient } from "./tickets/ticket-client";

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
  const tickets =
    deps.tickets ??
    createTicketClient({
      baseUrl: config.ticketApi.url,
      token: config.ticketApi.token,
      timeoutMs: config.ticketApi.timeoutMs,
      fetch: deps.fetch,
      clock,
      logger,
    });
  const responder = createResponder({ fetch: deps.fetch, logger, clock });
  const inFlight = createInFlight();

  const app = new App({
    token: config.slack.botToken,
    // Our logger already carries the configured level; Bolt would otherwise reset it.
    logger: toBoltLogger(logger),
    clientOptions: slackClientOptions(config.slack.apiUrl),
    ...(config.slack.mode === "socket"
      ? { socketMode: true, appToken: config.slack.appToken }
      : { signingSecret: config.slack.signingSecret }),
  });
  app.error(async (error) => {
    logger.error("unhandled error in a listener", error);
  });

  const renderContext = (): RenderContext => ({
    t: catalog,
    now: clock.now(),
    timeZone: config.digest.timeZone,
  });
  const digestFlow: DigestFlowDeps = {
    tickets,
    clock,
    digest: config.digest,
    logger,
    renderContext,
  };
  registerListeners(app, {
    tickets,
    responder,
    logger,
    inFlight,
    renderContext,
    digest: digestFlow,
  });

  const postDigest = createDigestPoster({
    botToken: config.slack.botToken,
    slackApiUrl: config.slack.apiUrl,
    logger,
    clock,
  });
  let lastDigest: DigestOutcome | undefined;
  const runScheduledDigest = async () => {
    lastDigest = await inFlight.track(
      runChannelDigest({ ...digestFlow, post: postDigest, backoffMs: deps.digestBackoffMs }),
    );
  };
  let schedule: ScheduleHandle | undefined;

  let server: Server | undefined;
  return {
    app,
    async start(port = config.slack.port) {
      let listening: number | undefined;
      if (config.slack.mode === "socket") {
        await app.start();
      } else {
        server = (await app.start(port)) as Server;
        const address = server.address();
        listening = typeof address === "object" && address ? address.port : port;
      }
      const { channels, schedule: expr, timeZone } = config.digest;
      if (channels.length > 0 && expr) {
        schedule = startSchedule({ expr, timeZone, run: runScheduledDigest, logger });
        logger.info(
          `digest to ${channels.join(", ")} on "${expr}" (${timeZone}); next ${schedule.nextRun()?.toISOString() ?? "never"}`,
        );
      } else if (channels.length > 0) {
        logger.info("digest schedule is off; run `npm run digest` to post one");
      }
      return listening === undefined ? {} : { port: listening };
    },
    runDigestNow: runScheduledDigest,
    lastDigest: () => lastDigest,
    async stop(graceMs = 5000) {
      schedule?.stop();
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
