import type { Responder } from "./response-url";

/**
 * Slack's hooks host: the one origin `response_url` answers may go to. A `response_url` comes
 * inside the request, and a modal keeps one in its `private_metadata`; neither is trusted to
 * name where a ticket may be posted. `SLACK_HOOKS_URL` sets the origin (GovSlack-style
 * deployments, or a loopback stand-in in tests).
 */
export interface SlackHooks {
  readonly origin: string;
  /** True only for an http(s) URL on exactly this scheme, host and port. */
  allows(url: string): boolean;
}

export const slackHooks = (origin: string): SlackHooks => {
  const expected = new URL(origin).origin;
  return {
    origin: expected,
    allows(url) {
      try {
        const u = new URL(url);
        return (u.protocol === "https:" || u.protocol === "http:") && u.origin === expected;
      } catch {
        return false;
      }
    },
  };
};

export class ForeignHookError extends Error {
  override readonly name = "ForeignHookError";
  constructor(
    readonly host: string,
    hooksOrigin: string,
  ) {
    super(
      `refused to post to ${host}: answers go only to Slack's hooks host ${hooksOrigin} (SLACK_HOOKS_URL)`,
    );
  }
}

/** For logs and errors: the host a URL names, never the rest of it (a response_url is a credential). */
export const hostOfUrl = (url: string): string => {
  try {
    return new URL(url).host || "an address without a host";
  } catch {
    return "an address that is not a URL";
  }
};

/** Every answer leaves through this: whatever produced the URL, nothing goes to another host. */
export const onlyToSlackHooks = (responder: Responder, hooks: SlackHooks): Responder => ({
  send(url, payload) {
    if (!hooks.allows(url))
      return Promise.reject(new ForeignHookError(hostOfUrl(url), hooks.origin));
    return responder.send(url, payload);
  },
});
