import type { KnownBlock, ModalView } from "@slack/types";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/i18n";
import type { SlackMessage } from "../../src/render/context";
import { expectWithinModalLimits, expectWithinSlackLimits } from "../render/helpers";
import { runScript } from "../support/run-script";

/**
 * `npm run demo -- --lang fa`: the Persian bot end to end, from the slash command to what Slack
 * would be sent. Each answer's Block Kit is kept as a golden file (direction marks written as
 * `\u…` escapes so a reviewer sees where they are); a change to any of them shows in review.
 */

const DEMO = "src/demo/main.ts";
const NOW = "2026-01-15T09:00:00Z";

/** Each step, then `json` to print what the bot sent for it. */
const GOLDEN: [name: string, step: string][] = [
  ["list", "/tickets state:2 per_page:5"],
  ["details", "details 1"],
  ["digest", "digest"],
  ["help", "/tickets راهنما"],
  ["command-error", "/tickets state:بسطه page:0 usr:ali"],
  ["not-found", "/tickets #۱۰۰۰۰۱"],
];

const DIRECTION_CONTROLS = /[\u200E\u200F\u2066-\u2069]/g;
const readable = (value: unknown) =>
  `${JSON.stringify(value, null, 2).replace(
    DIRECTION_CONTROLS,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  )}\n`;

let stdout = "";
const sent = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  const result = await runScript(
    DEMO,
    {},
    ["--lang", "fa", "--now", NOW, ...GOLDEN.flatMap(([, step]) => [step, "json"])],
    60_000,
  );
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  stdout = result.stdout;
  const blobs = stdout.split("› json\n").slice(1);
  expect(blobs).toHaveLength(GOLDEN.length);
  GOLDEN.forEach(([name], i) => {
    const blob = blobs[i] ?? "";
    sent.set(name, JSON.parse(blob.slice(0, blob.indexOf("\n}\n") + 2)));
  });
}, 90_000);

describe("npm run demo -- --lang fa", () => {
  it.each(GOLDEN.map(([name]) => name))("sends the golden %s", async (name) => {
    await expect(readable(sent.get(name))).toMatchFileSnapshot(`golden/fa-${name}.json`);
  });

  it.each(GOLDEN.map(([name]) => name))("keeps the %s within Block Kit's limits", (name) => {
    const body = sent.get(name) ?? {};
    if (body.type === "modal") {
      expectWithinModalLimits(body as unknown as ModalView);
    } else {
      expectWithinSlackLimits({
        text: body.text as string,
        blocks: body.blocks as KnownBlock[],
      } satisfies SlackMessage);
    }
  });

  it("writes none of the English catalog's words, and no Slack date token", () => {
    const english = [
      ...Object.values(en.states),
      en.list.details,
      en.list.next,
      en.list.refresh,
      en.list.share,
      en.details.close,
      en.help.title,
      en.commandErrors.title,
      en.digest.viewAll,
      "As of",
    ];
    for (const words of english) expect(stdout).not.toContain(words);
    expect(stdout).not.toContain("<!date");
    expect(stdout).toContain("۱۲۳ تیکت در انتظار پشتیبانی");
    expect(stdout).toContain("وضعیت در ۲۵ دی ۱۴۰۴، ساعت ۱۲:۳۰");
  });
});
