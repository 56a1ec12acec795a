import type { WebClient } from "@slack/web-api";
import { decodeHomeState } from "../../../contract/home-state";
import type { HomeAction } from "../../../flows/home";
import type { Person } from "../../../flows/ports";
import { homePorts } from "../../request-ports";
import type { ListenerDeps } from "../deps";

/**
 * Publishes the person's Home tab after `action`, from what the tab remembered
 * (`private_metadata`): every Home surface (the event, its buttons) ends here. Tracked, so
 * that shutting down waits for it.
 */
export const showHome = (
  deps: Pick<ListenerDeps, "home" | "inFlight" | "logger">,
  client: Pick<WebClient, "views">,
  person: Person,
  action: HomeAction,
  privateMetadata: string | undefined,
  /** The clicked tab's `hash` (a click's); an opening replaces whatever is there. */
  hash?: string,
): Promise<void> =>
  deps.inFlight.track(
    deps.home.show(
      person,
      action,
      homePorts(client, person.userId, deps.logger, hash),
      decodeHomeState(privateMetadata),
    ),
  );
