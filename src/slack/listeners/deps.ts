import type { HomeFlows } from "../../flows/home";
import type { SavedViewFlows } from "../../flows/saved-views";
import type { SubscriptionFlows } from "../../flows/subscriptions";
import type { CommandDeps } from "../../flows/tickets-command";
import type { Logger } from "../../logger";
import type { RenderContext } from "../../render/context";
import type { TicketLinkMatcher } from "../../tickets/ticket-link";
import type { InFlight } from "../in-flight";
import type { Responder } from "../response-url";

/** What every listener may use: the flows' services, and where answers go. Built once in app.ts. */
export interface ListenerDeps extends CommandDeps {
  logger: Pick<Logger, "info" | "warn" | "error">;
  responder: Responder;
  /** Work after an ack is tracked, so that shutting down waits for it. */
  inFlight: InFlight;
  /** Which links are ticket pages; unset (no `TICKET_WEB_URL`): links do not unfurl. */
  ticketLinks?: TicketLinkMatcher;
  /** A channel's own digests (`/tickets subscribe`, `/tickets digests`, their buttons and modal), answering in a reader's words. */
  subscriptionsFor: (renderContext: () => RenderContext) => SubscriptionFlows;
  /** Saved views (`/tickets save`, `/tickets views`, `/tickets NAME`, their buttons), in a reader's words. */
  savedViewsFor: (renderContext: () => RenderContext) => SavedViewFlows;
  /** The Home tab: published whole, in the person's own language, on every open and click. */
  home: HomeFlows;
}
