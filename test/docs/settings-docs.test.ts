import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SECRET_FILE_SETTINGS, SETTING_NAMES } from "../../src/config";

/** Every setting the config schema knows is in docs/configuration.md's table and .env.example. */

const read = (file: string) => readFileSync(resolve(import.meta.dirname, "../..", file), "utf8");
const configuration = read("docs/configuration.md");
const settingsTable = configuration.slice(
  configuration.indexOf("## Settings"),
  configuration.indexOf("## Logs"),
);
const envExample = read(".env.example");

describe("settings documentation", () => {
  it("has the settings from the schema", () => {
    expect(SETTING_NAMES).toEqual(
      expect.arrayContaining([
        "SLACK_BOT_TOKEN",
        "DIGEST_CHANNEL",
        "ALLOWED_USER_IDS",
        "LOG_FORMAT",
      ]),
    );
    expect(SECRET_FILE_SETTINGS).toContain("SLACK_BOT_TOKEN_FILE");
    expect(settingsTable).toContain("| name | meaning |");
  });

  it.each(SETTING_NAMES)("%s is in the settings table and in .env.example", (name) => {
    expect(settingsTable).toContain(`| \`${name}\``);
    expect(envExample).toMatch(new RegExp(`^${name}=`, "m"));
  });

  it.each(SECRET_FILE_SETTINGS)(
    "%s is in the settings table and mentioned in .env.example",
    (name) => {
      expect(settingsTable).toContain(`\`${name}\``);
      expect(envExample).toContain(name);
    },
  );
});
