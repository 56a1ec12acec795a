import { readFileSync, writeFileSync } from "node:fs";
import type { Summary } from "./stats";

export const README_START = "<!-- bench:start -->";
export const README_END = "<!-- bench:end -->";

export interface CommandFigures {
  sent: number;
  acked: number;
  /** Acked within Slack's 3 seconds; a later ack shows the user an error. */
  ackedInTime: number;
  errors: number;
  answered: number;
  answeredWithList: number;
  ackMs: Summary;
  answerMs: Summary;
}

export interface Target {
  name: string;
  measured: string;
  limit: string;
  met: boolean | undefined;
}

const fmt = (n: number | undefined, digits = 1): string =>
  n === undefined || !Number.isFinite(n) ? "–" : n.toFixed(digits);

export const ms = (s: Summary): string => `${fmt(s.p50)} / ${fmt(s.p99)} / ${fmt(s.max)}`;
export const times = (r: number | undefined): string => (r === undefined ? "–" : `${fmt(r, 2)}×`);
export const mb = (bytes: number): string => fmt(bytes / 1024 / 1024, 0);
export const us = (n: number): string => (n >= 100 ? fmt(n, 0) : fmt(n, 1));

/** Columns padded to one width, as the README's formatter leaves them, so a rerun diffs cleanly. */
export const table = (head: string[], rows: string[][]): string => {
  const widths = head.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
};

export const verdict = (met: boolean | undefined): string =>
  met === undefined ? "not measured" : met ? "met" : "**missed**";

/** Replaces what lies between the markers; the rest of the page is left exactly as it was. */
export const updateReadme = (path: string, generated: string): void => {
  const readme = readFileSync(path, "utf8");
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end < start) {
    throw new Error(`${path} has no ${README_START} … ${README_END} section to update`);
  }
  const next = `${readme.slice(0, start + README_START.length)}\n${generated}\n${readme.slice(end)}`;
  writeFileSync(path, next);
};
