import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadBotConfig, loadDigestJobConfig, readEnvironment, secretsOf } from "../../src/config";
import { BOT_ENV, problemsOf } from "./config-support";

const base = BOT_ENV;

describe("loadBotConfig", () => {
  it("applies the documented defaults in HTTP mode", () => {
    const config = loadBotConfig(base);
    expect(config.slack).toMatchObject({
      mode: "http",
      port: 3000,
      apiUrl: undefined,
      appToken: undefined,
    });
    expect(config.ticketApi).toEqual({
      url: "https://panel.example.com",
      token: "panel-token-value",
      timeoutMs: 10_000,
      webUrl: undefined,
    });
    expect(config.log).toEqual({ level: "info", format: "text" });
    expect(config.language).toBe("en");
  });

  it("writes in Persian with BOT_LANGUAGE=fa, in Tehran time unless DIGEST_TIMEZONE says otherwise", () => {
    expect(loadBotConfig(base).digest.timeZone).toBe("UTC");
    const fa = loadBotConfig({ ...base, BOT_LANGUAGE: "FA" });
    expect(fa.language).toBe("fa");
    expect(fa.digest.timeZone).toBe("Asia/Tehran");
    const berlin = loadBotConfig({ ...base, BOT_LANGUAGE: "fa", DIGEST_TIMEZONE: "Europe/Berlin" });
    expect(berlin.digest.timeZone).toBe("Europe/Berlin");
    // The setting as given, so that a person who chose another language gets that one's zone.
    expect(fa.configuredTimeZone).toBeUndefined();
    expect(berlin.configuredTimeZone).toBe("Europe/Berlin");
    expect(
      loadDigestJobConfig({ ...base, BOT_LANGUAGE: "fa", DIGEST_CHANNEL: "C0123456789" }).digest
        .timeZone,
    ).toBe("Asia/Tehran");
  });

  it("names the languages it knows when BOT_LANGUAGE is another", () => {
    expect(problemsOf(() => loadBotConfig({ ...base, BOT_LANGUAGE: "de" }))).toEqual([
      "BOT_LANGUAGE must be one of en, fa",
    ]);
  });

  it("runs in Socket Mode when an app token is set, without a signing secret", () => {
    const config = loadBotConfig({
      ...base,
      SLACK_SIGNING_SECRET: "",
      SLACK_APP_TOKEN: "xapp-1-abc",
    });
    expect(config.slack.mode).toBe("socket");
  });

  it("treats empty values as unset", () => {
    const config = loadBotConfig({
      ...base,
      PORT: "",
      TICKET_API_TIMEOUT_MS: "  ",
      LOG_LEVEL: "",
      SLACK_API_URL: "",
    });
    expect(config.slack.port).toBe(3000);
    expect(config.ticketApi.timeoutMs).toBe(10_000);
    expect(config.slack.apiUrl).toBeUndefined();
  });

  it("takes a ticket link template with {id}, and refuses one without it", () => {
    expect(
      loadBotConfig({ ...base, TICKET_WEB_URL: "https://panel.example.com/tickets/{id}" }).ticketApi
        .webUrl,
    ).toBe("https://panel.example.com/tickets/{id}");
    expect(
      problemsOf(() =>
        loadBotConfig({ ...base, TICKET_WEB_URL: "https://panel.example.com/tickets" }),
      ),
    ).toEqual(["TICKET_WEB_URL must contain {id}, where the ticket number goes"]);
    expect(
      problemsOf(() => loadBotConfig({ ...base, TICKET_WEB_URL: "javascript:alert({id})" })),
    ).toEqual([expect.stringMatching(/^TICKET_WEB_URL must be an http\(s\) URL template/)]);
  });

  it("normalises SLACK_API_URL to end with a slash", () => {
    expect(
      loadBotConfig({ ...base, SLACK_API_URL: "https://slack.example.gov/api" }).slack.apiUrl,
    ).toBe("https://slack.example.gov/api/");
  });

  it("names every problem at once and never prints a secret", () => {
    const problems = problemsOf(() =>
      loadBotConfig({
        SLACK_BOT_TOKEN: "xoxp-user-token-do-not-print",
        SLACK_APP_TOKEN: "",
        TICKET_API_URL: "ftp://panel",
        TICKET_API_TOKEN: "",
        TICKET_API_TIMEOUT_MS: "ten",
        PORT: "70000",
        LOG_LEVEL: "loud",
      }),
    );
    const text = problems.join("\n");
    expect(problems).toEqual(
      expect.arrayContaining([
        "SLACK_BOT_TOKEN must be a bot token: xoxb- followed by the rest of it",
        "SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
        expect.stringMatching(/^TICKET_API_URL must be an http\(s\) URL/),
        "TICKET_API_TOKEN is required",
        expect.stringMatching(/^TICKET_API_TIMEOUT_MS must be a whole number/),
        expect.stringMatching(/^PORT must be a whole number from 1 to 65535/),
        expect.stringMatching(/^LOG_LEVEL must be one of/),
      ]),
    );
    expect(text).not.toContain("xoxp-user-token-do-not-print");
  });

  it("refuses the bare prefixes .env.example ships with", () => {
    expect(problemsOf(() => loadBotConfig({ ...base, SLACK_BOT_TOKEN: "xoxb-" }))).toEqual([
      "SLACK_BOT_TOKEN must be a bot token: xoxb- followed by the rest of it",
    ]);
    expect(problemsOf(() => loadBotConfig({ ...base, SLACK_APP_TOKEN: "xapp-" }))).toEqual([
      "SLACK_APP_TOKEN must be an app-level token: xapp- followed by the rest of it",
    ]);
  });

  it("reports missing required settings by name", () => {
    const problems = problemsOf(() => loadBotConfig({}));
    expect(problems).toEqual(
      expect.arrayContaining([
        "SLACK_BOT_TOKEN is required",
        "TICKET_API_URL is required",
        "TICKET_API_TOKEN is required",
      ]),
    );
  });
});

