import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The reference data in ../shared beside the repository (Slack payloads, ticket API samples). */
const sharedDir = resolve(import.meta.dirname, "../../../shared");

export const readShared = (relative: string): string =>
  readFileSync(resolve(sharedDir, relative), "utf8");
export const readSharedJson = <T = unknown>(relative: string): T =>
  JSON.parse(readShared(relative)) as T;
