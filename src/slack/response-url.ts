import { type Clock, sleep, systemClock } from "../clock";
import type { Logger } from "../logger";
import type { SlackMessage } from "../render/context";

/**
 * Posts to a command's or click's `response_url`. We do not use Bolt's `respond()`:
 * it has no timeout and no retry, so one stalled Slack edge would hang an answer forever.
 */

export type ResponsePayload = SlackMessage & {
  response_type?: "ephemeral" | "in_channel";
  replace_original?: boolean;
  delete_original?: boolean;
};

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

export interface Responder {
  send(responseUrl: string, payload: ResponsePayload): Promise<void>;
}

const isTransient = (status: number) => status === 429 || status >= 500;

export const createResponder = (options: ResponderOptions): Responder => {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 300;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5000;
  const clock = options.clock ?? systemClock;

  const attempt = async (url: string, body: string): Promise<ResponseUrlError | undefined> => {
    try {
      const response = await doFetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json; charset=utf-8" },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      // Slack sometimes refuses with HTTP 200 and `{"ok":false,"error":…}`.
      if (response.ok && !/^\s*\{[^}]*"ok"\s*:\s*false/.test(text)) return undefined;
      const retryAfter = Number(response.headers.get("retry-after"));
      return new ResponseUrlError(
        response.status,
        slackErrorOf(text),
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      );
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      return new ResponseUrlError(
        undefined,
        error instanceof Error ? error.message : String(error),
        undefined,
        code === "ECONNREFUSED" || code === "ENOTFOUND",
      );
    }
  };

  return {
    async send(url, payload) {
      const body = JSON.stringify(payload);
      for (let i = 0; ; i++) {
        const started = clock.now().getTime();
        const error = await attempt(url, body);
        if (!error) return;
        // A public post that may have arrived is not sent again: a share must not appear twice.
        const mayHaveArrived = error.status !== 429 && !error.neverSent;
        const retryable =
          (error.status === undefined || isTransient(error.status)) &&
          !(payload.response_type === "in_channel" && mayHaveArrived);
        if (!retryable || i >= retries) throw error;
        const wait = error.retryAfterMs ?? backoffMs * 2 ** i;
        if (wait > maxRetryAfterMs) throw error;
        options.logger.warn(
          `${error.message}; retrying in ${wait} ms (attempt ${i + 2} of ${retries + 1}, last took ${clock.now().getTime() - started} ms)`,
        );
        await sleep(wait);
      }
    },
  };
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
