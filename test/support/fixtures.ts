import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The repository's test fixtures (see test/fixtures/README.md), found from this file, not the cwd. */
const fixturesDir = resolve(import.meta.dirname, "../fixtures");

export const fixturePath = (relative: string): string => resolve(fixturesDir, relative);

export const readFixture = (relative: string): string =>
  readFileSync(fixturePath(relative), "utf8");

export const readFixtureJson = <T = unknown>(relative: string): T =>
  JSON.parse(readFixture(relative)) as T;
