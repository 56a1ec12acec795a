import { afterEach, describe, expect, it } from "vitest";
import { signedHeaders } from "../src/demo/fakes/slack-driver";
import { type SlackStandIn, startSlackStandIn } from "../src/demo/fakes/slack-stand-in";
import { makeTicket } from "../src/sample-api/generate-tickets";
import { type SampleApi, startSampleApi } from "../src/sample-api/sample-api-server";
import { freePort } from "./support/ports";
import { runScript, startNodeScript } from "./support/run-script";

let api: SampleApi | undefined;
let slack: SlackStandIn | undefined;
afterEach(async () => {
  await Promise.all([api?.close(), slack?.close()]);
});

describe("npm start (a real process)", () => {
  it("refuses to start on bad settings, naming each one and printing no secret", async () => {
    const result = await runScript("src/main.ts", {
      SLACK_BOT_TOKEN: "xoxp-not-a-bot-token-secret",
      TICKET_API_URL: "not a url",
    });
    expect(result.code).toBe(2);
    for (const name of [
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
      "TICKET_API_URL",
      "TICKET_API_TOKEN",
    ]) {
      expect(result.stderr).toContain(name);
    }
    expect(result.stderr).not.toContain("xoxp-not-a-bot-token-secret");
  });

  it("refuses what people get wrong with one line per setting and no stack trace", async () => {
    const result = await runScript("src/main.ts", {
      SLACK_BOT_TOKEN: "xoxb-1111-pasted’",
      SLACK_SIGNING_SECRET: "signing-secret",
      TICKET_API_URL: "http://user:pw@panel.example.com",
      // A trailing newline is forgiven: it is not among the problems.
      TICKET_API_TOKEN: "panel-token\n",
      DIGEST_TIMEZONE: "Mars/Olympus_Mons",
      DIGEST_SCHEDULE: "every morning",
    });
    expect(result.code).toBe(2);
    const problems = result.stderr.split("\n").filter((l) => l.startsWith("  - "));
    expect(problems).toEqual([
      expect.stringMatching(/^ {2}- SLACK_BOT_TOKEN has a character that is not plain ASCII/),
      expect.stringMatching(/^ {2}- TICKET_API_URL must not contain a user name or password/),
      expect.stringMatching(/^ {2}- DIGEST_TIMEZONE must be an IANA time zone/),
      expect.stringMatching(/^ {2}- DIGEST_SCHEDULE /),
    ]);
    expect(result.stderr).toContain("See .env.example and docs/configuration.md.");
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toContain("pw@");
  });

  it("says in one line why it could not start when Slack cannot be reached, and exits 1", async () => {
    const deadPort = await freePort();
    const result = await runScript("src/main.ts", {
      SLACK_BOT_TOKEN: "xoxb-unreachable-slack-token",
      SLACK_SIGNING_SECRET: "secret-for-unreachable",
      SLACK_API_URL: `http://127.0.0.1:${deadPort}/api/`,
      TICKET_API_URL: "http://127.0.0.1:1",
      TICKET_API_TOKEN: "panel-token",
      PORT: String(await freePort()),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not start: .*Check SLACK_BOT_TOKEN/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toContain("xoxb-unreachable-slack-token");
  });

  it("says which token to check when Slack refuses it at start-up", async () => {
    slack = await startSlackStandIn({
      webApi: (call) =>
        call.method === "auth.test" ? { body: { ok: false, error: "invalid_auth" } } : undefined,
    });
    const result = await runScript("src/main.ts", {
      SLACK_BOT_TOKEN: "xoxb-revoked-token",
      SLACK_APP_TOKEN: "xapp-1-app-token",
      SLACK_API_URL: slack.apiUrl,
      TICKET_API_URL: "http://127.0.0.1:1",
      TICKET_API_TOKEN: "panel-token",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /could not start: Slack refused the token \(invalid_auth\): check that SLACK_BOT_TOKEN/,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toContain("xoxb-revoked-token");
  });

  it("on SIGTERM stops taking work, finishes the answer in flight, and exits 0", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    api = await startSampleApi({
      tickets: [makeTicket({ state_id: 2 })],
      token: "panel-token",
      intercept: async () => {
        await held;
        return undefined;
      },
    });
    slack = await startSlackStandIn();
    const port = await freePort();
    const secret = "signing-secret-for-main";
    const bot = startNodeScript("src/main.ts", {
      SLACK_BOT_TOKEN: "xoxb-main-test",
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_HOOKS_URL: slack.origin,
      TICKET_API_URL: api.url,
      TICKET_API_TOKEN: "panel-token",
      PORT: String(port),
    });
    await bot.waitForOutput(/listening on port/);

    const responseUrl = slack.newResponseUrl();
    const body = new URLSearchParams({
      command: "/tickets",
      text: "state:2",
      team_id: slack.teamId,
      user_id: "U1",
      channel_id: "C1",
      response_url: responseUrl.url,
    }).toString();
    const ack = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: "POST",
      headers: signedHeaders(secret, body),
      body,
    });
    expect(ack.status).toBe(200);
    await new Promise<void>((resolve) => {
      const check = () => (api?.requests.length ? resolve() : setTimeout(check, 10));
      check();
    });

    bot.child.kill("SIGTERM");
    await bot.waitForOutput(/SIGTERM/);
    release();
    const answer = await slack.responses.waitFor((p) => p.id === responseUrl.id);
    expect(JSON.stringify(answer.body)).toContain("Waiting for support");
    expect(await bot.exited).toBe(0);
  });
});
