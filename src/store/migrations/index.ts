import { initial } from "./0001-initial";
import { digestHealth } from "./0002-digest-health";
import type { Migration } from "./migration";

/** Every migration, oldest first; versions run 1, 2, 3 … without gaps. */
export const migrations: readonly Migration[] = [initial, digestHealth];
