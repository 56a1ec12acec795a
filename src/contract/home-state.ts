import * as z from "zod";
import { LIMITS } from "../render/limits";
import type { TicketQuery } from "../tickets/ticket-query";
import { decodeListState, tryEncodeListState } from "./list-state";

/**
 * What the Home tab remembers between clicks, in its `private_metadata` (every Home click
 * carries the view it came from): which page of each list of views is shown, and which saved
 * view's tickets are open, at which page. Nothing else is kept anywhere: a click re-reads the
 * rest. `v` changes whenever the shape does; anything else decodes to the tab as it opens.
 */
export interface HomeState {
  minePage: number;
  teamPage: number;
  /** A saved view's list open in the tab, as its paging buttons last asked. */
  open?: { viewId: number; query: TicketQuery };
}

export const HOME_START: HomeState = { minePage: 1, teamPage: 1 };

const MAX_PAGE = 1_000;

const wireSchema = z
  .object({
    v: z.literal(1),
    m: z.number().int().min(1).max(MAX_PAGE),
    t: z.number().int().min(1).max(MAX_PAGE),
    /** The open view's id and its list state (list-state.ts), as a paging button carries it. */
    o: z
      .object({ w: z.number().int().min(1), q: z.string() })
      .strict()
      .optional(),
  })
  .strict();

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** `private_metadata` for the tab; an open list whose state cannot be carried is left closed. */
export const encodeHomeState = (state: HomeState): string => {
  const q = state.open ? tryEncodeListState(state.open.query) : undefined;
  const text = JSON.stringify(
    wireSchema.parse({
      v: 1,
      m: state.minePage,
      t: state.teamPage,
      ...(state.open && q !== undefined ? { o: { w: state.open.viewId, q } } : {}),
    }),
  );
  return text.length <= LIMITS.home.privateMetadata
    ? text
    : JSON.stringify({ v: 1, m: state.minePage, t: state.teamPage });
};

/** The tab's state from whatever it holds; the tab as it opens for anything not ours. */
export const decodeHomeState = (raw: string | undefined): HomeState => {
  const parsed = wireSchema.safeParse(parseJson(raw ?? ""));
  if (!parsed.success) return HOME_START;
  const { m, t, o } = parsed.data;
  const query = o ? decodeListState(o.q) : undefined;
  return o && query
    ? { minePage: m, teamPage: t, open: { viewId: o.w, query } }
    : { minePage: m, teamPage: t };
};
