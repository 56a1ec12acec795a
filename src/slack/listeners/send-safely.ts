import { type ResponsePayload, ResponseUrlError } from "../response-url";
import type { ListenerDeps } from "./deps";

/** An answer that cannot be delivered is logged with its cause; it must not crash the listener. */
export const sendSafely = async (
  deps: Pick<ListenerDeps, "responder" | "logger">,
  responseUrl: string | undefined,
  payload: ResponsePayload,
): Promise<boolean> => {
  if (!responseUrl) {
    deps.logger.error("cannot answer: the request carried no response_url");
    return false;
  }
  try {
    await deps.responder.send(responseUrl, payload);
    return true;
  } catch (error) {
    if (error instanceof ResponseUrlError) {
      deps.logger.error(`could not deliver an answer to Slack: ${error.message}`);
    } else {
      deps.logger.error("could not deliver an answer to Slack", error);
    }
    return false;
  }
};
