import type { InputBlock, InputBlockElement, ModalView, PlainTextOption } from "@slack/types";
import {
  POST_WHEN_EMPTY_VALUE,
  type SubscribeField,
  subscribeActionId,
  subscribeBlockId,
} from "../contract/subscribe-form";
import { OVERDUE_HOURS_RANGE, TOP_RANGE } from "../digest/subscription";
import { WEEKDAY_NUMBERS, type Weekday } from "../digest/weekly-schedule";
import { LANGUAGES } from "../i18n";
import { utcOffsetMinutes } from "../i18n/format-time";
import { STATE_IDS } from "../tickets/states";
import { MAX_USERNAME_LENGTH } from "../tickets/ticket-filters";
import { context, mrkdwn, plain } from "./blocks";
import type { RenderContext } from "./context";
import { stateName } from "./describe-filter";
import { LIMITS } from "./limits";
import { fitEscaped, oneLine, safeText } from "./mrkdwn";

/**
 * The subscribe modal (also the edit modal): time pickers and weekday checkboxes, or a cron
 * line; the zone from a select with the workspace's zones first; the filters; how the digest
 * reads. The callback id and metadata are the opener's (slack/request-ports.ts).
 */

/** What the modal shows filled in: a new digest's defaults, or the digest being edited. */
export interface SubscribeModalValues {
  /** `HH:MM`, up to three; the first is required. */
  times: string[];
  days: Weekday[];
  /** Set when the schedule is not times and days. */
  cron?: string;
  timeZone: string;
  stateId: number;
  categoryId?: number;
  subCategoryId?: number;
  username?: string;
  top: number;
  overdueHours: number;
  postWhenEmpty: boolean;
  language: string;
}

export interface SubscribeModalInput {
  channelId: string;
  editing: boolean;
  values: SubscribeModalValues;
  /** Zones the workspace's digests use, most used first; then the common ones. */
  zones: { inUse: readonly string[]; common: readonly string[] };
}

/** Slack's limits on a select: 100 options, 75 characters a label. */
const MAX_OPTIONS = 100;
const OPTION_TEXT = 75;

const option = (text: string, value: string): PlainTextOption => ({
  text: plain(fitEscaped(safeText(oneLine(text), OPTION_TEXT), OPTION_TEXT)),
  value,
});

const offsetLabel = (zone: string, now: Date): string => {
  const minutes = utcOffsetMinutes(now, zone);
  const sign = minutes < 0 ? "−" : "+";
  const abs = Math.abs(minutes);
  return `${zone} (UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")})`;
};

/** An input element before its `action_id`, whichever kind it is. */
type Element = InputBlockElement extends infer E
  ? E extends unknown
    ? Omit<E, "action_id">
    : never
  : never;

const inputBlock = (
  field: SubscribeField,
  label: string,
  element: Element,
  o: { optional?: boolean; hint?: string } = {},
): InputBlock => ({
  type: "input",
  block_id: subscribeBlockId(field),
  label: plain(fitEscaped(label, 2000)),
  element: { ...element, action_id: subscribeActionId(field) } as InputBlockElement,
  ...(o.optional && { optional: true }),
  ...(o.hint && { hint: plain(fitEscaped(o.hint, 2000)) }),
});

const zoneElement = (form: SubscribeModalInput, ctx: RenderContext) => {
  const m = ctx.t.subscriptions.modal;
  const current = form.values.timeZone;
  const inUse = [...new Set([current, ...form.zones.inUse])];
  const common = form.zones.common.filter((z) => !inUse.includes(z));
  const room = MAX_OPTIONS - Math.min(inUse.length, MAX_OPTIONS);
  const toOptions = (zones: readonly string[]) =>
    zones.map((z) => option(offsetLabel(z, ctx.now), z));
  const used = toOptions(inUse.slice(0, MAX_OPTIONS));
  const others = toOptions(common.slice(0, room));
  const selected = used[0] as PlainTextOption;
  return {
    type: "static_select" as const,
    initial_option: selected,
    option_groups: [
      { label: plain(fitEscaped(m.zonesInUse, OPTION_TEXT)), options: used },
      ...(others.length > 0
        ? [{ label: plain(fitEscaped(m.commonZones, OPTION_TEXT)), options: others }]
        : []),
    ],
  };
};

