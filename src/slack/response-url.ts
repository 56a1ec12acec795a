import { type Clock, systemClock } from "../clock";
import type { Logger } from "../logger";
import { startDeadline } from "../retry/deadline";
import { parseRetryAfter } from "../retry/retry-after";
import { type RetryPolicy, retrying, retryWait } from "../retry/retry-policy";
import { type HookAnswer, type HookSend, headerOf, hookSend, sendWithFetch } from "./hook-fetch";
import type { Reply } from "./replies";

/**
 * Posts to a command's or click's `response_url`. We do not use Bolt's `respond()`:
 * it has no timeout and no retry, so one stalled Slack edge would hang an answer forever.
 */

export class ResponseUrlError extends Error {
  override readonly name = "ResponseUrlError";
  constructor(
    readonly status: number | undefined,
    readonly slackError: string | undefined,
    readonly retryAfterMs?: number,
    /** The request never reached Slack (connection refused, DNS): safe to send again. */
    readonly neverSent = false,
  ) {
    super(
      status === undefined
        ? `response_url could not be reached${slackError ? `: ${slackError}` : ""}`
        : `response_url answered HTTP ${status}${slackError ? ` (${slackError})` : ""}${
            status === 404 || slackError === "expired_url"
              ? ": the link has expired (30 minutes, 5 uses)"
              : ""
          }`,
    );
  }

  /** Worth sending again later: no answer, a rate limit, or Slack's own fault. */
  get transient(): boolean {
    return this.status === undefined || this.status === 429 || this.status >= 500;
  }

  /** Whether Slack may have shown the message although the post failed. */
  get mayHaveArrived(): boolean {
    return this.status !== 429 && !this.neverSent;
  }
}

export interface ResponderOptions {
  fetch?: typeof fetch;
  logger: Pick<Logger, "debug" | "warn">;
  clock?: Clock;
  /** Per attempt. */
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  /** Longest `Retry-After` we are willing to wait. */
  maxRetryAfterMs?: number;
}

/**
 * A reply already in JSON, as it is posted. The answer lane serializes a reply the moment it is
 * rendered, before it waits its turn to be sent: serialized after that wait, when its objects
 * and strings had outlived young-generation collections, the same 10-row list took 58 µs of
 * `JSON.stringify` instead of 27 (Node 24, 50 commands at once).
 */
export class SerializedReply {
  readonly json: string;
  /** A public post that may have arrived is not sent again: a share must not appear twice. */
  readonly inChannel: boolean;
  constructor(payload: Reply) {
    this.json = JSON.stringify(payload);
    this.inChannel = payload.response_type === "in_channel";
  }
}

export interface Responder {
  send(responseUrl: string, payload: Reply | SerializedReply): Promise<void>;
}

export const createResponder = (options: ResponderOptions): Responder => {
  const transport = options.fetch ? sendWithFetch(options.fetch) : hookSend();
  const timeoutMs = options.timeoutMs ?? 5000;
  const policy: RetryPolicy = {
    retries: options.retries ?? 2,
    backoffMs: options.backoffMs ?? 300,
    maxWaitMs: options.maxRetryAfterMs ?? 5000,
  };
  const clock = options.clock ?? systemClock;
  // The whole send: every attempt, and the waits between them.
  const deadlineMs = (policy.retries + 1) * timeoutMs + policy.retries * (policy.maxWaitMs ?? 0);

  return {
    async send(url, payload) {
      const { json: body, inChannel } =
        payload instanceof SerializedReply ? payload : new SerializedReply(payload);
      const deadline = startDeadline({
        ms: deadlineMs,
        expired: () => new ResponseUrlError(undefined, `no answer within ${deadlineMs} ms`),
      });
      let started = 0;

      /** One POST, its own timeout held by us, judged whole: Slack's answer or the failure. */
      const attempt = async () => {
        started = clock.now().getTime();
        const own = startDeadline({
          ms: timeoutMs,
          expired: () => new ResponseUrlError(undefined, `no answer within ${timeoutMs} ms`),
          parent: deadline.signal,
        });
        try {
          await postOnce(transport, url, body, own.signal, clock.now());
        } finally {
          own.dispose();
        }
      };

      // Our own retry loop, not ky's: ky builds a Request (its body a stream) for every post
      // only for `attempt` to drop it, about 0.1 ms of CPU and its garbage on every answer.
      try {
        await retrying(attempt, {
          signal: deadline.signal,
          waitBefore: (error, retry) => {
            if (!(error instanceof ResponseUrlError) || !error.transient) return undefined;
            if (inChannel && error.mayHaveArrived) return undefined;
            return retryWait(policy, retry, {
              requestedMs: error.retryAfterMs,
              remainingMs: deadline.remainingMs(),
            });
          },
          onRetry: (error, waitMs, retry) =>
            options.logger.warn(
              `${(error as Error).message}; retrying in ${waitMs} ms (attempt ${retry + 1} of ${policy.retries + 1}, last took ${clock.now().getTime() - started} ms)`,
            ),
        });
      } finally {
        deadline.dispose();
      }
    },
  };
};

const POST_HEADERS = { "content-type": "application/json; charset=utf-8" };

const postOnce = async (
  transport: HookSend,
  url: string,
  body: string,
  signal: AbortSignal,
  now: Date,
): Promise<void> => {
  let answer: HookAnswer;
  try {
    answer = await transport(url, { method: "POST", headers: POST_HEADERS, body, signal });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const code = (error as { cause?: { code?: string } }).cause?.code;
    throw new ResponseUrlError(
      undefined,
      error instanceof Error ? error.message : String(error),
      undefined,
      code === "ECONNREFUSED" || code === "ENOTFOUND",
    );
  }
  const { status, text } = answer;
  // Slack sometimes refuses with HTTP 200 and `{"ok":false,"error":…}`.
  if (status >= 200 && status < 300 && !/^\s*\{[^}]*"ok"\s*:\s*false/.test(text)) return;
  throw new ResponseUrlError(
    status,
    slackErrorOf(text),
    parseRetryAfter(headerOf(answer, "retry-after"), now),
  );
};

// Slack answers `response_url` posts with a short text body such as "expired_url", or JSON.
const slackErrorOf = (text: string): string | undefined => {
  const trimmed = text.trim().slice(0, 100);
  if (!trimmed.startsWith("{")) return trimmed || undefined;
  try {
    const parsed = JSON.parse(trimmed) as { error?: unknown };
    return typeof parsed.error === "string" ? parsed.error : undefined;
  } catch {
    return undefined;
  }
};
