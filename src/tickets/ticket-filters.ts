import * as z from "zod";
import { STATE_IDS } from "./states";

/** Largest id we accept anywhere: the provider's ids are 32-bit integers. */
export const MAX_ID = 2_147_483_647;
export const MAX_USERNAME_LENGTH = 100;

/**
 * The kinds of value a filter takes. Each says what the query schema accepts; the command
 * grammar has one reader per kind, and button values carry a kind as a number or a string.
 */
export const FILTER_KINDS = {
  /** A state, by number or by name. */
  state: { schema: z.union(STATE_IDS.map((s) => z.literal(s))), wire: "number" },
  /** A customer's username, as typed (a leading `@` dropped). */
  username: { schema: z.string().min(1).max(MAX_USERNAME_LENGTH), wire: "string" },
  /** A positive 32-bit id. */
  id: { schema: z.number().int().min(1).max(MAX_ID), wire: "number", min: 1, max: MAX_ID },
} as const;
export type FilterKind = keyof typeof FILTER_KINDS;

interface FilterSpec {
  /** Its name in `/tickets key:value`, the first of `spellings`. */
  key: string;
  /** Every spelling a person may type, lower-case, the canonical one first. */
  spellings: readonly string[];
  /** Its query parameter on `GET /api/ticket`. */
  param: string;
  /** Its key in a button's list state; never reuse one (buttons already posted carry it). */
  button: string;
  kind: FilterKind;
  /** Whether a value may start with `#` (`id:#100001`). */
  hash?: boolean;
}

/**
 * The ticket filters, in the order they are sent upstream, described and listed in help.
 * Adding one is an entry here and its words in the catalog (`filter.<field>` and
 * `help.filters.<field>`); the grammar, the query, buttons and descriptions follow from it.
 */
export const TICKET_FILTERS = {
  stateId: {
    key: "state",
    spellings: ["state", "state_id"],
    param: "state_id",
    button: "s",
    kind: "state",
  },
  username: {
    key: "user",
    spellings: ["user", "username"],
    param: "username",
    button: "u",
    kind: "username",
  },
  ticketId: {
    key: "id",
    spellings: ["id", "ticket_id"],
    param: "ticket_id",
    button: "i",
    kind: "id",
    hash: true,
  },
  categoryId: {
    key: "category",
    spellings: ["category", "category_id"],
    param: "category_id",
    button: "c",
    kind: "id",
  },
  subCategoryId: {
    key: "subcategory",
    spellings: ["subcategory", "sub", "sub_category_id"],
    param: "sub_category_id",
    button: "sc",
    kind: "id",
  },
} as const satisfies Record<string, FilterSpec>;

export type FilterField = keyof typeof TICKET_FILTERS;
export type FilterSpecOf<F extends FilterField> = (typeof TICKET_FILTERS)[F];
/** The filters' names in `/tickets key:value`. */
export type TicketFilterKey = FilterSpecOf<FilterField>["key"];
type SchemaOf<F extends FilterField> = (typeof FILTER_KINDS)[FilterSpecOf<F>["kind"]]["schema"];

/** The table's fields in its order. */
export const FILTER_FIELDS = Object.keys(TICKET_FILTERS) as FilterField[];

const filterShape = Object.fromEntries(
  FILTER_FIELDS.map((field) => [field, FILTER_KINDS[TICKET_FILTERS[field].kind].schema.optional()]),
) as { [F in FilterField]: z.ZodOptional<SchemaOf<F>> };

/** The filters of a ticket search. A filter that is absent is not sent upstream at all. */
export const ticketFilterSchema = z.object(filterShape).strict();
export type TicketFilter = z.infer<typeof ticketFilterSchema>;

/** The filters wanted, as query parameters, in the table's order. */
export const filterParams = (filter: TicketFilter): [string, string][] =>
  FILTER_FIELDS.flatMap((field) => {
    const value = filter[field];
    return value === undefined ? [] : [[TICKET_FILTERS[field].param, String(value)]];
  });

export const isEmptyFilter = (filter: TicketFilter): boolean =>
  FILTER_FIELDS.every((field) => filter[field] === undefined);
