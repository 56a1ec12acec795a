import { describe, expect, it } from "vitest";
import { CATALOGS, type Catalog, en, fa, LANGUAGES } from "../../src/i18n";
import { COMMAND_KEYS, parseTicketsCommand } from "../../src/tickets/filter-grammar";
import { FILTER_FIELDS, TICKET_FILTERS } from "../../src/tickets/ticket-filters";

/**
 * The catalogs side by side. The `Catalog` type already makes `fa` have every key of `en`; these
 * checks also hold at run time, and look at what the Persian catalog actually writes.
 */

type Leaf = { path: string; kind: string };

const leaves = (node: unknown, path: string[] = []): Leaf[] => {
  if (node !== null && typeof node === "object" && !Array.isArray(node))
    return Object.entries(node).flatMap(([key, value]) => leaves(value, [...path, key]));
  return [{ path: path.join("."), kind: Array.isArray(node) ? "array" : typeof node }];
};

const at = (catalog: Catalog, path: string): unknown =>
  path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalog);

/**
 * What each function is called with: text a renderer would pass (escaped ticket text, a key, an
 * id), in Persian where it is words, so that any Latin in the result is the catalog's own.
 */
const SAMPLES: Readonly<Record<string, readonly unknown[]>> = {
  number: [12345],
  size: [1_200_000],
  digits: ["100374"],
  "time.ago": [3 * 86_400_000],
  "time.span": [2 * 86_400_000 + 4 * 3_600_000],
  "time.dateTime": [new Date("2026-01-15T09:00:00Z"), "Asia/Tehran"],
  unknownState: [7],
  ticketNumber: [100374],
  "filter.stateId": ["در انتظار پشتیبانی"],
  "filter.username": ["علی"],
  "filter.ticketId": ["100374"],
  "filter.categoryId": ["10"],
  "filter.subCategoryId": ["20"],
  "list.summary": [123, 1, 41],
  "list.asOf": ["۲۵ دی ۱۴۰۴"],
  "list.showing": [1, 10, 123],
  "list.lastPage": [41],
  "list.rowTitle": ["#۱", "موضوع", true],
  "list.importance": ["فوری"],
  "list.categoryPath": ["مالی", "فاکتور"],
  "list.rowsOmitted": [3],
  "list.unreadable": [2],
  "list.interactions": [4],
  "list.updated": ["۳ روز پیش", "۲۵ دی ۱۴۰۴"],
  "list.perPageLowered": [50, 20],
  "list.empty": ["کاربر علی"],
  "list.pageOutOfRange": [9, 3],
  "list.fallback": ["همهٔ تیکت‌ها", 123, 1, 41],
  "list.rowFallback": [100374, "موضوع"],
  "help.footer": [FILTER_FIELDS.flatMap((f) => TICKET_FILTERS[f].spellings.slice(1))],
  "commandErrors.unknownKey": ["حالت:۲", "حالت"],
  "commandErrors.didYouMean": ["state:باز"],
  "commandErrors.repeatedKey": ["state:۲", "state"],
  "commandErrors.missingValue": ["user:", "user"],
  "commandErrors.notAnInteger": ["page:دو", "page"],
  "commandErrors.outOfRange": ["page:۰", "page", 1, 1000],
  "commandErrors.unknownState": ["state:بسطه"],
  "commandErrors.tooLong": ["user:علی", "user", 100],
  "commandErrors.bareWord": ["سلام"],
  "commandErrors.commandTooLong": ["سلام", 2000],
  "commandErrors.moreErrors": [3],
  "commandErrors.allowedKeys": [COMMAND_KEYS],
  "apiErrors.tokenRejected": ["اطلاعات وارد شده صحیح نیست"],
  "apiErrors.rateLimited": ["ساعت ۱۲:۳۵"],
  "apiErrors.server": [503],
  "apiErrors.rejected": ["اطلاعات وارد شده صحیح نیست"],
  "apiErrors.timeout": [10],
  "apiErrors.tooLarge": ["۵ مگابایت"],
  "apiErrors.redirected": ["پنل"],
  "requests.foreignHooks": ["SLACK_HOOKS_URL"],
  "requests.unknownCommand": ["/گزارش"],
  "details.modalTitle": [2_147_483_647],
  "details.loading": [100374],
  "details.title": ["🔴", "#۱", "در انتظار پشتیبانی", true],
  "details.field": ["مشتری", "علی"],
  "details.at": ["۳ روز پیش", "۲۵ دی ۱۴۰۴"],
  "details.seen": [false],
  "details.forward": [{ from: "علی", to: "رضا", when: "۳ روز پیش", seen: false }],
  "details.heading": ["شرح"],
  "details.cut": [true],
  "details.notFound": [100001],
  "details.fallback": [100374, "موضوع", "بسته شده"],
  "share.sharedBy": ["<@U0123>", "۲۵ دی ۱۴۰۴"],
  "share.reason": ["not_in_channel"],
  "digest.title": [123],
  "digest.longestWait": ["۴۰ روز"],
  "digest.overdue": [103, "۱ روز"],
  "digest.unseen": [64],
  "digest.unreadable": [1],
  "digest.categoryLine": ["مالی و فروش", 25],
  "digest.otherCategories": [3],
  "digest.unnamedCategory": [13],
  "digest.topTitle": [10],
  "digest.rowTitle": ["#۱", "موضوع", { overdue: true, unseen: true }],
  "digest.waited": ["۴۰ روز", "۲۵ دی ۱۴۰۴"],
  "digest.waitedFuture": ["۲۵ دی ۱۴۰۴"],
  "digest.more": [113],
  "digest.fallback": [
    { waiting: 123, approximate: true, longest: "۴۰ روز", overdue: 103, asOf: "۲۵ دی ۱۴۰۴" },
  ],
  "digest.emptyFallback": ["۲۵ دی ۱۴۰۴"],
  "access.askOperator": ["ALLOWED_USER_IDS"],
  "unfurl.waiting": ["۳ ساعت", "۲۵ دی ۱۴۰۴"],
  "unfurl.answered": ["۲ روز پیش", "۲۵ دی ۱۴۰۴"],
  "language.named": ["انگلیسی", "English"],
  "language.chosen": ["فارسی"],
  "language.notChosen": ["فارسی"],
  "language.unavailable": ["فارسی"],
  "language.choice": ["/tickets language en", "انگلیسی"],
  "language.saved": ["فارسی"],
  "language.notSaved": ["فارسی"],
  "language.unknown": ["آلمانی"],
  "digest.titleInState": [12, "پاسخ داده شده"],
  "digest.scope": ["دسته‌بندی ۱۰"],
  "home.glance.waiting": [123],
  "home.glance.partial": [10_000, 12_345],
  "home.glance.asOf": ["۲۵ دی ۱۴۰۴"],
  "home.glance.stale": ["۲۵ دی ۱۴۰۴"],
  "home.digests.row": ["<#C0123>", "گزارش ۰۸:۳۰"],
  "home.digests.failing": ["۲۵ دی ۱۴۰۴"],
  "home.digests.posted": ["۲۵ دی ۱۴۰۴"],
  "home.digests.empty": ["۲۵ دی ۱۴۰۴"],
  "home.digests.skipped": ["۲۵ دی ۱۴۰۴"],
  "home.digests.next": ["۲۶ دی ۱۴۰۴"],
  "home.digests.health": [["آخرین ارسال ۲۵ دی", "اجرای بعدی ۲۶ دی"]],
  "home.digests.more": [3],
  "home.language.chosen": ["فارسی"],
  "home.language.workspace": ["فارسی"],
  "views.perPage": [20],
  "views.page": [2],
  "views.errors.nameInvalid": ["مالی!", 32],
  "views.errors.nameNumber": ["۱۲۳"],
  "views.errors.nameReserved": ["user", "user:…"],
  "views.answers.saved": ["مالی", "دسته‌بندی ۱۰"],
  "views.answers.replaced": ["مالی", "دسته‌بندی ۱۰"],
  "views.answers.savedTeam": ["مالی", "دسته‌بندی ۱۰"],
  "views.answers.replacedTeam": ["مالی", "دسته‌بندی ۱۰"],
  "views.answers.howToOpen": ["مالی"],
  "views.answers.mineFull": [50],
  "views.answers.teamFull": [50],
  "views.answers.teamTaken": ["مالی", "<@U0123>"],
  "views.answers.notFound": ["مالی"],
  "views.answers.unreadable": ["مالی"],
  "views.answers.deleted": ["مالی"],
  "views.answers.onlyMaker": ["مالی", "<@U0123>"],
  "views.list.row": ["مالی", "دسته‌بندی ۱۰"],
  "views.list.teamRow": ["مالی", "دسته‌بندی ۱۰", "<@U0123>"],
  "views.list.confirmText": ["مالی"],
  "views.list.confirmTeamText": ["مالی"],
  "views.list.range": [1, 10, 23],
  "views.list.lead": ["مالی"],
  "views.list.teamLead": ["مالی", "<@U0123>"],
  "subscriptions.schedule.dayRange": ["شنبه", "چهارشنبه"],
  "subscriptions.schedule.list": [["شنبه", "دوشنبه"]],
  "subscriptions.schedule.time": ["08:30"],
  "subscriptions.schedule.weekly": ["۰۸:۳۰", "شنبه تا چهارشنبه"],
  "subscriptions.schedule.cron": ["0 9 * * 6-3"],
  "subscriptions.schedule.inZone": ["۰۸:۳۰", "Asia/Tehran"],
  "subscriptions.name": ["۰۸:۳۰"],
  "subscriptions.announce.created": ["<@U0123>", "دسته‌بندی ۱۰", "۰۸:۳۰"],
  "subscriptions.announce.changed": [undefined, "گزارش ۰۸:۳۰", "دسته‌بندی ۱۰", "۰۹:۰۰"],
  "subscriptions.announce.paused": ["<@U0123>", "گزارش ۰۸:۳۰"],
  "subscriptions.announce.resumed": ["<@U0123>", "گزارش ۰۸:۳۰"],
  "subscriptions.announce.deleted": ["<@U0123>", "گزارش ۰۸:۳۰"],
  "subscriptions.answers.subscribed": ["گزارش ۰۸:۳۰", "۲۵ دی ۱۴۰۴"],
  "subscriptions.answers.saved": ["گزارش ۰۸:۳۰"],
  "subscriptions.answers.notAnnounced": ["not_in_channel"],
  "subscriptions.answers.refused": ["restricted_action"],
  "subscriptions.answers.channelLimit": [20, 20],
  "subscriptions.answers.workspaceLimit": [1000, 1000],
  "subscriptions.answers.runFailed": ["پنل جواب نداد"],
  "subscriptions.errors.unknownKey": ["ساعت:۸", "ساعت"],
  "subscriptions.errors.repeatedKey": ["tz:Asia/Tehran", "tz"],
  "subscriptions.errors.missingValue": ["at:", "at"],
  "subscriptions.errors.notForDigests": ["page:2"],
  "subscriptions.errors.bareWord": ["سلام"],
  "subscriptions.errors.badTimes": ["at:25:00"],
  "subscriptions.errors.badDays": ["days:fri-fri-fri"],
  "subscriptions.errors.minutesDiffer": ["at:08:30,13:00"],
  "subscriptions.errors.tooManyTimes": ["at:01:00,02:00", 6],
  "subscriptions.errors.badCron": ["cron:*", "زمان‌بندی نامعتبر است"],
  "subscriptions.errors.unknownZone": ["tz:تهران"],
  "subscriptions.errors.outOfRange": ["top:99", "top", 1, 20],
  "subscriptions.errors.notANumber": ["top:ده", "top"],
  "subscriptions.errors.badChoice": ["lang:آلمانی", "lang", ["en", "fa"]],
  "subscriptions.errors.unclosedQuote": ['cron:"0 9'],
  "subscriptions.errors.tooLong": [2000],
  "subscriptions.list.heading": ["دسته‌بندی ۱۰", "۰۸:۳۰"],
  "subscriptions.list.next": ["۲۵ دی ۱۴۰۴"],
  "subscriptions.list.last": ["۲۵ دی ۱۴۰۴", "فرستاده شد"],
  "subscriptions.list.outcomes.posted": [12],
  "subscriptions.list.outcomes.failed": ["پنل جواب نداد"],
  "subscriptions.list.outcomes.skipped": ["متوقف"],
  "subscriptions.list.settings": [5, "۱ روز", "فارسی", true],
  "subscriptions.list.createdBy": ["<@U0123>", "۲۵ دی ۱۴۰۴"],
  "subscriptions.list.more": [3],
  "subscriptions.list.confirmDelete.text": ["گزارش ۰۸:۳۰"],
  "subscriptions.modal.intro": ["<#C0123>"],
  "subscriptions.modal.problems.minutesDiffer": ["08:30"],
  "subscriptions.modal.problems.badCron": ["زمان‌بندی نامعتبر است"],
  "subscriptions.modal.problems.notAnId": [2_147_483_647],
  "subscriptions.modal.problems.tooLong": [100],
  "subscriptions.modal.problems.outOfRange": [1, 20],
  "digestHealth.changes.compared": [
    { added: 3, left: 12, still: 40, net: -9, since: "۲۵ دی ۱۴۰۴" },
  ],
  "digestHealth.cause": ["panel-auth", "401"],
  "digestHealth.notice.failing": ["گزارش ۰۸:۳۰", "پنل تیکت توکن ربات را نپذیرفت"],
  "digestHealth.notice.recovered": ["گزارش ۰۸:۳۰", 3],
  "digestHealth.notice.alertFailing": ["گزارش ۰۸:۳۰", "<#C0123>", "پنل جواب نداد"],
  "digestHealth.notice.alertRecovered": ["گزارش ۰۸:۳۰", "<#C0123>", 3],
  "digestHealth.history.failing": [3, "۲۵ دی ۱۴۰۴", true],
  "digestHealth.history.recent": [["✅ ۲۵ دی", "❌ ۲۴ دی"]],
  "digestHealth.history.recentRun": ["۲۵ دی ۱۴۰۴", "failed"],
};

