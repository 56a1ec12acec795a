import * as z from "zod";

/**
 * The subscribe modal's inputs: each field's `block_id` (what `response_action: "errors"` names)
 * and `action_id`, and how its submitted `view.state.values` are read. The renderer builds the
 * inputs with these ids; the listener reads them back with `readSubscribeForm`. Never rename one
 * while a modal may be open: its submission would lose the field.
 */
export const SUBSCRIBE_FIELDS = [
  "time1",
  "time2",
  "time3",
  "days",
  "cron",
  "zone",
  "state",
  "category",
  "subcategory",
  "customer",
  "top",
  "overdue",
  "empty",
  "language",
] as const;
export type SubscribeField = (typeof SUBSCRIBE_FIELDS)[number];

export const subscribeBlockId = (field: SubscribeField): string => `subscribe.${field}`;
export const subscribeActionId = (field: SubscribeField): string => `subscribe.${field}.value`;

/** The one checkbox of the `empty` field. */
export const POST_WHEN_EMPTY_VALUE = "post";

/** What one input sends back, whichever kind it is; every field optional, as Slack omits them. */
const inputState = z.looseObject({
  type: z.string().optional(),
  value: z.string().nullish(),
  selected_time: z.string().nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
  selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
});

const stateValuesSchema = z.record(z.string(), z.record(z.string(), inputState));

/** The modal as submitted: each field's raw text, before anything is judged. */
export interface SubscribeForm {
  times: string[];
  days: string[];
  cron?: string;
  zone?: string;
  state?: string;
  category?: string;
  subcategory?: string;
  customer?: string;
  top?: string;
  overdue?: string;
  postWhenEmpty: boolean;
  language?: string;
}

/** `undefined` when the values are not a submission of this modal's shape at all. */
export const readSubscribeForm = (values: unknown): SubscribeForm | undefined => {
  const parsed = stateValuesSchema.safeParse(values);
  if (!parsed.success) return undefined;
  const input = (field: SubscribeField) =>
    parsed.data[subscribeBlockId(field)]?.[subscribeActionId(field)];
  const text = (field: SubscribeField): string | undefined => {
    const v = input(field);
    const raw = v?.value ?? v?.selected_time ?? v?.selected_option?.value ?? undefined;
    return raw === undefined || raw === null || raw.trim() === "" ? undefined : raw.trim();
  };
  const chosen = (field: SubscribeField) =>
    (input(field)?.selected_options ?? []).map((o) => o.value);
  const times = (["time1", "time2", "time3"] as const)
    .map(text)
    .filter((t): t is string => t !== undefined);
  return {
    times,
    days: chosen("days"),
    ...optional("cron", text("cron")),
    ...optional("zone", text("zone")),
    ...optional("state", text("state")),
    ...optional("category", text("category")),
    ...optional("subcategory", text("subcategory")),
    ...optional("customer", text("customer")),
    ...optional("top", text("top")),
    ...optional("overdue", text("overdue")),
    postWhenEmpty: chosen("empty").includes(POST_WHEN_EMPTY_VALUE),
    ...optional("language", text("language")),
  };
};

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
