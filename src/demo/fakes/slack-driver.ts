import { createHmac } from "node:crypto";
import type { ResponsePost, SlackStandIn } from "./slack-stand-in";

/**
 * Slack's side of a conversation with a bot in HTTP mode: slash commands and button clicks,
 * signed and shaped as Slack sends them, posted to the bot's `/slack/events`. Its answers
 * arrive at the Slack stand-in. The integration tests and the demo both drive the bot this way.
 */

/** Slack's v0 request signature over `v0:{timestamp}:{raw body}`. */
export const slackSignature = (secret: string, timestamp: number | string, body: string): string =>
  `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;

export const signedHeaders = (
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
) => ({
  "content-type": "application/x-www-form-urlencoded",
  "x-slack-request-timestamp": String(timestamp),
  "x-slack-signature": slackSignature(secret, timestamp, body),
});

/*
 * The fields and values of payloads captured from Slack (see test/fixtures/slack/payloads, which
 * the tests compare these with): the bot must accept exactly what Slack sends, extra fields
 * included, not a minimal form someone thought was enough.
 */

/** Who sends the commands and clicks, unless a request's fields say otherwise. */
export const SLACK_USER_ID = "W111";

export const slashCommandForm = (o: {
  text: string;
  teamId: string;
  responseUrl: string;
  fields?: Record<string, string>;
}): URLSearchParams => {
  const form = new URLSearchParams({
    token: "fixed-value",
    team_id: o.teamId,
    team_domain: "domain-value",
    channel_id: "C111",
    channel_name: "random",
    user_id: SLACK_USER_ID,
    user_name: "primary-owner",
    command: "/tickets",
    text: o.text,
    api_app_id: "A111",
    is_enterprise_install: "false",
    enterprise_id: "E111",
    enterprise_name: "Sandbox Org",
    response_url: o.responseUrl,
    trigger_id: "111.222.xxx",
  });
  for (const [k, v] of Object.entries(o.fields ?? {})) form.set(k, v);
  return form;
};

export interface ClickedButton {
  action_id: string;
  value?: string;
  block_id?: string;
  /** The button's label, as Slack echoes it back. */
  text?: string;
}

/** A click on a button of an ephemeral message: Slack then sends no `message`. */
export const blockActionsPayload = (o: {
  action: ClickedButton;
  teamId: string;
  responseUrl: string;
  fields?: Record<string, unknown>;
}): Record<string, unknown> => ({
  type: "block_actions",
  user: { id: SLACK_USER_ID, username: "primary-owner", name: "primary-owner", team_id: o.teamId },
  api_app_id: "A111",
  token: "verification_token",
  container: { type: "message", message_ts: "111.222", channel_id: "C111", is_ephemeral: true },
  trigger_id: "111.222.valid",
  team: {
    id: o.teamId,
    domain: "workspace-domain",
    enterprise_id: "E111",
    enterprise_name: "Sandbox Org",
  },
  channel: { id: "C111", name: "test-channel" },
  response_url: o.responseUrl,
  actions: [
    {
      action_id: o.action.action_id,
      block_id: o.action.block_id ?? "b",
      text: { type: "plain_text", text: o.action.text ?? "Button", emoji: true },
      value: o.action.value,
      type: "button",
      action_ts: `${Date.now() / 1000}`,
    },
  ],
  ...o.fields,
});

/** A modal submitted (`view_submission`), shaped like a captured one; `view` fills in the modal. */
export const viewSubmissionPayload = (o: {
  teamId: string;
  view: { callback_id: string; private_metadata?: string; state: { values: unknown } };
  fields?: Record<string, unknown>;
}): Record<string, unknown> => ({
  type: "view_submission",
  team: {
    id: o.teamId,
    domain: "workspace-domain",
    enterprise_id: "E111",
    enterprise_name: "Sandbox Org",
  },
  user: { id: SLACK_USER_ID, username: "primary-owner", name: "primary-owner", team_id: o.teamId },
  api_app_id: "A111",
  token: "verification_token",
  trigger_id: "111.222.valid",
  view: {
    id: "V111",
    team_id: o.teamId,
    type: "modal",
    blocks: [],
    private_metadata: o.view.private_metadata ?? "",
    callback_id: o.view.callback_id,
    state: o.view.state,
    hash: "1596530361.3wRYuk3R",
    title: { type: "plain_text", text: "Tickets" },
    clear_on_close: false,
    notify_on_close: false,
    close: { type: "plain_text", text: "Cancel" },
    submit: { type: "plain_text", text: "Submit" },
    previous_view_id: null,
    root_view_id: "V111",
    app_id: "A111",
    external_id: "",
    app_installed_team_id: o.teamId,
    bot_id: "B111",
  },
  response_urls: [],
  ...o.fields,
});

export interface BotReply {
  status: number;
  text: string;
  /** The body as JSON, when it is JSON (an ack's immediate answer). */
  json: unknown;
}

export interface SlackDriverOptions {
  /** The bot's `POST /slack/events` URL. */
  eventsUrl: string;
  signingSecret: string;
  /** Hands out the `response_url`s and receives what the bot posts to them. */
  slack: Pick<SlackStandIn, "teamId" | "newResponseUrl" | "responses">;
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export const createSlackDriver = ({ eventsUrl, signingSecret, slack }: SlackDriverOptions) => {
  const post = async (body: string, headers: Record<string, string>): Promise<BotReply> => {
    const response = await fetch(eventsUrl, { method: "POST", headers, body });
    const text = await response.text();
    return { status: response.status, text, json: text ? safeJson(text) : undefined };
  };
  /** Slack gives every command and click a fresh response_url for the answers. */
  const withResponseUrl = async (bodyFor: (responseUrl: string) => string) => {
    const responseUrl = slack.newResponseUrl();
    const body = bodyFor(responseUrl.url);
    const ack = await post(body, signedHeaders(signingSecret, body));
    return { ack, responseId: responseUrl.id };
  };

  return {
    post,
    /** Sends `/tickets {text}`; returns the HTTP ack and the response_url id to wait on. */
    command: (text: string, fields: Record<string, string> = {}) =>
      withResponseUrl((responseUrl) =>
        slashCommandForm({ text, teamId: slack.teamId, responseUrl, fields }).toString(),
      ),
    /** Clicks a button on an ephemeral message; `fields` replace top-level payload fields. */
    click: (action: ClickedButton, fields: Record<string, unknown> = {}) =>
      withResponseUrl((responseUrl) => {
        const payload = blockActionsPayload({ action, teamId: slack.teamId, responseUrl, fields });
        return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      }),
    /** Submits a modal; the ack's body is the answer (`response_action`, or nothing to close). */
    submitView: (
      view: Parameters<typeof viewSubmissionPayload>[0]["view"],
      fields: Record<string, unknown> = {},
    ) => {
      const payload = viewSubmissionPayload({ teamId: slack.teamId, view, fields });
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return post(body, signedHeaders(signingSecret, body));
    },
    /** The next answer posted to a given response_url. */
    answerTo: (responseId: string, limitMs?: number): Promise<ResponsePost> =>
      slack.responses.waitFor((p) => p.id === responseId, limitMs),
  };
};

export type SlackDriver = ReturnType<typeof createSlackDriver>;
