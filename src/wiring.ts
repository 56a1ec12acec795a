import type { WebClient } from "@slack/web-api";
import { type Clock, systemClock } from "./clock";
import type { ServicesConfig } from "./config";
import { workerFolder } from "./digest/worker/worker-folder";
import type { DigestDeps, ScheduledDigest } from "./flows/digest";
import { createPanelStatus, observeTicketClient, type PanelStatus } from "./health/panel-status";
import { type Catalog, catalogFor } from "./i18n";
import type { Logger } from "./logger";
import type { RenderContext } from "./render/context";
import { createDigestPoster } from "./slack/digest-poster";
import { createInFlight, type InFlight } from "./slack/in-flight";
import { noteUndelivered, noteUpstream } from "./slack/request-log";
import { createResponder, type Responder } from "./slack/response-url";
import { MAX_UPSTREAM_REQUESTS } from "./tickets/panel-limits";
import { gateTicketClient } from "./tickets/request-gate";
import { createTicketClient, type TicketClient } from "./tickets/ticket-client";
import { ticketLinker } from "./tickets/ticket-link";

/**
 * The one place that builds what both entry points run on (`npm start` and `npm run digest`):
 * the ticket client, the render context, the digest and its poster, all on one Web API
 * client. Nothing here knows Bolt; the bot adds its transport on top (app.ts).
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
}

export interface Services {
  logger: Logger;
  clock: Clock;
  catalog: Catalog;
  /** Gated (a cap on requests in flight, identical queries shared) and observed for `/readyz`. */
  tickets: TicketClient;
  panel: PanelStatus;
  renderContext: () => RenderContext;
  /** What a digest runs on: the ticket client, the render context, the channel poster. */
  digest: DigestDeps;
  /** The digest the DIGEST_* settings define, where and when it is posted. */
  scheduledDigest: ScheduledDigest;
  responder: Responder;
  inFlight: InFlight;
}

export const buildServices = (config: ServicesConfig, io: Io): Services => {
  const { logger } = io;
  const clock = io.clock ?? systemClock;
  const catalog = catalogFor(config.language);

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
  const renderContext = (): RenderContext => ({
    t: catalog,
    now: clock.now(),
    timeZone: config.digest.timeZone,
    ticketUrl,
  });

  const inner = createResponder({ fetch: io.fetch, logger, clock });
  const responder: Responder = {
    send: (url, payload) =>
      inner.send(url, payload).catch((error: unknown) => {
        noteUndelivered();
        throw error;
      }),
  };

  return {
    logger,
    clock,
    catalog,
    tickets,
    panel,
    renderContext,
    digest: {
      tickets,
      clock,
      logger,
      renderContext,
      post: createDigestPoster({ client: io.slack, logger, clock }),
      // A digest's pages are parsed on a worker thread of their own: a 100,000-ticket queue
      // would otherwise hold the event loop, and every ack, for seconds.
      foldPages: workerFolder({ token: config.ticketApi.token, logger }),
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
