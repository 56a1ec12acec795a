import type { SubscriptionFlows } from "../../flows/subscriptions";
import type { CommandDeps } from "../../flows/tickets-command";
import type { InFlight } from "../in-flight";
import type { Responder } from "../response-url";

/** What every listener may use: the flows' services, and where answers go. Built once in app.ts. */
export interface ListenerDeps extends CommandDeps {
  responder: Responder;
  /** Work after an ack is tracked, so that shutting down waits for it. */
  inFlight: InFlight;
  /** A channel's own digests: `/tickets subscribe`, `/tickets digests`, their buttons and modal. */
  subscriptions: SubscriptionFlows;
}
