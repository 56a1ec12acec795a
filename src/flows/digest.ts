import type { Clock } from "../clock";
import type { DigestConfig } from "../config";
import { collectWaitingTickets } from "../digest/collect";
import { type DigestOutcome, runDigest } from "../digest/run-digest";
import type { DigestSummary } from "../digest/types";
import type { Logger } from "../logger";
import { renderTicketApiError } from "../render/api-error";
import type { RenderContext, SlackMessage } from "../render/context";
import { renderDigest, renderDigestEmpty } from "../render/digest";
import type { TicketClient } from "../tickets/ticket-client";
import { logFailure } from "./ticket-list";

export interface DigestFlowDeps {
  tickets: TicketClient;
  clock: Clock;
  digest: DigestConfig;
  logger: Logger;
  renderContext: () => RenderContext;
}

const HOUR = 3_600_000;

export const collectDigest = (deps: DigestFlowDeps): Promise<DigestSummary> =>
  collectWaitingTickets({
    listTickets: (query, options) => deps.tickets.listDigestRows(query, options),
    top: deps.digest.top,
    overdueMs: deps.digest.overdueHours * HOUR,
    clock: deps.clock,
  });

/** The digest as it would be posted now; an empty queue gets the short "nothing waiting" note. */
export const digestMessage = (deps: DigestFlowDeps, summary: DigestSummary): SlackMessage =>
  summary.total === 0
    ? renderDigestEmpty(deps.renderContext())
    : renderDigest(
        summary,
        { overdueHours: deps.digest.overdueHours, top: deps.digest.top },
        deps.renderContext(),
      );

/** One run to every DIGEST_CHANNEL: what the schedule and `npm run digest` both do. */
export const runChannelDigest = (
  deps: DigestFlowDeps & {
    post: (channel: string, message: SlackMessage) => Promise<void>;
    attempts?: number;
    backoffMs?: number;
  },
): Promise<DigestOutcome> =>
  runDigest({
    channels: deps.digest.channels,
    postWhenEmpty: deps.digest.postWhenEmpty,
    collect: () => collectDigest(deps),
    render: (summary) => digestMessage(deps, summary),
    renderEmpty: () => renderDigestEmpty(deps.renderContext()),
    post: deps.post,
    logger: deps.logger,
    now: () => deps.clock.now(),
    attempts: deps.attempts,
    backoffMs: deps.backoffMs,
  });

/** `/tickets digest`: the digest as it would be posted now, or why it cannot be built. */
export const buildDigestPreview = async (deps: DigestFlowDeps): Promise<SlackMessage> => {
  try {
    return digestMessage(deps, await collectDigest(deps));
  } catch (error) {
    logFailure(deps.logger, error);
    return renderTicketApiError(error, deps.renderContext());
  }
};
