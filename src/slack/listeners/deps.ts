import type { DigestFlowDeps } from "../../flows/digest";
import type { Logger } from "../../logger";
import type { RenderContext } from "../../render/context";
import type { TicketClient } from "../../tickets/ticket-client";
import type { InFlight } from "../in-flight";
import type { Responder } from "../response-url";

/** What every listener may use; built once in app.ts. */
export interface ListenerDeps {
  tickets: TicketClient;
  responder: Responder;
  logger: Logger;
  inFlight: InFlight;
  renderContext: () => RenderContext;
  digest: DigestFlowDeps;
}
