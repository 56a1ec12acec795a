import {
  TicketApiAuthError,
  TicketApiError,
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
import { mrkdwn, section } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";
import { exactTime, oneLine, safeCode, safeMrkdwn } from "./mrkdwn";

/** The provider's sentence is shown (it may explain a refusal) but kept short. */
const PROVIDER_MESSAGE_CAP = 300;
/** A redirect's target, for an operator to recognise: the panel's text, so capped too. */
const LOCATION_CAP = 200;

/**
 * Why tickets could not be fetched, in the catalog's words. Only fields meant for users
 * (status, provider's message, retry time) are shown: never an error's message, class or stack.
 */
export const renderTicketApiError = (error: unknown, ctx: RenderContext): SlackMessage => {
  const message = apiErrorText(error, ctx);
  return { text: message, blocks: [section(mrkdwn(message))] };
};

/**
 * The one mapping from a failure to its words, shared by every surface that reports it (a
 * message, the details modal), so they can never tell different stories.
 */
export const apiErrorText = (error: unknown, ctx: RenderContext): string => {
  const { t } = ctx;
  const m = t.apiErrors;
  if (!(error instanceof TicketApiError)) return m.unexpected;
  if (error instanceof TicketApiAuthError) return m.tokenRejected(provider(error.providerMessage));
  if (error instanceof TicketApiRateLimitError) return m.rateLimited(retryAt(error.retryAt, ctx));
  if (error instanceof TicketApiServerError) return m.server(error.status);
  if (error instanceof TicketApiRejectedError) return m.rejected(provider(error.providerMessage));
  if (error instanceof TicketApiNotJsonError) return m.notJson;
  if (error instanceof TicketApiShapeError) return m.shape;
  if (error instanceof TicketApiTimeoutError) return m.timeout(Math.ceil(error.timeoutMs / 1000));
  if (error instanceof TicketApiUnreachableError) return m.unreachable;
  if (error instanceof TicketApiTooLargeError) return m.tooLarge(t.size(error.limitBytes));
  if (error instanceof TicketApiRedirectError) {
    return m.redirected(error.location ? safeCode(error.location, LOCATION_CAP) : undefined);
  }
  return m.unexpected;
};

const provider = (message: string | undefined): string | undefined => {
  const safe = message === undefined ? "" : safeMrkdwn(oneLine(message), PROVIDER_MESSAGE_CAP);
  return safe === "" ? undefined : safe;
};

const retryAt = (when: Date, ctx: RenderContext): string => exactTime(when, ctx, "{time}");

/** For a paging button whose value no longer decodes (an older bot made it, or it was altered). */
export const renderButtonExpired = ({ t }: RenderContext): SlackMessage => ({
  text: t.buttons.expired,
  blocks: [section(mrkdwn(t.buttons.expired))],
});
