import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
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

const srcDir = resolve(import.meta.dirname, "../../src");
const files = listSources(srcDir).map((path) => ({
  path: relative(srcDir, path),
  source: readFileSync(path, "utf8"),
}));

/** A relative import as a path inside src/ (`demo/fakes/recorder`); a package name as is. */
const resolvedImportsOf = (path: string, source: string): string[] =>
  importsOf(source).map((i) => (i.startsWith(".") ? posix.join(dirname(path), i) : i));

const packageJson = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../../package.json"), "utf8"),
) as { devDependencies: Record<string, string> };
const devDependencies = Object.keys(packageJson.devDependencies);
const packageOf = (specifier: string) =>
  specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];

/** The names a source imports from Bolt as values (not `import type`, not `type X`). */
const boltValuesImported = (source: string): string[] =>
  [
    ...source.matchAll(/^import\s+(?!type\s)([^;]*?)\s+from\s+"@slack\/bolt(?:\/[^"]*)?";/gms),
  ].flatMap((m) => {
    const clause = (m[1] ?? "").trim();
    const braced = /^\{([^}]*)\}$/s.exec(clause);
    if (!braced) return [clause];
    return (braced[1] ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== "" && !name.startsWith("type "));
  });

type Rule = { layer: RegExp; forbidden: RegExp; why: string };

