import { expect } from "vitest";
import type { SlackMessage } from "../../src/render/context";
import { expectWithinHomeLimits, expectWithinSlackLimits } from "../render/helpers";

/**
 * Block types Slack accepts in a message. A renderer that invents a type gets the whole
 * message refused (`invalid_blocks`), so an unknown one is a failure, not a curiosity.
 */
const KNOWN_BLOCK_TYPES = new Set([
  "actions",
  "context",
  "divider",
  "file",
  "header",
  "image",
  "input",
  "markdown",
  "rich_text",
  "section",
  "video",
]);
const TEXT_TYPES = new Set(["plain_text", "mrkdwn"]);

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Problems are collected with plain checks and asserted once: an `expect` per string made
 * the fuzz runs several times slower.
 */
const textObjectProblems = (
  where: string,
  value: unknown,
  types: ReadonlySet<string> = TEXT_TYPES,
): string[] => {
  if (!isNode(value)) return [`${where}: not a text object`];
  const problems: string[] = [];
  if (!types.has(String(value.type))) problems.push(`${where}: text type ${String(value.type)}`);
  // Slack refuses an empty text object ("must be more than 0 characters"), not just a long one.
  if (typeof value.text !== "string" || value.text.length === 0)
    problems.push(`${where}: empty text`);
  return problems;
};

const buttonProblems = (where: string, value: unknown): string[] => {
  if (!isNode(value) || value.type !== "button") return [`${where}: not a button`];
  const problems = textObjectProblems(`${where}.text`, value.text, PLAIN);
  const text = isNode(value.text) ? String(value.text.text) : "";
  if (text.length > 75) problems.push(`${where}: text over 75`);
  const actionId = typeof value.action_id === "string" ? value.action_id : "";
  if (actionId.length === 0 || actionId.length > 255) problems.push(`${where}: action_id`);
  if (value.value !== undefined && String(value.value).length > 2000)
    problems.push(`${where}: value over 2000`);
  if (value.url !== undefined && String(value.url).length > 3000)
    problems.push(`${where}: url over 3000`);
  return problems;
};

const PLAIN = new Set(["plain_text"]);

const blockProblems = (b: Node, where: string): string[] => {
  if (!KNOWN_BLOCK_TYPES.has(String(b.type)))
    return [`${where}: unknown block type ${String(b.type)}`];
  const problems: string[] = [];
  if (b.block_id !== undefined && String(b.block_id).length > 255)
    problems.push(`${where}: block_id`);
  switch (b.type) {
    case "header":
      problems.push(...textObjectProblems(`${where}.text`, b.text, PLAIN));
      break;
    case "section": {
      if (b.text === undefined && b.fields === undefined)
        problems.push(`${where}: no text or fields`);
      if (b.text !== undefined) problems.push(...textObjectProblems(`${where}.text`, b.text));
      const fields = Array.isArray(b.fields) ? b.fields : [];
      fields.forEach((f, i) => {
        problems.push(...textObjectProblems(`${where}.fields[${i}]`, f));
      });
      if (b.accessory !== undefined)
        problems.push(...buttonProblems(`${where}.accessory`, b.accessory));
      break;
    }
    case "context": {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      if (elements.length === 0) problems.push(`${where}: no elements`);
      elements.forEach((e, i) => {
        problems.push(...textObjectProblems(`${where}.elements[${i}]`, e));
      });
      break;
    }
    case "actions": {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      if (elements.length === 0 || elements.length > 25)
        problems.push(`${where}: ${elements.length} elements`);
      elements.forEach((e, i) => {
        problems.push(...buttonProblems(`${where}.elements[${i}]`, e));
      });
      break;
    }
  }
  return problems;
};

/**
 * A message Slack would accept: the shared limits of `expectWithinSlackLimits` plus what it
 * leaves out (known block types, text object types, non-empty texts, accessory buttons).
 * Throws through `expect`, so inside a fast-check property it shrinks to a counterexample.
 */
export const expectValidMessage = (message: unknown): void => {
  expect(isNode(message)).toBe(true);
  const m = message as Node;
  expect(typeof m.text).toBe("string");
  expect(Array.isArray(m.blocks)).toBe(true);
  const problems = (m.blocks as unknown[]).flatMap((block, i) =>
    isNode(block) ? blockProblems(block, `blocks[${i}]`) : [`blocks[${i}]: not an object`],
  );
  expect(problems).toEqual([]);
  expectWithinSlackLimits(m as unknown as SlackMessage);
};

/** A Home tab Slack would publish: known blocks, non-empty texts, and a Home surface's limits. */
export const expectValidHomeView = (view: unknown): void => {
  expect(isNode(view)).toBe(true);
  const v = view as Node;
  expect(Array.isArray(v.blocks)).toBe(true);
  const problems = (v.blocks as unknown[]).flatMap((block, i) =>
    isNode(block) ? blockProblems(block, `blocks[${i}]`) : [`blocks[${i}]: not an object`],
  );
  expect(problems).toEqual([]);
  expectWithinHomeLimits(v as { type: string; blocks: unknown[]; private_metadata?: string });
};

/** What a user must never read: internals, secrets, markup from an upstream error page. */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\bError:/,
  // An error class name such as `TypeError` or `TicketApiShapeError`.
  /\b[A-Z][A-Za-z]*Error\b/,
  // Stack frames: `    at fn (file.ts:1:2)`.
  /\n\s*at \S/,
  /\.(?:ts|js|mjs|cjs):\d+/,
  /<\/?(?:html|head|body|title|h1|center|hr|div|p)\b/i,
  /\bE(?:CONN[A-Z]+|PIPE|TIMEDOUT|AI_AGAIN|NOTFOUND)\b/,
  /fetch failed/i,
  /\bundefined\b/,
  /\[object /,
  // How the client's own error messages begin (`errors.ts`); users read "ticket panel".
  /\bticket API\b/,
];

export const expectNoLeaks = (message: unknown, secrets: readonly string[] = []): void => {
  const serialized = JSON.stringify(message);
  for (const pattern of LEAK_PATTERNS) expect(serialized).not.toMatch(pattern);
  for (const secret of secrets) expect(serialized).not.toContain(secret);
};
