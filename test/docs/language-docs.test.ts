import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { STATE_NAMES } from "../../src/tickets/states";

/** docs/language.md lists every Persian state name the grammar accepts, under its state. */

const page = readFileSync(resolve(import.meta.dirname, "../../docs/language.md"), "utf8");
const rows = new Map(
  [...page.matchAll(/^\| ([1-5]) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2] ?? ""]),
);
const persian = Object.entries(STATE_NAMES).filter(([name]) => /[\u0600-\u06FF]/.test(name));

describe("docs/language.md", () => {
  it("has a row for each state", () => {
    expect([...rows.keys()]).toEqual([1, 2, 3, 4, 5]);
  });

  it.each(persian)("lists %s under state %i", (name, id) => {
    expect(rows.get(id)).toContain(`\`${name}\``);
  });
});
