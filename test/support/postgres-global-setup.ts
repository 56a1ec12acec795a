import type { TestProject } from "vitest/node";
import { findPostgresBin, startPostgres } from "./postgres-server";

/**
 * Vitest global setup of the `store` project: provides `postgresUrl`, a superuser URL of a server
 * the tests may create databases on. TEST_DATABASE_URL names one to use instead of starting a
 * throwaway server. Without PostgreSQL installed, the PostgreSQL half of the store's tests is
 * skipped with a loud message, unless REQUIRE_POSTGRES=1 (as in CI), which makes it a failure.
 */

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresMissing: string;
  }
}

export default async function setup(project: TestProject) {
  project.provide("postgresMissing", "");
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide("postgresUrl", given);
    return;
  }
  const bin = findPostgresBin();
  if (!bin) {
    const why =
      "PostgreSQL's server programs (initdb, pg_ctl) are not installed; install them (Debian: apt-get install postgresql) or set TEST_DATABASE_URL";
    if (process.env.REQUIRE_POSTGRES === "1") throw new Error(`REQUIRE_POSTGRES=1: ${why}`);
    const line = "!".repeat(100);
    process.stderr.write(
      `\n${line}\n!! SKIPPING the store's PostgreSQL tests: ${why}.\n!! Only SQLite was tested.\n${line}\n\n`,
    );
    project.provide("postgresUrl", "");
    project.provide("postgresMissing", why);
    return;
  }
  const server = await startPostgres(bin);
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
