import type { WebClient } from "@slack/web-api";
import * as z from "zod";
import { personOf } from "../../middleware/reader";
import type { ListenerDeps } from "../deps";
import { showHome } from "./show-home";

/**
 * Slack's `app_home_opened` event, the fields this bot reads. `tab` is `messages` when the
 * person opened the conversation with the bot rather than its Home; `view` is the tab as last
 * published (absent the first time), whose `private_metadata` is what the tab remembers.
 */
const appHomeOpenedSchema = z.looseObject({
  type: z.literal("app_home_opened"),
  user: z.string().min(1),
  tab: z.string().optional(),
  view: z.looseObject({ private_metadata: z.string().optional() }).nullish(),
});

export type AppHomeOpenedArgs = {
  event: unknown;
  client: Pick<WebClient, "views">;
  context?: { teamId?: string; enterpriseId?: string };
};

/**
 * The Home tab opened: published whole (flows/home.ts). The request guard has judged the person
 * already (a refused person's tab says why, and nothing is fetched); the Messages tab is left
 * alone. Events are acked by Bolt on arrival.
 */
export const appHomeOpened =
  (deps: ListenerDeps) =>
  async ({ event, client, context }: AppHomeOpenedArgs): Promise<void> => {
    const parsed = appHomeOpenedSchema.safeParse(event);
    if (!parsed.success) {
      deps.logger.warn(
        `ignored an app_home_opened event Slack would not send: ${parsed.error.issues[0]?.message ?? "invalid"}`,
      );
      return;
    }
    const opened = parsed.data;
    if (opened.tab !== undefined && opened.tab !== "home") return;
    const person = personOf({ ...context, userId: opened.user });
    if (!person) {
      deps.logger.warn("an app_home_opened event named no workspace; ignored");
      return;
    }
    await showHome(deps, client, person, { kind: "opened" }, opened.view?.private_metadata);
  };
