import { describe, expect, it } from "vitest";
import { ConfigError, loadBotConfig } from "../../src/config";
import type { Reply } from "../../src/slack/replies";
import { ForeignHookError, onlyToSlackHooks, slackHooks } from "../../src/slack/slack-hooks";

const base = {
  SLACK_BOT_TOKEN: "xoxb-123-abc",
  SLACK_SIGNING_SECRET: "signing-secret-value",
  TICKET_API_URL: "https://panel.example.com",
  TICKET_API_TOKEN: "panel-token-value",
};

describe("SLACK_HOOKS_URL", () => {
  it("defaults to Slack's own hooks host, whatever SLACK_API_URL says", () => {
    expect(loadBotConfig(base).slack.hooksOrigin).toBe("https://hooks.slack.com");
    expect(
      loadBotConfig({ ...base, SLACK_API_URL: "https://slack-gov.com/api/" }).slack.hooksOrigin,
    ).toBe("https://hooks.slack.com");
  });

  it("takes another origin (GovSlack, or a loopback stand-in with its port)", () => {
    expect(
      loadBotConfig({ ...base, SLACK_HOOKS_URL: "https://hooks.slack-gov.com/" }).slack.hooksOrigin,
    ).toBe("https://hooks.slack-gov.com");
    expect(
      loadBotConfig({ ...base, SLACK_HOOKS_URL: "http://127.0.0.1:4567" }).slack.hooksOrigin,
    ).toBe("http://127.0.0.1:4567");
  });

  it.each(["hooks.slack.com", "ftp://hooks.slack.com", "https://hooks.slack.com/commands"])(
    "refuses %s by name: it must be an http(s) origin",
    (value) => {
      try {
        loadBotConfig({ ...base, SLACK_HOOKS_URL: value });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems).toEqual([
          expect.stringMatching(/^SLACK_HOOKS_URL must be .*origin.*https:\/\/hooks\.slack\.com/),
        ]);
      }
    },
  );
});

describe("slackHooks", () => {
  const hooks = slackHooks("https://hooks.slack.com");

  it.each([
    "https://hooks.slack.com/commands/T111/397700885554/96rGlfmibIGlgcZRskXaIFfN",
    "https://hooks.slack.com/actions/T111/111/random-value",
    "https://HOOKS.slack.com:443/actions/T111/1/x",
  ])("allows %s", (url) => {
    expect(hooks.allows(url)).toBe(true);
  });

  it.each([
    "http://hooks.slack.com/commands/T111/1/x",
    "https://hooks.slack.com:8443/commands/T111/1/x",
    "https://hooks.slack.com.evil.example/commands/T111/1/x",
    "https://evil.example/hooks.slack.com/commands",
    "https://user@evil.example/",
    "https://slack.com/api/chat.postMessage",
    "javascript:alert(1)",
    "not a url",
    "",
  ])("refuses %s", (url) => {
    expect(hooks.allows(url)).toBe(false);
  });

  it("onlyToSlackHooks passes Slack's URLs on and refuses the rest, naming the setting", async () => {
    const sent: string[] = [];
    const responder = onlyToSlackHooks(
      {
        send: async (url) => {
          sent.push(url);
        },
      },
      hooks,
    );
    const payload: Reply = { text: "hi", blocks: [] };
    await responder.send("https://hooks.slack.com/actions/T1/1/x", payload);
    const refused = responder.send("https://evil.example/actions/T1/1/secret-part", payload);
    await expect(refused).rejects.toBeInstanceOf(ForeignHookError);
    await expect(refused).rejects.toThrow(
      "refused to post to evil.example: answers go only to Slack's hooks host https://hooks.slack.com (SLACK_HOOKS_URL)",
    );
    expect(sent).toEqual(["https://hooks.slack.com/actions/T1/1/x"]);
  });
});