/** Every string a catalog writes: its plain values, and each function called with its samples. */
const written = (catalog: Catalog): [string, string][] =>
  leaves(catalog).flatMap(({ path, kind }): [string, string][] => {
    const value = at(catalog, path);
    if (kind === "function") {
      const result = (value as (...args: unknown[]) => unknown)(...(SAMPLES[path] ?? []));
      return typeof result === "string" ? [[path, result]] : [];
    }
    if (kind === "array")
      return (value as string[]).map((s, i): [string, string] => [`${path}.${i}`, s]);
    return kind === "string" ? [[path, value as string]] : [];
  });

/** Identifiers a Persian sentence may name in Latin letters: keys, settings, Slack's codes, UTC. */
const ALLOWED_LATIN = new Set([
  "tickets",
  ...FILTER_FIELDS.flatMap((f) => TICKET_FILTERS[f].spellings),
  ...COMMAND_KEYS,
  "per_page",
  "UTC",
  "TICKET_API_TOKEN",
  "TICKET_API_URL",
  "SLACK_HOOKS_URL",
  "ALLOWED_USER_IDS",
  "not_in_channel",
  "HTTP",
  // A customer's username in an example: a name, as customers write them.
  "ali",
  "rezaei",
  // `<@U0123>`: a mention, as Slack writes it; `<#C0123>` a channel.
  "U0123",
  // `/tickets language en`, and English named as it calls itself, for whoever cannot read Persian.
  "language",
  "en",
  "fa",
  "English",
  "C0123",
  // A channel's digests: the commands, settings and scopes its sentences name, as typed.
  "npm",
  "run",
  "digest",
  "digests",
  "subscribe",
  "help",
  "invite",
  "Tickets",
  "chat",
  "write",
  "public",
  // Saved views: the words of their commands, as typed.
  "save",
  "views",
  "team",
  "DIGEST_",
  "restricted_action",
  "at",
  "days",
  "cron",
  "tz",
  "top",
  "overdue",
  "empty",
  "yes",
  "lang",
  "fa",
  "en",
  "sat",
  "wed",
  "mon",
  "fri",
  "weekdays",
  "daily",
  "HH",
  "MM",
  "Area",
  "City",
  "Asia",
  "Tehran",
  "Europe",
  "Berlin",
  "IANA",
]);

