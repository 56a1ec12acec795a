import {
  TicketApiAuthError,
  TicketApiNotJsonError,
  TicketApiRateLimitError,
  TicketApiRedirectError,
  TicketApiRejectedError,
  TicketApiServerError,
  TicketApiShapeError,
  TicketApiTimeoutError,
  TicketApiTooLargeError,
  TicketApiUnreachableError,
} from "../tickets/errors";

/**
 * Why a digest failed, in the terms people act on: what went wrong and so who can mend it (an
 * operator, the panel's administrators, someone in the channel). The catalogs word each kind
 * (`digestHealth.failures`); the run history and the digest's health keep it as a short string.
 */
export const FAILURE_KINDS = [
  /** The panel refused the bot's token (401/403): TICKET_API_TOKEN. */
  "panel-auth",
  /** No connection to the panel: down, or TICKET_API_URL is wrong. */
  "panel-unreachable",
  /** No complete answer within TICKET_API_TIMEOUT_MS, after retries. */
  "panel-timeout",
  /** 5xx, or a maintenance page instead of JSON. */
  "panel-error",
  /** The panel's 429 lasted longer than a digest waits. */
  "panel-busy",
  /** An answer larger than any page of tickets could be. */
  "panel-too-large",
  /** A redirect the bot does not follow: TICKET_API_URL is not the final address. */
  "panel-redirect",
  /** A 4xx page that is not the panel's JSON (a proxy's 404): TICKET_API_URL is wrong. */
  "panel-address",
  /** JSON, but not the documented shape. */
  "panel-shape",
  /** The panel refused this digest's request (a 4xx of its own): its filters, say. */
  "panel-refused",
  /** Slack: the bot is not in the channel, or cannot see it. */
  "slack-not-in-channel",
  "slack-archived",
  /** Slack refused SLACK_BOT_TOKEN (uninstalled, revoked). */
  "slack-token",
  /** The app lacks a scope: reinstall from manifest.yml. */
  "slack-scope",
  /** An admin limited who may post in the channel. */
  "slack-restricted",
  "slack-rate-limited",
  "slack-too-large",
  /** Any other refusal; `detail` is Slack's code. */
  "slack-other",
  /** The digest's saved filters no longer read as filters (a store edited by hand, say). */
  "stored-filters",
  /** ALLOWED_CHANNEL_IDS no longer allows the digest's channel. */
  "channel-not-allowed",
  /** The bot's own trouble (its worker thread, its database): the log says more. */
  "internal",
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface Failure {
  kind: FailureKind;
  /** An HTTP status (`503`) or Slack's error code (`not_in_channel`): words for people. */
  detail?: string;
}

const SLACK_CODES: Readonly<Record<string, FailureKind>> = {
  not_in_channel: "slack-not-in-channel",
  channel_not_found: "slack-not-in-channel",
  is_archived: "slack-archived",
  invalid_auth: "slack-token",
  not_authed: "slack-token",
  account_inactive: "slack-token",
  token_revoked: "slack-token",
  token_expired: "slack-token",
  missing_scope: "slack-scope",
  no_permission: "slack-scope",
  restricted_action: "slack-restricted",
  restricted_action_read_only_channel: "slack-restricted",
  restricted_action_non_threadable_channel: "slack-restricted",
  restricted_action_thread_only_channel: "slack-restricted",
  ekm_access_denied: "slack-restricted",
  ratelimited: "slack-rate-limited",
  rate_limited: "slack-rate-limited",
  msg_too_long: "slack-too-large",
  msg_blocks_too_long: "slack-too-large",
};

/** Slack's codes are lower-case words and underscores; anything else is not shown as one. */
const slackCode = (text: string): string => (/^[a-z_]+/.exec(text)?.[0] ?? "").slice(0, 60);

/**
 * The Slack poster's refusal (slack/digest-poster.ts), known by its fixed name: the digest's
 * domain does not import Slack code.
 */
const slackRefusal = (error: unknown): string | undefined =>
  error instanceof Error &&
  error.name === "DigestPostError" &&
  "slackError" in error &&
  typeof error.slackError === "string"
    ? slackCode(error.slackError)
    : undefined;

const status = (n: number): string => String(n);

/** What kind of failure `error` is. Anything not known is the bot's own (`internal`). */
export const classifyFailure = (error: unknown): Failure => {
  if (error instanceof TicketApiAuthError)
    return { kind: "panel-auth", detail: status(error.status) };
  if (error instanceof TicketApiUnreachableError) return { kind: "panel-unreachable" };
  if (error instanceof TicketApiTimeoutError) return { kind: "panel-timeout" };
  if (error instanceof TicketApiServerError)
    return { kind: "panel-error", detail: status(error.status) };
  if (error instanceof TicketApiNotJsonError) {
    return {
      kind: error.status < 400 ? "panel-error" : "panel-address",
      detail: status(error.status),
    };
  }
  if (error instanceof TicketApiRateLimitError) return { kind: "panel-busy" };
  if (error instanceof TicketApiTooLargeError) return { kind: "panel-too-large" };
  if (error instanceof TicketApiRedirectError)
    return { kind: "panel-redirect", detail: status(error.status) };
  if (error instanceof TicketApiShapeError) return { kind: "panel-shape" };
  if (error instanceof TicketApiRejectedError)
    return { kind: "panel-refused", detail: status(error.status) };
  const code = slackRefusal(error);
  if (code !== undefined) {
    const kind = SLACK_CODES[code] ?? "slack-other";
    return code === "" ? { kind } : { kind, detail: code };
  }
  return { kind: "internal" };
};

/** As the store keeps it: `panel-error:503`, `slack-not-in-channel:not_in_channel`. */
export const encodeFailure = (failure: Failure): string =>
  failure.detail === undefined ? failure.kind : `${failure.kind}:${failure.detail}`;

const DETAIL = /^[a-z0-9_]{1,60}$/;

/** What the store kept, read back; a kind this version does not know reads as `internal`. */
export const decodeFailure = (stored: string | undefined): Failure | undefined => {
  if (stored === undefined || stored === "") return undefined;
  const at = stored.indexOf(":");
  const name = at < 0 ? stored : stored.slice(0, at);
  const detail = at < 0 ? undefined : stored.slice(at + 1);
  const kind = (FAILURE_KINDS as readonly string[]).includes(name)
    ? (name as FailureKind)
    : "internal";
  return detail !== undefined && DETAIL.test(detail) ? { kind, detail } : { kind };
};

/** Whether `detail` is an HTTP status (worded "HTTP 503") rather than a Slack code. */
export const isHttpStatus = (detail: string): boolean => /^\d{3}$/.test(detail);