const rules: Rule[] = [
  {
    layer: /^tickets\//,
    forbidden: /^@slack\/|\/slack\/|\/render\//,
    why: "the ticket domain never imports Slack or rendering",
  },
  {
    layer: /^digest\//,
    forbidden: /^@slack\/|\/slack\/|\/render\/|\/flows\/|\/tickets\/ticket-client/,
    why: "the digest's domain is pure: no Slack, no rendering, no flows, no ticket client",
  },
  {
    layer: /^flows\//,
    forbidden: /^@slack\/(bolt|web-api)|\/slack\//,
    why: "flows reach Slack only through their ports: nothing below slack/ reads Bolt",
  },
  {
    layer: /^contract\//,
    forbidden: /^@slack\/|^ky$|\/slack\/|\/flows\/|\/render\/(?!limits$)/,
    why: "the interaction contract is shared by renderers and listeners: no Bolt, no transport",
  },
  {
    layer: /^access\//,
    forbidden: /^@slack\/|\/slack\/|\/render\/|\/tickets\/|\/flows\//,
    why: "who may read is one pure rule for every surface",
  },
  {
    layer: /^render\//,
    forbidden: /^@slack\/bolt|^ky$|\/slack\/|\/tickets\/ticket-client/,
    why: "renderers are pure",
  },
  { layer: /^i18n\//, forbidden: /^@slack\/|^ky$/, why: "catalogs are words only" },
  {
    layer: /^store\//,
    forbidden: /^@slack\/|^ky$|\/slack\/|\/tickets\/|\/render\/|\/flows\//,
    why: "the store knows persistence only: no Slack, Bolt, ky or ticket-client code",
  },
];

/** Rules on where an import leads, judged on the path inside src/ it resolves to. */
const resolvedRules: Rule[] = [
  {
    layer: /^(?!demo\/)/,
    forbidden: /^demo\//,
    why: "the demo and its fakes (Slack stand-in, driver, recorder) are the demo's alone",
  },
  {
    layer: /^(?!demo\/|sample-api\/)/,
    forbidden: /^sample-api\//,
    why: "the sample ticket API serves the demo and the tests, never the bot",
  },
];

const violations = (list: { path: string; source: string }[]) =>
  list.flatMap(({ path, source }) => [
    ...rules
      .filter((r) => r.layer.test(path))
      .flatMap((r) =>
        importsOf(source)
          .filter((i) => r.forbidden.test(i))
          .map((i) => `${path} imports ${i}: ${r.why}`),
      ),
    ...resolvedRules
      .filter((r) => r.layer.test(path))
      .flatMap((r) =>
        resolvedImportsOf(path, source)
          .filter((i) => r.forbidden.test(i))
          .map((i) => `${path} imports ${i}: ${r.why}`),
      ),
  ]);

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
    for (const source of [
      'import { App } from "@slack/bolt";',
      'import ky from "ky";',
      'import { createTicketClient } from "../tickets/ticket-client";',
    ]) {
      expect(violations([{ path: "store/x.ts", source }])).toHaveLength(1);
    }
    for (const path of ["flows/x.ts", "contract/x.ts", "digest/x.ts", "access/x.ts"]) {
      expect(
        violations([{ path, source: 'import type { App } from "@slack/bolt";' }]),
      ).toHaveLength(1);
      expect(violations([{ path, source: 'import { r } from "../slack/replies";' }])).toHaveLength(
        1,
      );
    }
    expect(
      violations([{ path: "contract/x.ts", source: 'import { LIMITS } from "../render/limits";' }]),
    ).toEqual([]);
    expect(
      violations([{ path: "contract/x.ts", source: 'import { m } from "../render/mrkdwn";' }]),
    ).toHaveLength(1);
  });

  it("keep the interaction contract where both sides meet: renderers encode, listeners decode", () => {
    const importersOf = (module: string) =>
      files
        .filter((f) => resolvedImportsOf(f.path, f.source).includes(module))
        .map((f) => f.path.split("/")[0]);
    // The Home tab's state (contract/home-state.ts) carries an open list as a paging button does.
    expect(new Set(importersOf("contract/list-state"))).toEqual(
      new Set(["render", "slack", "contract"]),
    );
    expect(new Set(importersOf("contract/action-ids"))).toEqual(
      new Set(["render", "slack", "demo"]),
    );
  });

  it("would catch bot code that imports the demo's fakes or the sample API", () => {
    expect(
      violations([{ path: "slack/x.ts", source: 'import { R } from "../demo/fakes/recorder";' }]),
    ).toEqual([expect.stringContaining("the demo and its fakes")]);
    expect(
      violations([
        { path: "app.ts", source: 'import { s } from "./sample-api/sample-api-server";' },
      ]),
    ).toHaveLength(1);
    expect(
      violations([{ path: "demo/main.ts", source: 'import { s } from "./fakes/slack-stand-in";' }]),
    ).toEqual([]);
  });

  it("import no devDependency anywhere in src/ (production installs without them)", () => {
    expect(devDependencies).toContain("ws");
    const users = files.flatMap(({ path, source }) =>
      importsOf(source)
        .filter((i) => !i.startsWith(".") && devDependencies.includes(packageOf(i) ?? ""))
        .map((i) => `${path} imports ${i}`),
    );
    expect(users).toEqual([]);
  });

  it("read process.env in the config module only", () => {
    const readers = files.filter((f) => /process\.env\b/.test(f.source)).map((f) => f.path);
    expect(readers).toEqual(["config.ts"]);
  });

  it("read files in the config module only (settings, secret files), and the store its database", () => {
    const readers = files.filter((f) => importsOf(f.source).includes("node:fs")).map((f) => f.path);
    expect(readers).toEqual(["config.ts", "store/sqlite-engine.ts"]);
  });

  it("build one Web API client per process: Bolt's in the bot, one more only in the digest job", () => {
    const constructing = files.filter((f) => /new WebClient\(/.test(f.source)).map((f) => f.path);
    expect(constructing).toEqual(["slack/web-client-options.ts"]);
    const users = files
      .filter((f) => /\bcreateWebClient\b/.test(f.source))
      .map((f) => f.path)
      .sort();
    expect(users).toEqual(["digest-job-process.ts", "slack/web-client-options.ts"]);
  });

  it("choose the catalog in one place: the render context built for each request", () => {
    const pinned = files
      .filter((f) => !f.path.startsWith("i18n/"))
      .filter((f) => /import\s*\{[^}]*\ben\b[^}]*\}\s*from\s*["'][./]*i18n/.test(f.source))
      .map((f) => f.path);
    expect(pinned).toEqual([]);
    const choosing = files.filter((f) => /\bcatalogFor\(/.test(f.source)).map((f) => f.path);
    expect(choosing).toEqual(["flows/render-contexts.ts"]);
  });

  // `import { z }` keeps all of zod in the bundle V8 compiles at start; a namespace lets esbuild
  // leave out what is never called (docs/performance.md).
  it("import zod as a namespace", () => {
    const named = files.filter((f) =>
      /^import\s+(type\s+)?\{[^}]*\}\s+from\s+"zod"/m.test(f.source),
    );
    expect(named.map((f) => f.path)).toEqual([]);
  });

  // Bolt's index also loads Express and receivers the bot never uses (src/slack/bolt.ts).
  it("take Bolt's classes from src/slack/bolt.ts only; elsewhere Bolt is a type", () => {
    expect(files.filter((f) => boltValuesImported(f.source).length > 0).map((f) => f.path)).toEqual(
      [],
    );
    expect(files.filter((f) => f.source.includes('"@slack/bolt/dist/')).map((f) => f.path)).toEqual(
      ["slack/bolt.ts"],
    );
    // The check can fail.
    expect(boltValuesImported('import { type App, HTTPReceiver } from "@slack/bolt";')).toEqual([
      "HTTPReceiver",
    ]);
    expect(boltValuesImported('import * as bolt from "@slack/bolt";')).toEqual(["* as bolt"]);
    expect(boltValuesImported('import type { App } from "@slack/bolt";')).toEqual([]);
  });

  // The ticket client's attempts go through ky; the response_url poster retries with `retrying`
  // (a Request built by ky for every answer was a tenth of a millisecond of CPU), both under
  // the one retry policy.
  it("import ky only in the ticket client", () => {
    const users = files.filter((f) => importsOf(f.source).includes("ky")).map((f) => f.path);
    expect(users.sort()).toEqual(["tickets/ticket-client.ts"]);
  });
});