/** Not words: a locale tag and a zone name. */
const IDENTIFIERS = new Set(["locale", "time.defaultTimeZone"]);

/** Fragments other strings embed; they stand in a line that carries the marks, not their own. */
const FRAGMENTS = new Set([
  // A failure's cause and one run of the history: inside a notice's or a list's line.
  "digestHealth.cause",
  "digestHealth.history.recentRun",
  "digestHealth.history.open",
  "digestHealth.notice.unscheduledName",
  "locale",
  "number",
  "size",
  "digits",
  "time.ago",
  "time.future",
  "time.unknownDate",
  "time.span",
  "time.dateTime",
  "time.defaultTimeZone",
  "ticketNumber",
  "filter.separator",
  "filter.stateId",
  "details.importance",
  "details.customer",
  "details.category",
  "details.created",
  "details.updated",
  "details.interactions",
  "details.longestInteraction",
  "details.seenByStaff",
  "details.seenByCustomer",
  "details.jira",
  "details.rating",
  "details.forwarded",
  "details.description",
  "details.managerComment",
  "details.closeDescription",
  "details.rateComment",
  "language.names.en",
  "language.names.fa",
  "language.named",
  // How a digest's schedule and name read: always inside a sentence that carries the marks.
  "subscriptions.schedule.weekdays.0",
  "subscriptions.schedule.weekdays.1",
  "subscriptions.schedule.weekdays.2",
  "subscriptions.schedule.weekdays.3",
  "subscriptions.schedule.weekdays.4",
  "subscriptions.schedule.weekdays.5",
  "subscriptions.schedule.weekdays.6",
  "subscriptions.schedule.everyDay",
  "subscriptions.schedule.dayRange",
  "subscriptions.schedule.list",
  "subscriptions.schedule.time",
  "subscriptions.schedule.weekly",
  "subscriptions.schedule.cron",
  "subscriptions.schedule.inZone",
  "subscriptions.schedule.onDemand",
  "subscriptions.name",
  "subscriptions.languageNames.en",
  "subscriptions.languageNames.fa",
  "subscriptions.list.outcomes.posted",
  "subscriptions.list.outcomes.empty",
  "subscriptions.list.outcomes.failed",
  "subscriptions.list.outcomes.skipped",
  "subscriptions.list.outcomes.running",
  // A saved view's list in words, and a digest's health in parts: inside a marked sentence.
  "views.perPage",
  "views.page",
  "home.digests.failing",
  "home.digests.posted",
  "home.digests.empty",
  "home.digests.skipped",
  "home.digests.never",
  "home.digests.next",
  "home.digests.paused",
  // A cron's own problem, as the schedule check words it, under the field.
  "subscriptions.modal.problems.badCron",
]);

