import type { IncomingMessage, RequestListener, Server, ServerOptions } from "node:http";
import type { Logger as BoltLogger, CustomRoute, Receiver } from "@slack/bolt";
import { HTTPReceiver } from "./bolt";
import { throttledWarn } from "./log-throttle";

/**
 * Bolt's HTTPReceiver, fitted to Slack's 3-second model. As Bolt builds it, a connection may
 * take 60 s to send its headers and 300 s for its body, and every body up to 4 MB is read in
 * full before its signature is even looked at: 60 slow or large unsigned requests were enough
 * to make a real command wait past Slack's deadline. Here:
 * - a body whose `Content-Length` is over `MAX_BODY_BYTES`, or an unsigned one over a few
 *   kilobytes, is refused before a byte of it is read, and its connection closed;
 * - headers and body must arrive within Slack's own 3 s, idle keep-alive connections go after 5 s;
 * - each request's arrival is noted, so the edge can tell one that waited too long to be worth
 *   doing (`load-shedding.ts`).
 */

/**
 * Slack's payloads for this app are tens of kilobytes (a click inside the largest details modal
 * carries the whole view); a megabyte leaves room for views in any language.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Only `ssl_check` comes unsigned, and it is a few dozen bytes. */
const MAX_UNSIGNED_BYTES = 4 * 1024;

export const SERVER_OPTIONS: ServerOptions = {
  headersTimeout: 3_000,
  requestTimeout: 3_000,
  keepAliveTimeout: 5_000,
  // How often the two timeouts above are enforced; Node's default of 30 s would make them moot.
  connectionsCheckingInterval: 500,
};

/** The key under which Bolt's context (and the edge gate) find when a request arrived. */
export const RECEIVED_AT = "receivedAt";

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: BoltLogger;
  customRoutes?: CustomRoute[];
  /** Monotonic milliseconds; the edge gate reads `RECEIVED_AT` with the same clock. */
  now?: () => number;
}

const EVENTS_PATH = "/slack/events";

/** Why a request is refused from its headers alone, or undefined to read it. */
const refusalOf = (req: IncomingMessage): { status: number; why: string } | undefined => {
  if (req.method !== "POST" || (req.url ?? "").split("?")[0] !== EVENTS_PATH) return undefined;
  const declared = req.headers["content-length"];
  const length = declared === undefined ? undefined : Number(declared);
  if (length !== undefined && length > MAX_BODY_BYTES) {
    return { status: 413, why: `a ${length}-byte body (the limit is ${MAX_BODY_BYTES})` };
  }
  const signed =
    typeof req.headers["x-slack-signature"] === "string" &&
    typeof req.headers["x-slack-request-timestamp"] === "string";
  if (!signed && (length === undefined || length > MAX_UNSIGNED_BYTES)) {
    return { status: 401, why: "an unsigned body larger than an ssl_check" };
  }
  return undefined;
};

export interface SlackHttpReceiver extends Receiver {
  /** Listens on `port` (0: any free one) and resolves with the server. */
  start(port: number): Promise<Server>;
}

export const createHttpReceiver = (o: SlackHttpReceiverOptions): SlackHttpReceiver => {
  const now = o.now ?? (() => performance.now());
  const arrivals = new WeakMap<IncomingMessage, number>();
  const receiver = new HTTPReceiver({
    signingSecret: o.signingSecret,
    logger: o.logger,
    customRoutes: o.customRoutes,
    // For a body sent without Content-Length (chunked): Bolt stops reading at this many bytes.
    bodyLimit: MAX_BODY_BYTES,
    customPropertiesExtractor: (req) => ({ [RECEIVED_AT]: arrivals.get(req) }),
  });
  const bolts: RequestListener = receiver.requestListener;
  // A flood is thousands of these a second: one line every 10 s, with a count.
  const warn = throttledWarn(o.logger, { intervalMs: 10_000, now });
  receiver.requestListener = (req, res) => {
    arrivals.set(req, now());
    const refusal = refusalOf(req);
    if (!refusal) {
      bolts(req, res);
      return;
    }
    warn(`refused ${refusal.why} without reading it (HTTP ${refusal.status})`);
    // Closing the connection is what spares reading the rest: a kept-alive one would drain it.
    res.writeHead(refusal.status, { connection: "close" });
    res.end();
  };
  return {
    init: (app) => receiver.init(app),
    start: (port) => receiver.start(port, SERVER_OPTIONS),
    stop: () => receiver.stop(),
  };
};
