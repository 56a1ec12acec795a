import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readFixtureJson } from "../support/fixtures";

interface Manifest {
  features: {
    slash_commands: {
      command: string;
      should_escape?: boolean;
      description?: string;
      usage_hint?: string;
    }[];
  };
  settings: { interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
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
