import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** README stays short and true for a newcomer, and every link in it and in docs/ leads somewhere. */

const repo = resolve(import.meta.dirname, "../..");
const pages = ["README.md", ...readdirSync(join(repo, "docs")).map((f) => `docs/${f}`)].filter(
  (f) => f.endsWith(".md"),
);
const read = (file: string) => readFileSync(join(repo, file), "utf8");

describe("README", () => {
  const readme = read("README.md");

  it("starts a newcomer with exactly two commands", () => {
    expect(readme).toContain("```sh\nnpm ci\nnpm run demo\n```");
  });

  it("says how to deploy: the production command, the container, replicas and probes", () => {
    const deploy = readme.slice(readme.indexOf("## Deploy"), readme.indexOf("## Documentation"));
    for (const words of ["node dist/main.js", "docker build", "Replicas", "/healthz", "/readyz"]) {
      expect(deploy).toContain(words);
    }
  });

  it("is short, with the rest in docs/", () => {
    expect(readme.length).toBeLessThan(10_000);
    for (const page of [
      "configuration",
      "commands",
      "digests",
      "access",
      "deployment",
      "troubleshooting",
      "performance",
      "development",
    ]) {
      expect(readme).toContain(`(docs/${page}.md`);
    }
  });
});

describe("links in README and docs/", () => {
  it.each(pages)("%s links only to files that exist", (page) => {
    const targets = [...read(page).matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1] ?? "")
      .filter((t) => !/^[a-z]+:/.test(t) && !t.startsWith("#"))
      .map((t) => t.split("#")[0] ?? "");
    const missing = targets.filter((t) => !existsSync(resolve(repo, dirname(page), t)));
    expect(missing).toEqual([]);
  });

  it("troubleshooting covers what operators meet first", () => {
    const text = read("docs/troubleshooting.md");
    for (const code of ["## `invalid_auth`", "## `not_in_channel`", "## `dispatch_failed`"]) {
      expect(text).toContain(code);
    }
  });
});