describe("settings people get wrong", () => {
  it("ignores surrounding spaces and a trailing newline (a Kubernetes secret made with echo)", () => {
    const config = loadBotConfig({
      ...base,
      SLACK_BOT_TOKEN: " xoxb-123-abc\n",
      TICKET_API_TOKEN: "panel-token-value\n",
      TICKET_API_URL: "  https://panel.example.com\r\n",
      PORT: " 8080 ",
    });
    expect(config.slack.botToken).toBe("xoxb-123-abc");
    expect(config.ticketApi.token).toBe("panel-token-value");
    expect(config.ticketApi.url).toBe("https://panel.example.com");
    expect(config.slack.port).toBe(8080);
  });

  it("refuses a token with a character that is not plain ASCII, naming it and not printing it", () => {
    const pasted = "panel-token\u00a0value"; // a no-break space from a web page
    const problems = problemsOf(() =>
      loadBotConfig({ ...base, TICKET_API_TOKEN: pasted, SLACK_BOT_TOKEN: "xoxb-123’" }),
    );
    expect(problems).toEqual([
      "SLACK_BOT_TOKEN has a character that is not plain ASCII (a quote or space copied along with it?)",
      "TICKET_API_TOKEN has a character that is not plain ASCII (a quote or space copied along with it?)",
    ]);
    expect(problems.join("\n")).not.toContain("panel-token");
  });

  it("refuses credentials, port 0 and a query in TICKET_API_URL", () => {
    expect(
      problemsOf(() =>
        loadBotConfig({ ...base, TICKET_API_URL: "http://user:pw@panel.example.com" }),
      ),
    ).toEqual([
      "TICKET_API_URL must not contain a user name or password (the panel's token goes in TICKET_API_TOKEN)",
    ]);
    expect(
      problemsOf(() => loadBotConfig({ ...base, TICKET_API_URL: "http://panel.example.com:0" })),
    ).toEqual(["TICKET_API_URL must not use port 0: leave the port out or give a real one"]);
    expect(
      problemsOf(() =>
        loadBotConfig({ ...base, TICKET_API_URL: "https://panel.example.com/?key=1" }),
      ),
    ).toEqual([expect.stringMatching(/^TICKET_API_URL must not have a query/)]);
    expect(
      problemsOf(() =>
        loadBotConfig({ ...base, SLACK_API_URL: "https://u:p@slack.example.gov/api/", PORT: "0" }),
      ),
    ).toEqual([
      "PORT must be a whole number from 1 to 65535",
      "SLACK_API_URL must not contain a user name or password",
    ]);
  });

  it("reports a bad time zone and a bad schedule together", () => {
    expect(
      problemsOf(() =>
        loadBotConfig({ ...base, DIGEST_TIMEZONE: "Mars/Olympus", DIGEST_SCHEDULE: "every day" }),
      ),
    ).toEqual([
      "DIGEST_TIMEZONE must be an IANA time zone such as Europe/Berlin",
      expect.stringMatching(/^DIGEST_SCHEDULE /),
    ]);
  });

  it("reads LOG_FORMAT, BOT_LANGUAGE and HEALTH_PORT, and names bad values", () => {
    const config = loadBotConfig({
      ...base,
      LOG_FORMAT: "JSON",
      LOG_LEVEL: "Debug",
      BOT_LANGUAGE: "en",
      HEALTH_PORT: "8081",
    });
    expect(config.log).toEqual({ level: "debug", format: "json" });
    expect(config.slack.healthPort).toBe(8081);
    expect(loadBotConfig(base).slack.healthPort).toBeUndefined();
    expect(
      problemsOf(() =>
        loadBotConfig({ ...base, LOG_FORMAT: "pretty", BOT_LANGUAGE: "xx", HEALTH_PORT: "0" }),
      ),
    ).toEqual([
      "HEALTH_PORT must be a whole number from 1 to 65535",
      "LOG_FORMAT must be one of text, json",
      expect.stringMatching(/^BOT_LANGUAGE must be one of en/),
    ]);
  });
});

