import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** The layers of src/ and what each may not reach, held by reading every import. */

const listSources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listSources(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );

const importsOf = (source: string): string[] =>
  [
    ...source.matchAll(
      /(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
    ),
  ].map((m) => (m[1] ?? m[2]) as string);

const files = listSources("src").map((path) => ({
  path: relative("src", path),
  source: readFileSync(path, "utf8"),
}));

type Rule = { layer: RegExp; forbidden: RegExp; why: string };

const rules: Rule[] = [
  {
    layer: /^tickets\//,
    forbidden: /^@slack\/|\/slack\/|\/render\//,
    why: "the ticket domain never imports Slack or rendering",
  },
  {
    layer: /^digest\/(?!.*(post|job|run))/,
    forbidden: /^@slack\/bolt/,
    why: "digest domain code never imports Bolt",
  },
  {
    layer: /^render\//,
    forbidden: /^@slack\/bolt|^ky$|\/slack\/|\/tickets\/ticket-client/,
    why: "renderers are pure",
  },
  { layer: /^i18n\//, forbidden: /^@slack\/|^ky$/, why: "catalogs are words only" },
];

const violations = (list: { path: string; source: string }[]) =>
  list.flatMap(({ path, source }) =>
    rules
      .filter((r) => r.layer.test(path))
      .flatMap((r) =>
        importsOf(source)
          .filter((i) => r.forbidden.test(i))
          .map((i) => `${path} imports ${i}: ${r.why}`),
      ),
  );

describe("layers", () => {
  it("hold across src/", () => {
    expect(files.length).toBeGreaterThan(10);
    expect(violations(files)).toEqual([]);
  });

  it("would catch a renderer that imports Bolt (the check can fail)", () => {
    expect(
      violations([{ path: "render/x.ts", source: 'import { App } from "@slack/bolt";' }]),
    ).toHaveLength(1);
    expect(
      violations([{ path: "tickets/x.ts", source: 'import { a } from "../slack/y";' }]),
    ).toHaveLength(1);
  });

  it("read process.env in the config module only", () => {
    const readers = files.filter((f) => /process\.env\b/.test(f.source)).map((f) => f.path);
    expect(readers).toEqual(["config.ts"]);
  });

  // The two HTTP clients that retry, under the one retry policy; nothing else speaks HTTP by hand.
  it("import ky only in the ticket client and the response_url poster", () => {
    const users = files.filter((f) => importsOf(f.source).includes("ky")).map((f) => f.path);
    expect(users.sort()).toEqual(["slack/response-url.ts", "tickets/ticket-client.ts"]);
  });
});
