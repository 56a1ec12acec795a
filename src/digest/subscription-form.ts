import type { SubscribeField, SubscribeForm } from "../contract/subscribe-form";
import { isKnownTimeZone } from "../i18n/format-time";
import { isStateId } from "../tickets/states";
import { MAX_ID, MAX_USERNAME_LENGTH, type TicketFilter } from "../tickets/ticket-filters";
import { validateSchedule } from "./schedule";
import { type DigestDraft, isLanguage, OVERDUE_HOURS_RANGE, TOP_RANGE } from "./subscription";
import { parseDays, parseTimeOfDay, type TimeOfDay, type Weekday } from "./weekly-schedule";

/**
 * The subscribe modal's submission judged field by field, so that each problem is shown under
 * its own input (`response_action: "errors"`) and nothing is saved until all are right.
 */

export type FormProblem =
  | { kind: "no-time" }
  | { kind: "bad-time" }
  | { kind: "minutes-differ"; first: string }
  | { kind: "no-days" }
  | { kind: "bad-cron"; problem: string }
  | { kind: "unknown-zone" }
  | { kind: "bad-state" }
  | { kind: "not-an-id"; max: number }
  | { kind: "too-long"; max: number }
  | { kind: "out-of-range"; min: number; max: number }
  | { kind: "bad-language" };

export type FormResult =
  | { ok: true; draft: DigestDraft }
  | { ok: false; problems: Partial<Record<SubscribeField, FormProblem>> };

const digitsOf = (text: string) =>
  text
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .trim();

const wholeIn = (text: string, min: number, max: number): number | undefined => {
  const digits = digitsOf(text);
  if (!/^\d{1,10}$/.test(digits)) return undefined;
  const n = Number(digits);
  return n >= min && n <= max ? n : undefined;
};

export const readForm = (form: SubscribeForm): FormResult => {
  const problems: Partial<Record<SubscribeField, FormProblem>> = {};
  const draft: DigestDraft = { filter: {} };

  // Schedule: a cron line, if given, stands for the times and days.
  if (form.cron !== undefined) {
    const cron = digitsOf(form.cron).replace(/\s+/g, " ");
    const problem = validateSchedule(cron, "UTC");
    if (problem) problems.cron = { kind: "bad-cron", problem };
    else draft.when = { kind: "cron", expr: cron };
  } else {
    const fields = ["time1", "time2", "time3"] as const;
    const times: TimeOfDay[] = [];
    form.times.forEach((text, i) => {
      const time = parseTimeOfDay(text);
      const field = fields[i] ?? "time3";
      if (!time) problems[field] = { kind: "bad-time" };
      else if (times[0] !== undefined && time.minute !== times[0].minute)
        problems[field] = { kind: "minutes-differ", first: form.times[0] ?? "" };
      else times.push(time);
    });
    if (form.times.length === 0) problems.time1 = { kind: "no-time" };
    const days: Weekday[] = parseDays(form.days.join(",")) ?? [];
    if (form.days.length === 0 || days.length === 0) problems.days = { kind: "no-days" };
    draft.when = { kind: "weekly", times, days };
  }

  if (form.zone !== undefined) {
    if (!isKnownTimeZone(form.zone)) problems.zone = { kind: "unknown-zone" };
    else {
      draft.timeZone = form.zone;
      if (draft.when?.kind === "cron" && !problems.cron) {
        const problem = validateSchedule(draft.when.expr, form.zone);
        if (problem) problems.cron = { kind: "bad-cron", problem };
      }
    }
  }

  const filter: { -readonly [K in keyof TicketFilter]: TicketFilter[K] } = {};
  if (form.state !== undefined) {
    const state = Number(digitsOf(form.state));
    if (isStateId(state)) filter.stateId = state;
    else problems.state = { kind: "bad-state" };
  }
  for (const [field, key] of [
    ["category", "categoryId"],
    ["subcategory", "subCategoryId"],
  ] as const) {
    const text = form[field];
    if (text === undefined) continue;
    const id = wholeIn(text, 1, MAX_ID);
    if (id === undefined) problems[field] = { kind: "not-an-id", max: MAX_ID };
    else filter[key] = id;
  }
  if (form.customer !== undefined) {
    const name = form.customer.startsWith("@") ? form.customer.slice(1) : form.customer;
    if (name.length > MAX_USERNAME_LENGTH)
      problems.customer = { kind: "too-long", max: MAX_USERNAME_LENGTH };
    else if (name !== "") filter.username = name;
  }
  draft.filter = filter;

  for (const [field, key, range] of [
    ["top", "top", TOP_RANGE],
    ["overdue", "overdueHours", OVERDUE_HOURS_RANGE],
  ] as const) {
    const text = form[field];
    if (text === undefined) continue;
    const n = wholeIn(text, range.min, range.max);
    if (n === undefined) problems[field] = { kind: "out-of-range", ...range };
    else draft[key] = n;
  }
  draft.postWhenEmpty = form.postWhenEmpty;
  if (form.language !== undefined) {
    if (isLanguage(form.language)) draft.language = form.language;
    else problems.language = { kind: "bad-language" };
  }

  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, draft };
};
