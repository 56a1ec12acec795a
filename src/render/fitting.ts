import type { KnownBlock } from "@slack/types";
import { blocksTextLength } from "./blocks";
import { LIMITS } from "./limits";
import { ROW_CAPS, type RowCaps } from "./ticket-row";

/**
 * Rows at each cap level, least shortened first, until they fit the text budget: rows are
 * shortened, never dropped. The last level always fits (see the limits tests).
 */
export const shrinkRowsToFit = <T>(
  items: readonly T[],
  budget: number,
  renderRow: (item: T, caps: RowCaps) => KnownBlock[],
): KnownBlock[] => {
  let rows: KnownBlock[] = [];
  for (const caps of ROW_CAPS) {
    rows = items.flatMap((item) => renderRow(item, caps));
    if (blocksTextLength(rows) <= budget) break;
  }
  return rows;
};

/** A fallback `text`: the summary, then as many one-line rows as Slack's limit allows. */
export const fallbackWithRows = (head: string, rows: Iterable<string>): string => {
  const lines = [head];
  let length = head.length;
  for (const line of rows) {
    if (length + 1 + line.length > LIMITS.message.fallbackText) break;
    lines.push(line);
    length += 1 + line.length;
  }
  return lines.join("\n");
};
