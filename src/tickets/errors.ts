/**
 * One class per way the ticket API can fail. `message` is for logs; what a user reads is
 * chosen by the renderer from the class, through the message catalog.
 */
export abstract class TicketApiError extends Error {}

/** 401/403: the API token was refused. `providerMessage` is the provider's own sentence. */
export class TicketApiAuthError extends TicketApiError {
  override readonly name = "TicketApiAuthError";
  constructor(
    readonly status: number,
    readonly providerMessage: string | undefined,
  ) {
    super(`ticket API refused the token (HTTP ${status})`);
  }
}

/** 429 with a wait longer than the time we have left. */
export class TicketApiRateLimitError extends TicketApiError {
  override readonly name = "TicketApiRateLimitError";
  constructor(readonly retryAt: Date) {
    super(`ticket API rate limit; retry after ${retryAt.toISOString()}`);
  }
}

/** 5xx (after retries where they are transient). */
export class TicketApiServerError extends TicketApiError {
  override readonly name = "TicketApiServerError";
  constructor(readonly status: number) {
    super(`ticket API answered HTTP ${status}`);
  }
}

/** Any other refusal: a 4xx, or HTTP 200 carrying `meta.status: false`. */
export class TicketApiRejectedError extends TicketApiError {
  override readonly name = "TicketApiRejectedError";
  constructor(
    readonly status: number,
    readonly providerMessage: string | undefined,
    readonly details?: unknown,
  ) {
    super(`ticket API rejected the request (HTTP ${status}): ${providerMessage ?? "no message"}`);
  }
}

/** The body is not JSON, typically an HTML page from a proxy. */
export class TicketApiNotJsonError extends TicketApiError {
  override readonly name = "TicketApiNotJsonError";
  constructor(
    readonly status: number,
    readonly contentType: string | undefined,
    readonly bodyStart: string,
  ) {
    super(
      `ticket API answered HTTP ${status} with a body that is not JSON (${contentType ?? "no content type"})`,
    );
  }
}

/** JSON, but not the documented shape. `issues` go to the log only. */
export class TicketApiShapeError extends TicketApiError {
  override readonly name = "TicketApiShapeError";
  constructor(readonly issues: string) {
    super(`ticket API answered an unexpected shape: ${issues}`);
  }
}

/** No complete answer within the overall deadline. */
export class TicketApiTimeoutError extends TicketApiError {
  override readonly name = "TicketApiTimeoutError";
  constructor(readonly timeoutMs: number) {
    super(`ticket API gave no complete answer within ${timeoutMs} ms`);
  }
}

/** Connection refused, reset, DNS failure: nothing usable came back. */
export class TicketApiUnreachableError extends TicketApiError {
  override readonly name = "TicketApiUnreachableError";
  constructor(readonly reason: string) {
    super(`ticket API unreachable: ${reason}`);
  }
}
