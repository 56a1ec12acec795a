import * as z from "zod";
import { compiledOnFirstUse } from "../compiled-on-first-use";

/**
 * The ticket API's JSON, parsed once at the edge. Tolerant of extra fields and of `null`
 * nested objects (the provider promises neither), strict about what the bot shows.
 */

/**
 * ISO 8601 as Laravel writes it (`2025-01-01T10:00:00.000000Z`), also with an offset, a space
 * for the `T`, or no zone at all. Anything else is refused rather than handed to `Date.parse`,
 * whose other formats are implementation-defined (it reads `"1"` as 1 January 2001).
 */
const ISO_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

const timestamp = z.string().transform((s, ctx) => {
  const match = ISO_TIMESTAMP.exec(s.trim());
  // `Date.parse` reads a date-time without a zone in the bot host's own zone, so the same
  // answer would show different times on different servers. Laravel's default zone is UTC.
  const ms = match
    ? Date.parse(
        match[2] === undefined ? (match[1] ?? "") : `${match[1]}T${match[2]}${match[3] ?? "Z"}`,
      )
    : Number.NaN;
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: `not a timestamp: ${s.slice(0, 40)}` });
    return z.NEVER;
  }
  return new Date(ms);
});

/** 0/1 flags; some panels send booleans. */
const flag = z
  .union([z.literal(0), z.literal(1), z.boolean()])
  .transform((v) => v === 1 || v === true);

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v == null || v === "" ? undefined : v));
const optionalNumber = z
  .number()
  .nullish()
  .transform((v) => v ?? undefined);

export const forwardSchema = z.object({
  from: z.union([z.number(), z.string()]).nullish(),
  to: z.union([z.number(), z.string()]).nullish(),
  created_at: timestamp.nullish(),
  seen: flag.nullish(),
});

export const ticketSchema = z.object({
  ticket_id: z.number().int().positive(),
  state_id: z.number().int(),
  subject: z.string(),
  desc: optionalText,
  importance: optionalText,
  created_at: timestamp,
  updated_at: timestamp,
  admin_seen: flag.nullish().transform((v) => v ?? true),
  user_seen: flag.nullish(),
  interaction_count: optionalNumber,
  longest_interaction: optionalNumber,
  manager_comment: optionalText,
  close_desc: optionalText,
  rate: optionalNumber,
  rate_comment: optionalText,
  jira_id: z.union([z.number(), z.string()]).nullish(),
  category_id: optionalNumber,
  sub_category_id: optionalNumber,
  user: z.object({ uname: optionalText }).nullish(),
  category: z.object({ name: optionalText }).nullish(),
  sub_category: z.object({ title: optionalText }).nullish(),
  forward: forwardSchema.nullish(),
});
export type Ticket = z.infer<typeof ticketSchema>;

const count = z.number().int().min(0);

export const pageMetaSchema = z.object({
  current_page: z.number().int().min(1),
  last_page: z.number().int().min(0),
  per_page: z.coerce.number().int().min(1),
  total: count,
  from: count.nullish(),
  to: count.nullish(),
  status: z.literal(true).optional(),
});

export type PageMeta = z.infer<typeof pageMetaSchema>;

/** A row left out of a page because it is not a ticket as the contract describes one. */
export interface UnreadableRow {
  /** Its place on the page, from 0. */
  index: number;
  /** Its `ticket_id` as the panel sent it, when it sent a number or a string: for the log. */
  id?: number | string;
  /** Which fields were wrong and how (`updated_at: not a timestamp: 01/02/2025`), for the log. */
  why: string;
}

const WHY_CAP = 200;
const ID_CAP = 40;

const describeIssues = (issues: readonly z.core.$ZodIssue[]): string => {
  const why = issues
    .map((i) => `${i.path.map(String).join(".") || "(row)"}: ${i.message}`)
    .join("; ");
  return why.length > WHY_CAP ? `${why.slice(0, WHY_CAP - 1)}…` : why;
};

const rowId = (row: unknown): number | string | undefined => {
  const id: unknown =
    typeof row === "object" && row !== null ? Reflect.get(row, "ticket_id") : undefined;
  if (typeof id === "number") return id;
  return typeof id === "string" ? id.slice(0, ID_CAP) : undefined;
};

/**
 * A page whose envelope (`data` an array, `meta` the paginator's) must be right, and whose rows
 * are read one by one: one malformed ticket is left out and counted, not the whole page lost.
 * All rows are tried at once first: one parse of the array is twice as fast as 1,000 of a row,
 * and compiled (`z.compile`) it is about 6 times faster again for a digest's 1,000-row page.
 */
const pageOf = <S extends z.ZodType>(row: S) => {
  const rowsAtOnce = compiledOnFirstUse(z.array(row));
  // Compiled too: when one row is bad, every other row is read again here.
  const oneRow = compiledOnFirstUse(row);
  return z
    .object({ data: z.array(z.unknown()), meta: pageMetaSchema })
    .transform(({ data, meta }) => {
      const all = rowsAtOnce().safeParse(data);
      if (all.success) return { data: all.data, meta, unreadable: [] as UnreadableRow[] };
      const rows: z.output<S>[] = [];
      const unreadable: UnreadableRow[] = [];
      data.forEach((raw, index) => {
        const parsed = oneRow().safeParse(raw);
        if (parsed.success) rows.push(parsed.data);
        else unreadable.push({ index, id: rowId(raw), why: describeIssues(parsed.error.issues) });
      });
      return { data: rows, meta, unreadable };
    });
};

/** Every field of a ticket: what its details and its unfurl card show. */
export const ticketPageSchema = pageOf(ticketSchema);
export type TicketPage = z.infer<typeof ticketPageSchema>;

/**
 * A ticket as a list row shows it (a `/tickets` list, a saved view, the Home tab). Parsing only
 * these fields halves the work and the garbage of validating a page (a 10-row page: 11.8 →
 * 5.5 µs on its own, on Node 24), and a list holds no descriptions it never shows.
 */
export const listRowSchema = ticketSchema.pick({
  ticket_id: true,
  state_id: true,
  subject: true,
  importance: true,
  updated_at: true,
  admin_seen: true,
  interaction_count: true,
  user: true,
  category: true,
  sub_category: true,
});
export type ListRow = z.infer<typeof listRowSchema>;

export const listPageSchema = pageOf(listRowSchema);
export type ListPage = z.infer<typeof listPageSchema>;

/**
 * A ticket as a digest reads it. Parsing only these fields (the rest, long descriptions
 * included, is dropped unread) roughly halves the CPU and memory of a 1,000-row page.
 */
export const digestRowSchema = ticketSchema.pick({
  ticket_id: true,
  state_id: true,
  subject: true,
  importance: true,
  updated_at: true,
  admin_seen: true,
  category_id: true,
  user: true,
  category: true,
  sub_category: true,
});
export type DigestRow = z.infer<typeof digestRowSchema>;

export const digestPageSchema = pageOf(digestRowSchema);
export type DigestPage = z.infer<typeof digestPageSchema>;

/** What the provider sends when it refuses a request (`error-401.sample.json`). */
export const providerErrorSchema = z.object({
  meta: z.object({
    status: z.literal(false),
    message: z.string().nullish(),
    message_code: z.string().nullish(),
    errors: z.unknown().optional(),
  }),
});
export type ProviderError = z.infer<typeof providerErrorSchema>;

/** Compiled, so that `validate` turns a page down at once: every success is checked against it. */
export const compiledProviderError = compiledOnFirstUse(providerErrorSchema);
