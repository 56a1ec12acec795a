import { CALLBACK_IDS } from "../../src/contract/action-ids";
import {
  POST_WHEN_EMPTY_VALUE,
  type SubscribeField,
  subscribeActionId,
  subscribeBlockId,
} from "../../src/contract/subscribe-form";

/**
 * The subscribe modal's `view.state.values` as Slack sends them on submit: every input present,
 * an empty one as `null`, each shaped by its element's type.
 */
export interface FormInput {
  time1?: string;
  time2?: string;
  time3?: string;
  /** Cron's day numbers as strings, as the checkboxes' values are. */
  days?: string[];
  cron?: string;
  zone?: string;
  state?: string;
  category?: string;
  subcategory?: string;
  customer?: string;
  top?: string;
  overdue?: string;
  empty?: boolean;
  language?: string;
}

const KINDS: Record<SubscribeField, string> = {
  time1: "timepicker",
  time2: "timepicker",
  time3: "timepicker",
  days: "checkboxes",
  cron: "plain_text_input",
  zone: "static_select",
  state: "static_select",
  category: "number_input",
  subcategory: "number_input",
  customer: "plain_text_input",
  top: "number_input",
  overdue: "number_input",
  empty: "checkboxes",
  language: "radio_buttons",
};

const stateOf = (field: SubscribeField, input: FormInput): Record<string, unknown> => {
  const type = KINDS[field];
  switch (type) {
    case "timepicker":
      return { type, selected_time: input[field as "time1"] ?? null };
    case "checkboxes": {
      const values =
        field === "days" ? (input.days ?? []) : input.empty ? [POST_WHEN_EMPTY_VALUE] : [];
      return {
        type,
        selected_options: values.map((value) => ({
          text: { type: "plain_text", text: value },
          value,
        })),
      };
    }
    case "static_select":
    case "radio_buttons": {
      const value = input[field as "zone"];
      return {
        type,
        selected_option:
          value === undefined ? null : { text: { type: "plain_text", text: value }, value },
      };
    }
    default:
      return { type, value: input[field as "cron"] ?? null };
  }
};

export const subscribeFormValues = (input: FormInput) =>
  Object.fromEntries(
    (Object.keys(KINDS) as SubscribeField[]).map((field) => [
      subscribeBlockId(field),
      { [subscribeActionId(field)]: stateOf(field, input) },
    ]),
  );

/** A complete, valid form: weekdays at 08:30 in Tehran, category 10, the top 5, in Persian. */
export const VALID_FORM: FormInput = {
  time1: "08:30",
  days: ["1", "2", "3", "4", "5"],
  zone: "Asia/Tehran",
  state: "2",
  category: "10",
  top: "5",
  overdue: "24",
  language: "fa",
};

export const subscribeView = (privateMetadata: string, input: FormInput) => ({
  callback_id: CALLBACK_IDS.subscribe,
  private_metadata: privateMetadata,
  state: { values: subscribeFormValues(input) },
});
