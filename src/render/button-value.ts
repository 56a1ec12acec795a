import { z } from "zod";
import type { StateId } from "../tickets/states";
import { LIST_MAX_PER_PAGE, type TicketQuery, ticketQuerySchema } from "../tickets/ticket-query";
import { LIMITS } from "./limits";

/**
 * The list a paging button asks for, carried in the button's `value` so the bot keeps no
 * session state. Short keys keep it far below Slack's 2000 characters (a 100-character
 * username of quotes is still under 300). `v` changes whenever the shape does: buttons
 * from an older bot then decode to `undefined` and the user is told to run the command again.
 */
const compactSchema = z
  .object({
    v: z.literal(1),
    q: z
      .object({
        p: z.number(),
        n: z.number(),
        s: z.number().optional(),
        u: z.string().optional(),
        i: z.number().optional(),
        c: z.number().optional(),
        sc: z.number().optional(),
      })
      .strict(),
  })
  .strict();
type Compact = z.infer<typeof compactSchema>;

const listQuerySchema = ticketQuerySchema.refine((q) => q.perPage <= LIST_MAX_PER_PAGE, {
  message: `perPage above ${LIST_MAX_PER_PAGE}`,
});

const jsonSchema = z.codec(z.string().max(LIMITS.button.value), compactSchema, {
  decode: (text, ctx) => {
    try {
      return JSON.parse(text);
    } catch {
      ctx.issues.push({ code: "invalid_format", format: "json", input: text });
      return z.NEVER;
    }
  },
  encode: (value) => JSON.stringify(value),
});

/** The one schema both directions go through: string ⇄ compact JSON ⇄ `TicketQuery`. */
export const listStateSchema = z.codec(jsonSchema, listQuerySchema, {
  decode: ({ q }) => ({
    page: q.p,
    perPage: q.n,
    filter: withoutUndefined({
      // Checked by `ticketQuerySchema` right after this step, like every other field.
      stateId: q.s as StateId | undefined,
      username: q.u,
      ticketId: q.i,
      categoryId: q.c,
      subCategoryId: q.sc,
    }),
  }),
  encode: ({ page, perPage, filter }): Compact => ({
    v: 1,
    q: withoutUndefined({
      p: page,
      n: perPage,
      s: filter.stateId,
      u: filter.username,
      i: filter.ticketId,
      c: filter.categoryId,
      sc: filter.subCategoryId,
    }),
  }),
});

const withoutUndefined = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * Throws only on a query no list could have come from (a bug): buttons are only made for
 * queries the command grammar accepted, whose per-page is already capped.
 */
export const encodeListState = (query: TicketQuery): string => listStateSchema.encode(query);

/** For renderers, which must not throw: a query that cannot be carried gets no button. */
export const tryEncodeListState = (query: TicketQuery): string | undefined => {
  const result = listStateSchema.safeEncode(query);
  return result.success ? result.data : undefined;
};

/** `undefined` for anything that is not a current, valid list state: never throws. */
export const decodeListState = (value: string): TicketQuery | undefined => {
  const result = listStateSchema.safeDecode(value);
  return result.success ? result.data : undefined;
};
