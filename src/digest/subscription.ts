import { LANGUAGES, type Language } from "../i18n";
import { isKnownTimeZone } from "../i18n/format-time";
import { WAITING_FOR_SUPPORT } from "../tickets/states";
import { type FilterField, type TicketFilter, ticketFilterSchema } from "../tickets/ticket-filters";
import { validateSchedule } from "./schedule";
import type { DigestDefinition } from "./types";
import { type TimeOfDay, WEEKDAY_NUMBERS, type Weekday, weeklyCron } from "./weekly-schedule";

/**
 * A channel's digest subscription, in the digest's own terms: which tickets, when, in which
 * zone and language, and how the digest reads. The store keeps it; this says what is valid.
 */

/** How many digests a channel, and a whole workspace, may have (the operator's included). */
export const SUBSCRIPTION_LIMITS = { perChannel: 20, perWorkspace: 1_000 } as const;

/** The same bounds as DIGEST_TOP and DIGEST_OVERDUE_HOURS. */
export const TOP_RANGE = { min: 1, max: 20 } as const;
export const OVERDUE_HOURS_RANGE = { min: 1, max: 24 * 365 } as const;

/**
 * The filters a digest may have, from the one filter table: a digest is about a queue, so one
 * ticket (`id:`) is not among them.
 */
export const DIGEST_FILTER_FIELDS = [
  "stateId",
  "username",
  "categoryId",
  "subCategoryId",
] as const satisfies readonly FilterField[];

/** When nobody says: 09:00, every day, as DIGEST_SCHEDULE's own default. */
export const DEFAULT_TIMES: readonly TimeOfDay[] = [{ hour: 9, minute: 0 }];
export const DEFAULT_DAYS: readonly Weekday[] = WEEKDAY_NUMBERS;

/** A digest's settings as a person chose them, every one of them set. */
export interface DigestSettings {
  filter: TicketFilter;
  cron: string;
  timeZone: string;
  top: number;
  overdueHours: number;
  postWhenEmpty: boolean;
  language: Language;
}

/** What a person gave, before the defaults: `undefined` is "not said". */
export interface DigestDraft {
  filter: TicketFilter;
  when?: { kind: "weekly"; times?: TimeOfDay[]; days?: Weekday[] } | { kind: "cron"; expr: string };
  timeZone?: string;
  top?: number;
  overdueHours?: number;
  postWhenEmpty?: boolean;
  language?: Language;
}

export interface DigestDefaults {
  timeZone: string;
  top: number;
  overdueHours: number;
  postWhenEmpty: boolean;
  language: Language;
}

/** State 2 unless the person chose another, and only the filters a digest may have. */
export const digestFilter = (filter: TicketFilter): TicketFilter => {
  const kept: Record<string, unknown> = {};
  for (const field of DIGEST_FILTER_FIELDS) {
    if (filter[field] !== undefined) kept[field] = filter[field];
  }
  return { stateId: WAITING_FOR_SUPPORT, ...(kept as TicketFilter) };
};

/** The cron line a draft's schedule is kept as. */
export const draftCron = (when: DigestDraft["when"]): string =>
  when?.kind === "cron"
    ? when.expr.trim().replace(/\s+/g, " ")
    : weeklyCron({
        times: [...(when?.times ?? DEFAULT_TIMES)],
        days: [...(when?.days ?? DEFAULT_DAYS)],
      });

export const resolveDraft = (draft: DigestDraft, defaults: DigestDefaults): DigestSettings => ({
  filter: digestFilter(draft.filter),
  cron: draftCron(draft.when),
  timeZone: draft.timeZone ?? defaults.timeZone,
  top: draft.top ?? defaults.top,
  overdueHours: draft.overdueHours ?? defaults.overdueHours,
  postWhenEmpty: draft.postWhenEmpty ?? defaults.postWhenEmpty,
  language: draft.language ?? defaults.language,
});

export const isLanguage = (value: string): value is Language =>
  (LANGUAGES as readonly string[]).includes(value);

/** A stored language this version no longer has reads as the bot's own. */
export const languageOr = (value: string, fallback: Language): Language =>
  isLanguage(value) ? value : fallback;

/** The problem with a schedule in its zone, in an operator's words, or `undefined`. */
export const scheduleProblem = (cron: string, timeZone: string): string | undefined =>
  isKnownTimeZone(timeZone) ? validateSchedule(cron, timeZone) : `unknown time zone "${timeZone}"`;

/**
 * Filters as the store hands them back, checked: `undefined` when they are not a digest's
 * filters (written by something else, or by a version that had other filters).
 */
export const readDigestFilter = (stored: unknown): TicketFilter | undefined => {
  const parsed = ticketFilterSchema.safeParse(stored);
  if (!parsed.success) return undefined;
  const filter = parsed.data;
  const extra = Object.keys(filter).some(
    (field) => !(DIGEST_FILTER_FIELDS as readonly string[]).includes(field),
  );
  return extra ? undefined : digestFilter(filter);
};

/** What a run of this digest posts: its filter, how many it lists, when a ticket is overdue. */
export const definitionOf = (
  settings: Pick<DigestSettings, "filter" | "top" | "overdueHours" | "postWhenEmpty">,
): DigestDefinition => ({
  top: settings.top,
  overdueHours: settings.overdueHours,
  postWhenEmpty: settings.postWhenEmpty,
  filter: settings.filter,
});
