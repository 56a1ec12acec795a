import { signedHeaders } from "../../src/demo/fakes/slack-driver";
import type { WebApiCall } from "../../src/demo/fakes/slack-stand-in";
import type { ButtonElement } from "./blocks";
import { type Harness, SIGNING_SECRET } from "./bot-harness";
import { readFixtureJson } from "./fixtures";

/**
 * Driving the Home tab as Slack does: the `app_home_opened` event (Slack's own example,
 * test/fixtures) in a signed Events API delivery, and clicks in the tab, which carry the tab's
 * `view` and no `response_url`.
 */

type HomeOpened = Record<string, unknown> & { view: Record<string, unknown> };

/** Slack's example event, as `userId` of the harness's workspace, the tab as `privateMetadata` left it. */
export const homeOpenedEvent = (
  h: Harness,
  userId = "W111",
  privateMetadata?: string,
): Record<string, unknown> => {
  const event = readFixtureJson<HomeOpened>("slack/payloads/app_home_opened.slack-docs.json");
  return {
    ...event,
    user: userId,
    view: {
      ...event.view,
      team_id: h.slack.teamId,
      app_installed_team_id: h.slack.teamId,
      ...(privateMetadata === undefined ? {} : { private_metadata: privateMetadata }),
    },
  };
};

/** An Events API delivery, signed, as Slack posts it. */
export const sendEvent = (h: Harness, event: Record<string, unknown>, teamId = h.slack.teamId) => {
  const body = JSON.stringify({
    token: "verification_token",
    team_id: teamId,
    api_app_id: "A111",
    event,
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2, 10)}`,
    event_time: 1596530385,
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: "UBOT", is_bot: true }],
  });
  return h.post(body, {
    ...signedHeaders(SIGNING_SECRET, body),
    "content-type": "application/json",
  });
};

export const openHome = (h: Harness, userId = "W111", privateMetadata?: string) =>
  sendEvent(h, homeOpenedEvent(h, userId, privateMetadata));

export interface PublishedHome {
  user_id: string;
  view: { type: string; blocks: unknown[]; private_metadata?: string };
  /** Sent when the tab was published in answer to a click on the tab of this hash. */
  hash?: string;
  /** The hash Slack gave this tab (`undefined`: the publish was refused). */
  viewHash?: string;
}

/** Every tab published (or refused) for `userId`, in order. */
export const publishes = (h: Harness, userId?: string): PublishedHome[] =>
  h.slack.calls.items
    .filter((c) => c.method === "views.publish")
    .map((c) => ({ ...(c.body as unknown as PublishedHome), viewHash: c.viewHash }))
    .filter((p) => userId === undefined || p.user_id === userId);

/** The `n`th tab published (1 = the first) for `userId`, once it is. */
export const nthPublish = async (
  h: Harness,
  n: number,
  userId = "W111",
): Promise<PublishedHome> => {
  await h.slack.calls.waitFor(
    (c: WebApiCall) => c.method === "views.publish" && publishes(h, userId).length >= n,
  );
  const found = publishes(h, userId)[n - 1];
  if (!found) throw new Error(`no publish #${n} for ${userId}`);
  return found;
};

/** A click in the person's Home tab, as last published: no response_url, the tab's view. */
export const clickInHome = (
  h: Harness,
  button: Pick<ButtonElement, "action_id" | "value">,
  tab: PublishedHome,
  userId = "W111",
) =>
  h.click(
    { action_id: button.action_id, value: button.value },
    {
      user: { id: userId, team_id: h.slack.teamId },
      container: { type: "view", view_id: "VHOME" },
      channel: undefined,
      response_url: undefined,
      view: {
        id: "VHOME",
        team_id: h.slack.teamId,
        type: "home",
        blocks: tab.view.blocks,
        private_metadata: tab.view.private_metadata ?? "",
        callback_id: "",
        hash: tab.viewHash ?? "1.2",
      },
    },
  );
