import type { Logger } from "../logger";

/**
 * One class per way the ticket API can fail. `message` is for logs; what a user reads is
 * chosen by the renderer from the class, through the message catalog.
 *
 * `transient` says whether the same request may succeed later with nobody changing anything.
 * It is the one answer to "retry?": the client retries transient failures while its deadline
 * allows, and the digest retries them again later; nobody else sorts failures by class.
 */
export abstract class TicketApiError extends Error {
  abstract readonly transient: boolean;
}

/** 401/403: the API token was refused. `providerMessage` is the provider's own sentence. */
export class TicketApiAuthError extends TicketApiError {
  override readonly name = "TicketApiAuthError";
  readonly transient = false;
  constructor(
    readonly status: number,
    readonly providerMessage: string | undefined,
  ) {
    super(`ticket API refused the token (HTTP ${status})`);
  }
}

/** 429. `retryAt` is when trying again makes sense: the panel's `Retry-After`, or our backoff. */
export class TicketApiRateLimitError extends TicketApiError {
  override readonly name = "TicketApiRateLimitError";
  readonly transient = true;
  constructor(readonly retryAt: Date) {
    super(`ticket API rate limit; retry after ${retryAt.toISOString()}`);
  }
}

/**
 * 5xx (after retries). All are passing faults (a gateway while the panel restarts, a deadlock,
 * an overload) except 501 and 505, which say the panel will never take this request.
 */
export class TicketApiServerError extends TicketApiError {
  override readonly name = "TicketApiServerError";
  readonly transient: boolean;
  constructor(readonly status: number) {
    super(`ticket API answered HTTP ${status}`);
    this.transient = status !== 501 && status !== 505;
  }
}

/** Any other refusal: a 4xx, or HTTP 200 carrying `meta.status: false`. */
export class TicketApiRejectedError extends TicketApiError {
  override readonly name = "TicketApiRejectedError";
  readonly transient = false;
  constructor(
    readonly status: number,
    readonly providerMessage: string | undefined,
    readonly details?: unknown,
  ) {
    super(`ticket API rejected the request (HTTP ${status}): ${providerMessage ?? "no message"}`);
  }
}

/**
 * The body is not JSON, typically an HTML page from a proxy. On a success status that is a
 * maintenance or error page, which passes; on a 4xx (a proxy's 404) the address is wrong.
 */
export class TicketApiNotJsonError extends TicketApiError {
  override readonly name = "TicketApiNotJsonError";
  readonly transient: boolean;
  constructor(
    readonly status: number,
    readonly contentType: string | undefined,
    readonly bodyStart: string,
  ) {
    super(
      `ticket API answered HTTP ${status} with a body that is not JSON (${contentType ?? "no content type"})`,
    );
    this.transient = status < 400;
  }
}

/** JSON, but not the documented shape. `issues` go to the log only. */
export class TicketApiShapeError extends TicketApiError {
  override readonly name = "TicketApiShapeError";
  readonly transient = false;
  constructor(readonly issues: string) {
    super(`ticket API answered an unexpected shape: ${issues}`);
  }
}

/** No complete answer within the overall deadline. */
export class TicketApiTimeoutError extends TicketApiError {
  override readonly name = "TicketApiTimeoutError";
  readonly transient = true;
  constructor(readonly timeoutMs: number) {
    super(`ticket API gave no complete answer within ${timeoutMs} ms`);
  }
}

/** Connection refused, reset, DNS failure: nothing usable came back. */
export class TicketApiUnreachableError extends TicketApiError {
  override readonly name = "TicketApiUnreachableError";
  readonly transient = true;
  constructor(readonly reason: string) {
    super(`ticket API unreachable: ${reason}`);
  }
}

/**
 * An answer larger than any page of tickets could be (by `Content-Length`, or counted while
 * reading): refused unread rather than held in memory. `declaredBytes` is the header's claim.
 */
export class TicketApiTooLargeError extends TicketApiError {
  override readonly name = "TicketApiTooLargeError";
  readonly transient = false;
  constructor(
    readonly limitBytes: number,
    readonly declaredBytes?: number,
  ) {
    super(
      declaredBytes === undefined
        ? `ticket API answer exceeded ${limitBytes} bytes; reading stopped there`
        : `ticket API announced ${declaredBytes} bytes, over the limit of ${limitBytes}; not read`,
    );
  }
}

/**
 * A redirect the bot does not follow: to another origin (whose data would be shown as the
 * panel's), or one too many. `TICKET_API_URL` names the wrong place; `location` says where to.
 */
export class TicketApiRedirectError extends TicketApiError {
  override readonly name = "TicketApiRedirectError";
  readonly transient = false;
  constructor(
    readonly status: number,
    readonly location: string | undefined,
    readonly reason: "other-origin" | "too-many" | "no-location",
  ) {
    super(
      reason === "no-location"
        ? `ticket API answered HTTP ${status} without a Location: check TICKET_API_URL`
        : reason === "too-many"
          ? `ticket API redirected too many times, last to ${location}: set TICKET_API_URL to the final address`
          : `ticket API redirected to another origin (${location}); not followed: check TICKET_API_URL`,
    );
  }
}

/**
 * How loud a failed read is in the log: an error when only an operator can mend it (the panel
 * or its address is wrong, or the bot has a bug), a warning when it passes or is the panel's
 * answer to this request. Users are told separately, in the catalog's words.
 */
export const logTicketFailure = (logger: Pick<Logger, "warn" | "error">, error: unknown) => {
  if (error instanceof TicketApiShapeError || error instanceof TicketApiRedirectError) {
    logger.error(`${error.name}: ${error.message}`);
  } else if (error instanceof TicketApiError) logger.warn(`${error.name}: ${error.message}`);
  else logger.error("unexpected failure while listing tickets", error);
};
