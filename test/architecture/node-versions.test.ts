import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `engines` states the true minimum: every installed package accepts the oldest Node we claim,
 * and the claim is no older than what some package (or our own code) needs.
 */

const repo = resolve(import.meta.dirname, "../..");
const readJson = <T>(file: string) => JSON.parse(readFileSync(resolve(repo, file), "utf8")) as T;

type Version = [number, number, number];

const parse = (text: string): Version => {
  const [major = 0, minor = 0, patch = 0] = text
    .replace(/^v/, "")
    .split(".")
    .map((part) => (/^\d+$/.test(part) ? Number(part) : 0));
  return [major, minor, patch];
};

const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The subset of npm's range syntax that `engines.node` fields use: `>=`, `^`, `||`, bare. */
const satisfies = (version: string, range: string): boolean =>
  range.split("||").some((alternative) =>
    alternative
      .trim()
      .replace(/([<>=^~])\s+/g, "$1")
      .split(/\s+(?=[<>^=~\d])/)
      .filter(Boolean)
      .every((comparator) => {
        const match = /^(>=|>|<=|<|\^|~|=)?\s*(.*)$/.exec(comparator.trim());
        const op = match?.[1] ?? "=";
        const bound = match?.[2] ?? "";
        if (bound === "" || bound === "*" || bound === "x") return true;
        const v = parse(version);
        const b = parse(bound);
        const c = compare(v, b);
        switch (op) {
          case ">=":
            return c >= 0;
          case ">":
            return c > 0;
          case "<=":
            return c <= 0;
          case "<":
            return c < 0;
          case "^":
            return c >= 0 && v[0] === b[0];
          case "~":
            return c >= 0 && v[0] === b[0] && v[1] === b[1];
          default:
            return bound.split(".").every((part, i) => part === "x" || Number(part) === v[i]);
        }
      }),
  );

interface LockPackage {
  engines?: { node?: string };
}

const ourRange = readJson<{ engines: { node: string } }>("package.json").engines.node;
// The oldest release of each line our range admits.
const oldestAdmitted = ourRange.split("||").map((part) => part.trim().replace(/^[\^>=~\s]+/, ""));
const packages = Object.entries(
  readJson<{ packages: Record<string, LockPackage> }>("package-lock.json").packages,
)
  // Optional packages for other platforms are in the lockfile but not on this machine.
  .filter(([name, p]) => name !== "" && p.engines?.node && existsSync(resolve(repo, name)));

describe("the Node versions we claim", () => {
  it("reads the range and the lockfile", () => {
    expect(oldestAdmitted.length).toBeGreaterThan(0);
    expect(packages.length).toBeGreaterThan(20);
    expect(satisfies("20.19.0", "^20.19.0 || >=22.12.0")).toBe(true);
    expect(satisfies("21.7.0", "^20.19.0 || >=22.12.0")).toBe(false);
    expect(satisfies("20.18.3", ">=20.18.1")).toBe(true);
    expect(satisfies("20.12.0", ">= 20")).toBe(true);
  });

  it.each(oldestAdmitted)("Node %s satisfies every installed package", (version) => {
    const refusing = packages
      .filter(([, p]) => !satisfies(version, p.engines?.node ?? ""))
      .map(([name, p]) => `${name.replace(/^node_modules\//, "")} wants ${p.engines?.node}`);
    expect(refusing).toEqual([]);
  });

  it("claims no release older than something needs (util.parseEnv needs 20.12)", () => {
    const [oldest = "0.0.0"] = oldestAdmitted;
    expect(compare(parse(oldest), parse("20.12.0"))).toBeGreaterThanOrEqual(0);
    const [major, minor] = parse(oldest);
    const justBefore = `${major}.${minor - 1}.99`;
    const refusing = packages.filter(([, p]) => !satisfies(justBefore, p.engines?.node ?? ""));
    expect(refusing.length, `nothing needs more than ${justBefore}`).toBeGreaterThan(0);
  });

  it(".nvmrc recommends a release the range admits", () => {
    const recommended = readFileSync(resolve(repo, ".nvmrc"), "utf8").trim();
    expect(satisfies(`${recommended}.0.0`, ourRange)).toBe(true);
  });
});
