import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SECRET_FILE_SETTINGS, SETTING_NAMES } from "../../src/config";

/** Every setting the config schema knows is documented in the settings table and .env.example. */

const read = (file: string) => readFileSync(resolve(import.meta.dirname, "../..", file), "utf8");
const readme = read("README.md");
const settingsTable = readme.slice(
  readme.indexOf("## Settings"),
  readme.indexOf("## The `/tickets` command"),
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
  });

  it.each(SETTING_NAMES)("%s is in the settings table and in .env.example", (name) => {
    expect(settingsTable).toContain(`| \`${name}\``);
    expect(envExample).toMatch(new RegExp(`^${name}=`, "m"));
  });

  it.each(SECRET_FILE_SETTINGS)("%s is in the settings table", (name) => {
    expect(settingsTable).toContain(`\`${name}\``);
  });
});
