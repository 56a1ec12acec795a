import * as z from "zod";
import { LIMITS } from "../render/limits";

/**
 * What a saved view's buttons carry in their `value`: the view (`{"v":1,"w":12}`; a Delete on a
 * page of `/tickets views` also carries that page, `"p":2`, to show it again after), or a page of
 * the list of views (`{"v":1,"p":2}`, with `"g":"m"` or `"g":"t"` on the Home tab, whose two
 * lists, yours and the team's, page apart). Only ids travel: who may open or delete a view is
 * decided again on the click, from the store.
 */

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** More pages than a list of views can have: a person's 50, and the team's. */
const MAX_VIEWS_PAGE = 1_000;

const refWire = z
  .object({
    v: z.literal(1),
    w: z.number().int().min(1),
    p: z.number().int().min(1).max(MAX_VIEWS_PAGE).optional(),
  })
  .strict();

/** A saved view a button is for, and the page of the list it was on (when it was on one). */
export interface ViewRef {
  viewId: number;
  page?: number;
}

export const viewRefSchema = z.codec(
  z.string().max(LIMITS.button.value),
  z.object({
    viewId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    page: z.number().int().min(1).max(MAX_VIEWS_PAGE).optional(),
  }),
  {
    decode: (text, ctx) => {
      const parsed = refWire.safeParse(parseJson(text));
      if (parsed.success) {
        const { w, p } = parsed.data;
        return p === undefined ? { viewId: w } : { viewId: w, page: p };
      }
      ctx.issues.push({ code: "custom", message: "not a saved view of this bot", input: text });
      return z.NEVER;
    },
    encode: ({ viewId, page }) =>
      JSON.stringify(
        refWire.parse({ v: 1, w: viewId, ...(page === undefined ? {} : { p: page }) }),
      ),
  },
);

export const encodeViewRef = (ref: ViewRef): string => viewRefSchema.encode(ref);

/** The view a button is for (and its list's page); `undefined` for anything else, never a throw. */
export const decodeViewRef = (value: string | undefined): ViewRef | undefined => {
  const parsed = viewRefSchema.safeDecode(value ?? "");
  return parsed.success ? parsed.data : undefined;
};

/** Which of the Home tab's two lists of views: the person's own, or the team's. */
export type ViewGroup = "mine" | "team";

export interface ViewsPage {
  page: number;
  /** Set on the Home tab; a message's list of views is one list. */
  group?: ViewGroup;
}

const pageWire = z
  .object({
    v: z.literal(1),
    p: z.number().int().min(1).max(MAX_VIEWS_PAGE),
    g: z.enum(["m", "t"]).optional(),
  })
  .strict();

export const viewsPageSchema = z.codec(
  z.string().max(LIMITS.button.value),
  z.object({ page: z.number(), group: z.enum(["mine", "team"]).optional() }),
  {
    decode: (text, ctx) => {
      const parsed = pageWire.safeParse(parseJson(text));
      if (parsed.success) {
        const { p, g } = parsed.data;
        const group: ViewGroup | undefined =
          g === undefined ? undefined : g === "m" ? "mine" : "team";
        return group === undefined ? { page: p } : { page: p, group };
      }
      ctx.issues.push({ code: "custom", message: "not a page of saved views", input: text });
      return z.NEVER;
    },
    encode: ({ page, group }) =>
      JSON.stringify(
        pageWire.parse({
          v: 1,
          p: page,
          ...(group === undefined ? {} : { g: group === "mine" ? "m" : "t" }),
        }),
      ),
  },
);

/** `undefined` when the page cannot be carried (beyond any list): better no button. */
export const tryEncodeViewsPage = (page: ViewsPage): string | undefined => {
  const result = viewsPageSchema.safeEncode(page);
  return result.success ? result.data : undefined;
};

export const decodeViewsPage = (value: string | undefined): ViewsPage | undefined => {
  const parsed = viewsPageSchema.safeDecode(value ?? "");
  return parsed.success ? parsed.data : undefined;
};
