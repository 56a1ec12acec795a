import { randomBytes } from "node:crypto";
import type { Clock } from "../clock";
import { type SampleApi, startSampleApi } from "../sample-api/sample-api-server";
import { DEMO_TICKET_COUNT, demoTickets } from "./sample-data";

/**
 * `npm run demo -- --serve-api`: only the sample ticket API, so a real Slack app can be tried
 * against it (`TICKET_API_URL`, `TICKET_API_TOKEN`) before there is a reseller token.
 */

export interface ServeApiRun {
  api: SampleApi;
  token: string;
  /** What to tell the person: where it is and how to reach it. */
  banner: string;
}

export const serveSampleApi = async (o: {
  port: number;
  token: string | undefined;
  clock: Clock;
}): Promise<ServeApiRun> => {
  const token = o.token ?? `demo-${randomBytes(12).toString("hex")}`;
  // Loopback only: the data is made up, but an open port is still an open port.
  const api = await startSampleApi({
    tickets: demoTickets(o.clock.now()),
    token,
    port: o.port,
    host: "127.0.0.1",
  });
  const banner = [
    `Sample ticket API with ${DEMO_TICKET_COUNT} generated tickets, listening on ${api.url}`,
    "",
    "Point the bot at it (in .env):",
    `  TICKET_API_URL=${api.url}`,
    `  TICKET_API_TOKEN=${token}`,
    "",
    "Try it:",
    `  curl -H 'Authorization: ${token}' '${api.url}/api/ticket?state_id=2&per_page=2'`,
    "",
    "Ctrl-C stops it.",
  ].join("\n");
  return { api, token, banner };
};
