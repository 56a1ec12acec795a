import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, trackedFiles } from "../support/clean-copy";

/**
 * The repository stands alone: a clone has nothing beside it, so no tracked file may read or
 * name a path outside the repository, or a path of the machine it was written on.
 */

const repo = REPO;

// Home and work directories of the machines this was written on (Linux, macOS, Windows).
const MACHINE_PATH =
  /(?<![\w.~-])(?:\/(?:work|root|home\/[\w.-]+|Users\/[\w.-]+)\/[\w.-]|[A-Za-z]:\\(?:Users|work)\\)/;
const CLIMBING_PATH = /(?:\.\.\/)+[\w.-]*/g;

const problemsIn = (file: string, text: string): string[] => {
  const problems: string[] = [];
  text.split("\n").forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    const machine = MACHINE_PATH.exec(line);
    if (machine) problems.push(`${where} names a machine path (${machine[0]}…)`);
    for (const [climb] of line.matchAll(CLIMBING_PATH)) {
      const target = relative(repo, resolve(repo, dirname(file), climb));
      if (target === ".." || target.startsWith(`..${sep}`)) {
        problems.push(`${where} names ${climb}, outside the repository`);
      }
    }
  });
  return problems;
};

const isText = (bytes: Buffer) => !bytes.subarray(0, 8000).includes(0);

describe("the repository stands alone", () => {
  const files = trackedFiles();

  it("lists the tracked files", () => {
    expect(files).toEqual(expect.arrayContaining(["package.json", "src/main.ts", "README.md"]));
  });

  it("no tracked file names a path outside the repository or of a machine", () => {
    const problems = files.flatMap((file) => {
      const bytes = readFileSync(join(repo, file));
      return isText(bytes) ? problemsIn(file, bytes.toString("utf8")) : [];
    });
    expect(problems).toEqual([]);
  });

  it("would catch a sibling folder, a build machine's path and a home directory", () => {
    const sibling = ["..", "..", "..", "shared", "x.json"].join("/");
    expect(problemsIn("test/support/x.ts", `new URL("${sibling}", import.meta.url)`)).toHaveLength(
      1,
    );
    expect(problemsIn("README.md", `see ${["", "work", "shared", "a.md"].join("/")}`)).toHaveLength(
      1,
    );
    expect(problemsIn("a.ts", `// ${["", "home", "dev", "p", "x"].join("/")}`)).toHaveLength(1);
    expect(problemsIn("a.ts", `// C:${["", "Users", "dev", "x"].join("\\")}`)).toHaveLength(1);
    // Climbing that stays inside is fine, and so are URLs and paths inside a container.
    expect(
      problemsIn("test/support/x.ts", 'import "../../src/app"; resolve(here, "../..")'),
    ).toEqual([]);
    expect(problemsIn("Dockerfile", "WORKDIR /app\nCOPY --from=build /app/dist ./dist")).toEqual(
      [],
    );
  });
});
