import type {
  IncomingMessage,
  RequestListener,
  Server,
  ServerOptions,
  ServerResponse,
} from "node:http";
import { parse as parseForm } from "node:querystring";
import type {
  Logger as BoltLogger,
  CustomRoute,
  Receiver,
  ReceiverDispatchErrorHandlerArgs,
} from "@slack/bolt";
import { HTTPReceiver, HTTPReceiverDeferredRequestError } from "./bolt";
import { throttledWarn } from "./log-throttle";
import { signatureChecker, signedHeadersVerdict } from "./request-signature";

/**
 * Bolt's HTTPReceiver, fitted to Slack's 3-second model. As Bolt builds it, a connection may
 * take 60 s to send its headers and 300 s for its body, and every body up to 4 MB is read in
 * full before its signature is even looked at: 60 slow or large unsigned requests were enough
 * to make a real command wait past Slack's deadline. Here:
 * - a body whose `Content-Length` is over `MAX_BODY_BYTES`, or an unsigned one over a few
 *   kilobytes, is refused before a byte of it is read, and its connection closed;
 * - headers and body must arrive within Slack's own 3 s, idle keep-alive connections go after 5 s;
 * - each request's arrival is noted, so the edge can tell one that waited too long to be worth
 *   doing (`load-shedding.ts`);
 * - every POST's signature is checked here, on the body read here, and Bolt (its own check
 *   turned off) is handed the body already read: Bolt's rules at a fraction of their CPU
 *   (`request-signature.ts`).
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

const FORM = "application/x-www-form-urlencoded";

/**
 * Every POST is signed or refused, whatever its path: Bolt takes a POST to its events path as an
 * event (the path as `new URL` reads it), and its own check is off, so nothing that Bolt could
 * route there may pass unchecked. The bot's other routes (health) take GET and HEAD only.
 */
const mustBeSigned = (req: IncomingMessage): boolean => (req.method ?? "").toUpperCase() === "POST";

/** Why a POST is refused from its headers alone, or undefined to read it. */
const refusalOf = (req: IncomingMessage): { status: number; why: string } | undefined => {
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
  const checkSignature = signatureChecker(o.signingSecret);
  const receiver = new HTTPReceiver({
    signingSecret: o.signingSecret,
    // Checked in `requestListener` below, before Bolt sees the request.
    signatureVerification: false,
    logger: o.logger,
    customRoutes: o.customRoutes,
    // Ours, so that a request handed to Bolt after its body was read is answered the same way.
    dispatchErrorHandler: dispatchError,
    customPropertiesExtractor: (req) => ({ [RECEIVED_AT]: arrivals.get(req) }),
  });
  const bolts: RequestListener = receiver.requestListener;
  // A flood is thousands of these a second: one line every 10 s, with a count.
  const warn = throttledWarn(o.logger, { intervalMs: 10_000, now });
  const warnForged = throttledWarn(o.logger, { intervalMs: 10_000, now });
  /** A POST whose body has been read: refused, or checked and handed to Bolt. */
  const answerWithBody = (req: IncomingMessage, res: ServerResponse, body: Buffer | undefined) => {
    if (body === undefined) {
      warn(`refused a body over ${MAX_BODY_BYTES} bytes sent without Content-Length (HTTP 413)`);
      res.writeHead(413, { connection: "close" });
      res.end();
      return;
    }
    let checked = body;
    if (isSslCheck(req, body)) {
      // Unsigned by Slack's design; Bolt answers it, and is given nothing else to read.
      checked = Buffer.from("ssl_check=1");
    } else {
      const verdict = checkSignature(signedHeadersOf(req), body);
      if (!verdict.ok) {
        warnForged(`refused a request whose signature does not hold: ${verdict.why} (HTTP 401)`);
        res.writeHead(401);
        res.end();
        return;
      }
    }
    // Bolt reads a request's body from `rawBody` when it is already there.
    Object.assign(req, { rawBody: checked });
    try {
      bolts(req, res);
    } catch (error) {
      // What Bolt's own server does with a throw from its listener (404 for an unknown path);
      // here it would be an unhandled rejection, and the process would stop.
      dispatchError({ error: error as Error, logger: o.logger, request: req, response: res });
    }
  };

  receiver.requestListener = (req, res) => {
    arrivals.set(req, now());
    if (!mustBeSigned(req)) {
      bolts(req, res);
      return;
    }
    const refusal = refusalOf(req);
    if (refusal) {
      warn(`refused ${refusal.why} without reading it (HTTP ${refusal.status})`);
      // Closing the connection is what spares reading the rest: a kept-alive one would drain it.
      res.writeHead(refusal.status, { connection: "close" });
      res.end();
      return;
    }
    // Headers that cannot be a fresh signature are refused before a byte of the body is read.
    const early = signedHeadersVerdict(signedHeadersOf(req));
    if (early !== undefined && !early.ok) {
      warnForged(`refused a request whose signature does not hold: ${early.why} (HTTP 401)`);
      res.writeHead(401, { connection: "close" });
      res.end();
      return;
    }
    readBody(req, MAX_BODY_BYTES)
      .then(
        (body) => answerWithBody(req, res, body),
        // The client went away or the server's request timeout struck: nobody to answer.
        () => {
          o.logger.debug(
            `a request (${req.method} ${req.url}) ended before its body; nothing to answer`,
          );
          res.destroy();
        },
      )
      .catch((error: unknown) => {
        o.logger.error(
          `an unexpected error while reading a request (${req.method} ${req.url})`,
          error,
        );
        if (res.headersSent) res.destroy();
        else res.writeHead(500).end();
      });
  };
  return {
    init: (app) => receiver.init(app),
    start: (port) => receiver.start(port, SERVER_OPTIONS),
    stop: () => receiver.stop(),
  };
};

/**
 * Slack's `ssl_check` as Slack sends it: a small form whose `ssl_check` is 1 (Bolt also took the
 * name percent-encoded, and bodies of any size; Slack sends neither).
 */
const isSslCheck = (req: IncomingMessage, body: Buffer): boolean =>
  req.headers["content-type"] === FORM &&
  body.length <= MAX_UNSIGNED_BYTES &&
  body.includes("ssl_check=") &&
  parseForm(body.toString()).ssl_check === "1";

const signedHeadersOf = (req: IncomingMessage) => ({
  timestamp: req.headers["x-slack-request-timestamp"],
  signature: req.headers["x-slack-signature"],
});

/** Bolt's default answer to a request its listener threw for: 404 for a path it has no route for. */
const dispatchError = ({ error, logger, request, response }: ReceiverDispatchErrorHandlerArgs) => {
  if (error instanceof HTTPReceiverDeferredRequestError) {
    logger.info(`Unhandled HTTP request (${request.method}) made to ${request.url}`);
    response.writeHead(404);
    response.end();
    return;
  }
  logger.error(
    `An unexpected error occurred during a request (${request.method}) made to ${request.url}`,
  );
  logger.debug(`Error details: ${error}`);
  response.writeHead(500);
  response.end();
};

/** The whole body, or `undefined` once it runs past `limit` bytes (reading stops there). */
const readBody = (req: IncomingMessage, limit: number): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        cleanup();
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length));
    };
    const onFail = () => {
      cleanup();
      reject(new Error("the request ended before its body"));
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onFail);
      req.off("aborted", onFail);
      req.off("close", onFail);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onFail);
    req.on("aborted", onFail);
    req.on("close", onFail);
  });
