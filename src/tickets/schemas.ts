import { z } from "zod";

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

export const ticketPageSchema = z.object({
  data: z.array(ticketSchema),
  meta: pageMetaSchema,
});
export type TicketPage = z.infer<typeof ticketPageSchema>;

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

export const digestPageSchema = z.object({
  data: z.array(digestRowSchema),
  meta: pageMetaSchema,
});
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
