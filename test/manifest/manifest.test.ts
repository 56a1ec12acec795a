import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { unfurlDomainOf } from "../../src/tickets/ticket-link";
import { readFixtureJson } from "../support/fixtures";

interface Manifest {
  features: {
    unfurl_domains?: string[];
    slash_commands: {
      command: string;
      should_escape?: boolean;
      description?: string;
      usage_hint?: string;
    }[];
  };
  settings: {
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
    event_subscriptions?: { bot_events?: string[]; request_url?: string };
  };
  oauth_config: { scopes: { bot: string[] } };
}

const manifest = parse(readFileSync("manifest.yml", "utf8")) as Manifest;

describe("manifest.yml", () => {
  it("is valid against Slack's published app-manifest schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(readFixtureJson("slack/manifest.schema.json"));
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("declares /tickets unescaped, interactivity, Socket Mode and the two scopes the bot uses", () => {
    const command = manifest.features.slash_commands.find(
      (c: { command: string }) => c.command === "/tickets",
    );
    expect(command).toMatchObject({ should_escape: false });
    expect(command?.description).toBeTruthy();
    expect(command?.usage_hint).toBeTruthy();
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["commands", "chat:write"]),
    );
  });

  it("asks for what ticket link unfurls need: links:read, links:write and the link_shared event", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["links:read", "links:write"]),
    );
    expect(manifest.settings.event_subscriptions?.bot_events).toContain("link_shared");
    // Socket Mode takes events over the socket; a request URL is HTTP mode's (docs/deployment.md).
    expect(manifest.settings.event_subscriptions?.request_url).toBeUndefined();
  });

  it("turns the Home tab on and subscribes to app_home_opened, which publishes it", () => {
    const features = manifest.features as { app_home?: Record<string, boolean> };
    expect(features.app_home?.home_tab_enabled).toBe(true);
    // People still type /tickets in their DM with the bot.
    expect(features.app_home?.messages_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions?.bot_events).toEqual([
      "link_shared",
      "app_home_opened",
    ]);
  });

  it("asks for the read scopes that tell, before a channel's digest is saved, whether the bot can post there", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["channels:read", "groups:read", "mpim:read", "im:read"]),
    );
    // Posting where it was not invited stays the operator's choice (docs/digests.md).
    expect(manifest.oauth_config.scopes.bot).not.toContain("chat:write.public");
    const command = manifest.features.slash_commands[0];
    expect(command?.usage_hint).toContain("subscribe");
  });

  it("rejects a broken manifest, so the check above can fail", () => {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(readFixtureJson("slack/manifest.schema.json"));
    expect(validate({ ...manifest, display_information: { name: "" } })).toBe(false);
  });
});

describe("the unfurl domain in manifest.yml and the docs", () => {
  const read = (file: string) => readFileSync(file, "utf8");
  const domains = manifest.features.unfurl_domains ?? [];
  /** Every URL template (with `{id}`) a page gives as an example of `TICKET_WEB_URL`. */
  const documentedWebUrls = (text: string) =>
    [...text.matchAll(/https?:\/\/[^\s`|)"]+\{id\}/g)].map((m) => m[0]);

  it("is one placeholder domain, the host of the TICKET_WEB_URL the docs show", () => {
    expect(domains).toEqual(["panel.example.com"]);
    const examples = [
      ...documentedWebUrls(read("docs/unfurls.md")),
      ...documentedWebUrls(read("docs/configuration.md")),
      ...documentedWebUrls(read(".env.example")),
    ];
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples)
      expect(unfurlDomainOf(example), example).toEqual({ domain: domains[0] });
  });

  it("is one the docs tell operators to replace with their panel's host, where they set it up", () => {
    const domain = domains[0] ?? "";
    const unfurls = read("docs/unfurls.md");
    expect(unfurls).toContain(`\`${domain}\` under \`features.unfurl_domains\``);
    expect(unfurls).toMatch(/replace it with\s+your panel's host/);
    const readme = read("README.md");
    expect(readme).toContain(`\`${domain}\` under \`unfurl_domains\``);
    expect(readme).toContain("(docs/unfurls.md)");
    expect(read("docs/configuration.md")).toContain(
      `\`unfurl_domains\` in \`manifest.yml\`, \`${domain}\``,
    );
    expect(read(".env.example")).toContain(`unfurl_domains\n# (${domain} there`);
    // The manifest's own comment points there too.
    expect(read("manifest.yml")).toMatch(/TICKET_WEB_URL's host here \(docs\/unfurls\.md\)/);
  });

  it("HTTP mode's manifest changes give the events their request URL", () => {
    const http = read("docs/deployment.md").split("## HTTP mode")[1] ?? "";
    expect(http).toMatch(
      /event_subscriptions:\n\s+request_url: https:\/\/bot\.example\.com\/slack\/events/,
    );
  });
});
