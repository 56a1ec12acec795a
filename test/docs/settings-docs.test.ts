import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Every setting config.ts reads is documented in README's settings table and in .env.example. */
// The demo's terminal variables (NO_COLOR, TERM) are read at the end of config.ts: not settings.
const config =
  readFileSync("src/config.ts", "utf8").split("export const terminalEnvironment")[0] ?? "";
const settings = [
  ...new Set([...config.matchAll(/^\s+([A-Z][A-Z0-9_]{2,}): /gm)].map((m) => m[1] as string)),
];
const readme = readFileSync("README.md", "utf8");
const settingsTable = readme.slice(
  readme.indexOf("## Settings"),
  readme.indexOf("## The `/tickets` command"),
);
const envExample = readFileSync(".env.example", "utf8");

describe("settings documentation", () => {
  it("finds the settings config.ts reads", () => {
    expect(settings).toEqual(
      expect.arrayContaining(["SLACK_BOT_TOKEN", "DIGEST_CHANNEL", "ALLOWED_USER_IDS"]),
    );
  });

  it.each(settings)("%s is in README's settings table and in .env.example", (name) => {
    expect(settingsTable).toContain(`| \`${name}\``);
    expect(envExample).toMatch(new RegExp(`^${name}=`, "m"));
  });
});