export const renderSubscribeModal = (form: SubscribeModalInput, ctx: RenderContext): ModalView => {
  const { t } = ctx;
  const m = t.subscriptions.modal;
  const v = form.values;
  const dayOptions = WEEKDAY_NUMBERS.map((d) =>
    option(t.subscriptions.schedule.weekdays[d] ?? String(d), String(d)),
  );
  const stateOptions = STATE_IDS.map((s) => option(stateName(s, ctx), String(s)));
  const languageOptions = LANGUAGES.map((l) => option(t.subscriptions.languageNames[l] ?? l, l));
  const timePicker = (time: string | undefined) => ({
    type: "timepicker" as const,
    ...(time !== undefined && { initial_time: time }),
  });
  const number = (value: number | undefined, range?: { min: number; max: number }) => ({
    type: "number_input" as const,
    is_decimal_allowed: false,
    ...(value !== undefined && { initial_value: String(value) }),
    ...(range && { min_value: String(range.min), max_value: String(range.max) }),
  });
  const emptyOption = option(m.emptyOption, POST_WHEN_EMPTY_VALUE);

  const blocks = [
    context([mrkdwn(m.intro(`<#${form.channelId}>`))]),
    inputBlock(
      "time1",
      m.time,
      timePicker(v.cron === undefined ? (v.times[0] ?? "09:00") : undefined),
      {
        optional: v.cron !== undefined,
        hint: m.timesHint,
      },
    ),
    inputBlock("time2", m.time2, timePicker(v.cron === undefined ? v.times[1] : undefined), {
      optional: true,
    }),
    inputBlock("time3", m.time3, timePicker(v.cron === undefined ? v.times[2] : undefined), {
      optional: true,
    }),
    inputBlock(
      "days",
      m.days,
      {
        type: "checkboxes",
        options: dayOptions,
        ...(v.days.length > 0 && {
          initial_options: dayOptions.filter((o) => v.days.includes(Number(o.value) as Weekday)),
        }),
      },
      { optional: true },
    ),
    inputBlock(
      "cron",
      m.cron,
      {
        type: "plain_text_input",
        max_length: 100,
        placeholder: plain("0 9 * * 1-5"),
        ...(v.cron !== undefined && { initial_value: v.cron }),
      },
      { optional: true, hint: m.cronHint },
    ),
    inputBlock("zone", m.zone, zoneElement(form, ctx), { hint: m.zoneHint.replace(/`/g, "") }),
    inputBlock("state", m.state, {
      type: "static_select",
      options: stateOptions,
      initial_option: stateOptions.find((o) => o.value === String(v.stateId)) ?? stateOptions[1],
    }),
    inputBlock("category", m.category, number(v.categoryId), { optional: true }),
    inputBlock("subcategory", m.subcategory, number(v.subCategoryId), { optional: true }),
    inputBlock(
      "customer",
      m.customer,
      {
        type: "plain_text_input",
        max_length: MAX_USERNAME_LENGTH,
        ...(v.username !== undefined && { initial_value: v.username }),
      },
      { optional: true },
    ),
    inputBlock("top", m.top, number(v.top, TOP_RANGE)),
    inputBlock("overdue", m.overdue, number(v.overdueHours, OVERDUE_HOURS_RANGE)),
    inputBlock(
      "empty",
      m.empty,
      {
        type: "checkboxes",
        options: [emptyOption],
        ...(v.postWhenEmpty && { initial_options: [emptyOption] }),
      },
      { optional: true },
    ),
    inputBlock(
      "language",
      m.language,
      {
        type: "radio_buttons",
        options: languageOptions,
        initial_option: languageOptions.find((o) => o.value === v.language) ?? languageOptions[0],
      },
      { hint: m.languageHint },
    ),
  ];
  return {
    type: "modal",
    title: plain(fitEscaped(form.editing ? m.editTitle : m.title, LIMITS.modal.title)),
    submit: plain(fitEscaped(form.editing ? m.save : m.submit, LIMITS.modal.submit)),
    close: plain(fitEscaped(m.cancel, LIMITS.modal.close)),
    blocks,
  };
};
