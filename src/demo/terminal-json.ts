import { graphemes, type Run, run, sanitize } from "./terminal-text";

/**
 * Reading a message that is untyped JSON: any field may be missing or of the wrong type, and
 * the renderer must still draw something rather than throw.
 */

export type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const stringOf = (value: unknown): string | undefined =>
  typeof value === "string" ? value : undefined;

export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const MARKER_MAX = 60;

/** `[type]` or `[type: detail]` for whatever is not drawn in full; one short line always. */
export const marker = (type: unknown, detail?: string): Run[] => {
  const name = typeof type === "string" && type !== "" ? type : "unknown";
  const text = sanitize(detail ? `${name}: ${detail}` : name).replace(/\s+/g, " ");
  const pieces = graphemes(text);
  const short = pieces.length > MARKER_MAX ? `${pieces.slice(0, MARKER_MAX - 1).join("")}…` : text;
  return [run(`[${short}]`, { dim: true })];
};