describe("secrets in files (SLACK_BOT_TOKEN_FILE and the like)", () => {
  const dir = mkdtempSync(join(tmpdir(), "secrets-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const { SLACK_BOT_TOKEN: _b, TICKET_API_TOKEN: _t, SLACK_SIGNING_SECRET: _s, ...rest } = base;

  it("reads each secret from its file, without the trailing newline", () => {
    const config = loadBotConfig({
      ...rest,
      SLACK_BOT_TOKEN_FILE: file("bot", "xoxb-from-a-file\n"),
      SLACK_SIGNING_SECRET_FILE: file("signing", "signing-secret-from-file\n"),
      TICKET_API_TOKEN_FILE: file("panel", "panel-token-from-file"),
      SLACK_APP_TOKEN_FILE: file("app", "xapp-1-from-file\n"),
    });
    expect(config.slack).toMatchObject({
      botToken: "xoxb-from-a-file",
      signingSecret: "signing-secret-from-file",
      appToken: "xapp-1-from-file",
      mode: "socket",
    });
    expect(config.ticketApi.token).toBe("panel-token-from-file");
    expect(secretsOf(config)).toEqual([
      "xoxb-from-a-file",
      "xapp-1-from-file",
      "signing-secret-from-file",
      "panel-token-from-file",
    ]);
  });

  it("names the file setting when the file is missing, empty, or set beside the value", () => {
    const problems = problemsOf(() =>
      loadBotConfig({
        ...rest,
        SLACK_BOT_TOKEN: "xoxb-123-abc",
        SLACK_BOT_TOKEN_FILE: file("bot2", "xoxb-other"),
        TICKET_API_TOKEN_FILE: join(dir, "no-such-file"),
        SLACK_SIGNING_SECRET_FILE: file("empty", "\n"),
      }),
    );
    expect(problems).toEqual([
      "SLACK_BOT_TOKEN and SLACK_BOT_TOKEN_FILE are both set: keep one",
      "SLACK_SIGNING_SECRET_FILE names an empty file",
      "TICKET_API_TOKEN_FILE names a file that cannot be read (ENOENT)",
    ]);
  });

  it("checks what the file holds like any other value", () => {
    expect(
      problemsOf(() =>
        loadBotConfig({
          ...base,
          SLACK_BOT_TOKEN: "",
          SLACK_BOT_TOKEN_FILE: file("user", "xoxp-1"),
        }),
      ),
    ).toEqual(["SLACK_BOT_TOKEN must be a bot token: xoxb- followed by the rest of it"]);
  });
});

describe("loadDigestJobConfig", () => {
  it("needs no signing secret, app token or DIGEST_CHANNEL (channels' own digests are in the store)", () => {
    const { SLACK_SIGNING_SECRET: _, ...withoutSecret } = base;
    expect(loadDigestJobConfig(withoutSecret).digest.channels).toEqual([]);
    const config = loadDigestJobConfig({
      ...withoutSecret,
      DIGEST_CHANNEL: "C0123456789, C0987654321",
    });
    expect(config.digest.channels).toEqual(["C0123456789", "C0987654321"]);
  });

  it("ignores the bot-only settings, so one environment serves both", () => {
    const config = loadDigestJobConfig({
      ...base,
      DIGEST_CHANNEL: "C0123456789",
      PORT: "not a port",
      HEALTH_PORT: "0",
      SLACK_APP_TOKEN: "xapp-",
    });
    expect(config.digest.channels).toEqual(["C0123456789"]);
    expect(config.slack).toEqual({ botToken: "xoxb-123-abc", apiUrl: undefined });
  });
});

describe("readEnvironment", () => {
  it("reads .env when present and lets the real environment win", () => {
    const dir = mkdtempSync(join(tmpdir(), "env-"));
    const file = join(dir, ".env");
    writeFileSync(file, "ONLY_IN_FILE_FOR_TEST=from-file\nPATH=from-file\n");
    const env = readEnvironment(file);
    rmSync(dir, { recursive: true, force: true });
    expect(env.ONLY_IN_FILE_FOR_TEST).toBe("from-file");
    expect(env.PATH).toBe(process.env.PATH);
  });

  it("works without a .env file", () => {
    expect(readEnvironment(join(tmpdir(), "no-such-dir-xyz", ".env")).PATH).toBe(process.env.PATH);
  });
});

describe("access settings", () => {
  it("reads allowed users and channels, empty meaning unrestricted", () => {
    expect(loadBotConfig(base).access).toEqual({ userIds: [], channelIds: [] });
    expect(
      loadBotConfig({
        ...base,
        ALLOWED_USER_IDS: "U0AAA, W0BBB",
        ALLOWED_CHANNEL_IDS: "C0AAA,G0BBB",
      }).access,
    ).toEqual({ userIds: ["U0AAA", "W0BBB"], channelIds: ["C0AAA", "G0BBB"] });
  });

  it("refuses names where IDs are needed", () => {
    expect(
      problemsOf(() =>
        loadBotConfig({ ...base, ALLOWED_USER_IDS: "@bob", ALLOWED_CHANNEL_IDS: "#support" }),
      ),
    ).toEqual([
      expect.stringMatching(/^ALLOWED_USER_IDS must be user IDs/),
      expect.stringMatching(/^ALLOWED_CHANNEL_IDS must be channel IDs/),
    ]);
  });

  it("refuses a digest channel that ALLOWED_CHANNEL_IDS does not allow, for the bot and the job", () => {
    const env = { ...base, ALLOWED_CHANNEL_IDS: "C0AAA", DIGEST_CHANNEL: "C0AAA,C0ZZZ" };
    const expected = [
      expect.stringMatching(/^DIGEST_CHANNEL has C0ZZZ, which ALLOWED_CHANNEL_IDS does not allow/),
    ];
    expect(problemsOf(() => loadBotConfig(env))).toEqual(expected);
    expect(problemsOf(() => loadDigestJobConfig(env))).toEqual(expected);
    expect(loadBotConfig({ ...env, DIGEST_CHANNEL: "C0AAA" }).digest.channels).toEqual(["C0AAA"]);
  });
});

describe("ALERT_CHANNEL", () => {
  it("is unset by default, one channel ID when set, and a clear problem otherwise", () => {
    expect(loadBotConfig(base).digest.alertChannel).toBeUndefined();
    expect(loadBotConfig({ ...base, ALERT_CHANNEL: " C0ALERTS1\n" }).digest.alertChannel).toBe(
      "C0ALERTS1",
    );
    expect(loadDigestJobConfig({ ...base, ALERT_CHANNEL: "C0ALERTS1" }).digest.alertChannel).toBe(
      "C0ALERTS1",
    );
    expect(problemsOf(() => loadBotConfig({ ...base, ALERT_CHANNEL: "#ops" }))).toEqual([
      "ALERT_CHANNEL must be one channel ID such as C0123456789 (not a #name)",
    ]);
    expect(problemsOf(() => loadBotConfig({ ...base, ALERT_CHANNEL: "C0A,C0B" }))).toHaveLength(1);
  });
});