const ISOLATE = /[\u2066\u2067\u2068]([^\u2066-\u2069]*)\u2069/g;
const RLM = "\u200F";

describe("the catalogs", () => {
  it("are the ones BOT_LANGUAGE accepts", () => {
    expect(LANGUAGES).toEqual(["en", "fa"]);
  });

  it.each(LANGUAGES)("%s has every key of en, each of the same kind", (language) => {
    expect(leaves(CATALOGS[language])).toEqual(leaves(en));
  });

  it("have sample arguments for every function, so every string below is checked", () => {
    const functions = leaves(en)
      .filter((l) => l.kind === "function")
      .map((l) => l.path);
    expect(functions.sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it("write no isolates in English, only marks where right-to-left names meet", () => {
    for (const [path, text] of written(en)) expect(text, path).not.toMatch(/[\u2066-\u2069]/);
    expect(en.list.categoryPath("Hosting", "Email")).toBe("Hosting › Email");
    expect(en.list.categoryPath("مالی", "فاکتور")).toBe("مالی\u200E › \u200Eفاکتور");
  });
});

describe("the Persian catalog", () => {
  const strings = written(fa);

  it("writes Persian letters, never their Arabic look-alikes (ي ك ى)", () => {
    for (const [path, text] of strings) expect(text, path).not.toMatch(/[\u064A\u0643\u0649]/);
  });

  it("writes no Latin words outside isolates, and in them only names and identifiers", () => {
    for (const [path, text] of strings) {
      if (IDENTIFIERS.has(path)) continue;
      // An example is a command line as typed: keys are Latin, and there are no isolates.
      const isExample = /^(subscriptions\.)?help\.examples/.test(path);
      const outside = isExample ? "" : text.replace(ISOLATE, "");
      expect(outside, path).not.toMatch(/[A-Za-z]/);
      // Strong left-to-right symbols (🆕 is a squared Latin NEW) would split a Persian line.
      expect(outside, path).not.toMatch(/[\u{1F100}-\u{1F1FF}]/u);
      const latin = text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [];
      for (const word of latin) expect(ALLOWED_LATIN, `${path}: ${word}`).toContain(word);
    }
  });

  it("closes every isolate it opens, and nests none", () => {
    for (const [path, text] of strings) {
      expect(text.replace(ISOLATE, ""), path).not.toMatch(/[\u2066-\u2069]/);
    }
  });

  it("marks each line it writes right-to-left at both ends", () => {
    for (const [path, text] of strings) {
      if (FRAGMENTS.has(path) || /^(subscriptions\.)?help\.examples/.test(path)) continue;
      // A field's value keeps its own direction: ticket text, or ours marked already.
      const lines = path === "details.field" ? text.split("\n").slice(0, 1) : text.split("\n");
      for (const line of lines.filter((l) => l !== "")) {
        expect(line.startsWith(RLM) && line.endsWith(RLM), `${path}: ${JSON.stringify(line)}`).toBe(
          true,
        );
      }
    }
  });

  it("writes numbers in Persian digits", () => {
    for (const [path, text] of strings) {
      // UTC offsets, identifiers and code to type as shown (a cron, a time) aside, a Latin
      // digit is a number not localised.
      const outside = text
        .replace(/`[\u2066-\u2068][^`]*\u2069`/g, "")
        .replace(ISOLATE, (whole, inner: string) => (/[A-Za-z]/.test(inner) ? "" : whole));
      expect(outside, path).not.toMatch(/[0-9]/);
    }
  });
});

describe("the help each catalog gives", () => {
  it.each(LANGUAGES)("%s: every example is a command the bot reads", (language) => {
    for (const example of CATALOGS[language].help.examples) {
      const text = example.replace(/^\/tickets\s*/, "");
      expect(parseTicketsCommand(text).ok, example).toBe(true);
    }
  });

  const namedStates = (line: string): [string, number][] => {
    const digits = (s: string) =>
      Number(s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)));
    const found: [string, number][] = [];
    // `name` (2), or `name` / `other` (2), or `name` یا `other` (۲)
    for (const group of line.matchAll(/((?:`[^`]+`(?:\s*(?:\/|یا|or)\s*)?)+)\s*\(([0-9۰-۹])\)/g)) {
      for (const name of (group[1] ?? "").matchAll(/`([^`]+)`/g)) {
        found.push([(name[1] ?? "").replace(/[\u2066-\u2069]/g, ""), digits(group[2] ?? "")]);
      }
    }
    return found;
  };

  const stateOf = (name: string): number | undefined => {
    const parsed = parseTicketsCommand(`state:${name}`);
    return parsed.ok && parsed.command.kind === "list"
      ? parsed.command.query.filter.stateId
      : undefined;
  };

  it.each(LANGUAGES)(
    "%s: every state name help offers is read as the state it names",
    (language) => {
      const named = namedStates(CATALOGS[language].help.filters.stateId);
      expect(new Set(named.map(([, id]) => id))).toEqual(new Set([1, 2, 3, 4, 5]));
      for (const [name, id] of named) expect(stateOf(name), name).toBe(id);
    },
  );

  it.each(LANGUAGES)("%s: an unknown state's error offers a name for every state", (language) => {
    const line = CATALOGS[language].commandErrors.unknownState("state:x");
    const offered = [...line.matchAll(/`([^`]+)`/g)]
      .map((m) => (m[1] ?? "").replace(/[\u2066-\u2069]/g, ""))
      .filter((name) => name !== "state:x");
    expect(new Set(offered.map(stateOf))).toEqual(new Set([1, 2, 3, 4, 5]));
  });
});
