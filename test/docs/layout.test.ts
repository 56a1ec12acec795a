import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** docs/development.md's Layout shows the tree as it is: every folder of src/, nothing gone. */

const repo = resolve(import.meta.dirname, "../..");
const development = readFileSync(join(repo, "docs/development.md"), "utf8");
const layout = development.slice(development.indexOf("## Layout"));
const tree = /```\n([\s\S]*?)\n```/.exec(layout)?.[1] ?? "";

describe("the layout in docs/development.md", () => {
  it("names every folder of src/", () => {
    const folders = readdirSync(join(repo, "src"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `${e.name}/`);
    expect(folders.length).toBeGreaterThan(5);
    for (const folder of folders) expect(tree).toMatch(new RegExp(`^  ${folder}`, "m"));
  });

  it("names only files and folders that exist", () => {
    // Two spaces of indentation a level; an entry's name comes before its two-space gap.
    const parents: string[] = [];
    const named: string[] = [];
    for (const line of tree.split("\n")) {
      const depth = Math.floor((line.length - line.trimStart().length) / 2);
      const entries = (line.trim().split(/\s{2,}/)[0] ?? "")
        .split(/[ ,]+/)
        .filter(
          (e) =>
            /^[\w.-]+(\/[\w.-]+)*(\/|\.m?[jt]s)$/.test(e) || (depth === 0 && /^[A-Z]\w+$/.test(e)),
        );
      if (entries.length === 0) continue;
      parents.length = depth;
      for (const entry of entries) named.push([...parents, entry].join(""));
      const [first] = entries;
      if (first?.endsWith("/")) parents[depth] = first;
    }
    expect(named).toContain("src/slack/listeners/commands/");
    expect(named).toContain("src/contract/");
    expect(named.filter((path) => !existsSync(join(repo, path)))).toEqual([]);
  });
});
