import { renderButtonExpired } from "../render/api-error";
import type { SlackMessage } from "../render/context";
import { renderShareRefused } from "../render/share";
import type { TicketQuery } from "../tickets/ticket-query";
import { fetchTicketDetails } from "./details";
import { fetchList } from "./list";
import type { ExplainPrivately, FlowDeps, PostPublicly } from "./ports";

/**
 * Share posts what the person is looking at, fetched again, visibly where they clicked; their
 * private copy stays as it was. Whatever cannot be shared (an out-of-date button, a failed
 * fetch, a refusal by Slack) is explained to them alone.
 */

type SharePorts = PostPublicly & ExplainPrivately;

/** What a Share click leads to: a message for everyone, or one for the clicker alone. */
type ShareResult = { share: SlackMessage } | { explain: SlackMessage };

const deliver = async (deps: FlowDeps, ports: SharePorts, result: ShareResult) => {
  if ("explain" in result) {
    await ports.explainPrivately(result.explain);
    return;
  }
  const post = await ports.postPublicly(result.share);
  if (post.posted) return;
  deps.logger.warn(`share refused by Slack: ${post.detail}`);
  await ports.explainPrivately(renderShareRefused(post.reason, deps.renderContext()));
};

/** The list a Share button carries (`undefined`: its value did not decode), shared by `sharedBy`. */
export const shareList = async (
  deps: FlowDeps,
  ports: SharePorts,
  click: { query: TicketQuery | undefined; sharedBy: string },
): Promise<void> => {
  if (!click.query) return ports.explainPrivately(renderButtonExpired(deps.renderContext()));
  const outcome = await fetchList(
    deps,
    { query: click.query, notices: [] },
    { sharedBy: click.sharedBy },
  );
  await deliver(
    deps,
    ports,
    outcome.ok ? { share: outcome.message } : { explain: outcome.message },
  );
};

/** One ticket (`undefined`: the button's value did not decode), shared by `sharedBy`. */
export const shareTicket = async (
  deps: FlowDeps,
  ports: SharePorts,
  click: { ticketId: number | undefined; sharedBy: string },
): Promise<void> => {
  if (click.ticketId === undefined) {
    return ports.explainPrivately(renderButtonExpired(deps.renderContext()));
  }
  const details = await fetchTicketDetails(deps, click.ticketId, { sharedBy: click.sharedBy });
  await deliver(
    deps,
    ports,
    details.found ? { share: details.message } : { explain: details.message },
  );
};
