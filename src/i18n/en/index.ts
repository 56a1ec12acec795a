import { hasRightToLeft, LRM } from "../bidi";
import { formatDateTimeIn, spanParts } from "../format-time";
import { enDigestHealth } from "./digest-health";
import { enHome } from "./home";
import { englishNumber as num } from "./numbers";
import { enSubscriptions } from "./subscriptions";
import { enViews } from "./views";

/**
 * Every word a user reads, in English. Placeholders receive text that is already escaped
 * for mrkdwn; the catalog itself adds only trusted markup. The Persian catalog (../fa)
 * implements the same `Catalog` type.
 */

const megabytes = (bytes: number) =>
  `${(bytes / 1_000_000).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;
const plural = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;

const compactSpan = (ms: number): string => {
  const s = spanParts(ms);
  if (s.totalMinutes < 1) return "under a minute";
  if (s.totalHours < 1) return `${s.totalMinutes} min`;
  if (s.totalDays < 1)
    return s.minutes && s.totalHours < 10 ? `${s.hours} h ${s.minutes} min` : `${s.hours} h`;
  if (s.totalDays < 60)
    return s.hours && s.totalDays < 10 ? `${s.days} d ${s.hours} h` : `${s.days} d`;
  if (s.totalDays < 730) return `${Math.floor(s.totalDays / 30)} mo`;
  return `${Math.floor(s.totalDays / 365)} y`;
};

export const en = {
  locale: "en",
  number: num,
  /** A size in bytes, for people: "1.2 MB". */
  size: megabytes,
  /** Digits of an identifier or raw value as written out (`#100374`, a Jira number): as is. */
  digits: (text: string) => text,
  time: {
    /** "3 h ago": how long ago, for a row. */
    ago: (ms: number) => (ms < 60_000 ? "just now" : `${compactSpan(ms)} ago`),
    /** Instead of `ago` for a date ahead of now (the panel's clock or data is wrong). */
    future: "in the future",
    /** Instead of `ago` and the date for a placeholder such as year 1. */
    unknownDate: "at an unknown date",
    /** "2 d 4 h": a length of time. */
    span: compactSpan,
    /** Shown where a Slack date token cannot render (fallback text, old clients). */
    dateTime: formatDateTimeIn,
    /** Slack renders its date tokens in the Gregorian calendar only; a Jalali catalog says false. */
    slackDateTokens: true as boolean,
    /** The zone times are written in when `DIGEST_TIMEZONE` is not set. */
    defaultTimeZone: "UTC",
  },
  states: {
    1: "Waiting for response",
    2: "Waiting for support",
    3: "Answered",
    4: "Closed",
    5: "Forwarded",
  } as Readonly<Record<number, string>>,
  unknownState: (id: number) => `State ${id}`,
  /** A ticket's number as written everywhere; renderers may wrap it in a link to the panel. */
  ticketNumber: (id: number) => `#${id}`,
  filter: {
    all: "All tickets",
    separator: " · ",
    /**
     * One per ticket filter (src/tickets/ticket-filters.ts), given its value as shown: a state's
     * name, a username already escaped, an id as typed.
     */
    stateId: (state: string) => state,
    username: (name: string) => `user ${name}`,
    ticketId: (id: string) => `ticket #${id}`,
    categoryId: (id: string) => `category ${id}`,
    subCategoryId: (id: string) => `sub-category ${id}`,
  },
  list: {
    summary: (total: number, page: number, lastPage: number) =>
      `${plural(total, "ticket", "tickets")} · page ${num(page)} of ${num(Math.max(lastPage, 1))}`,
    asOf: (when: string) => `As of ${when}`,
    showing: (from: number, to: number, total: number) =>
      `Showing ${num(from)}–${num(to)} of ${num(total)}`,
    previous: "◀ Previous",
    next: "Next ▶",
    /** The same page fetched again: the clicker sees it, privately. */
    refresh: "🔄 Refresh",
    /** Posts this page visibly in the channel. */
    share: "📣 Share",
    /** A row's button opening the ticket's details. */
    details: "Details",
    firstPage: "⏮ First page",
    lastPage: (page: number) => `Last page (${num(page)}) ⏭`,
    unseen: "New",
    unseenHint: "not yet seen by staff",
    /** Once per list that has an unseen ticket; rows then show only the badge. */
    unseenLegend: "🆕 *New*: not yet seen by staff",
    /**
     * The first line of a row. `ref` is `ticketNumber`, perhaps made a link by the renderer;
     * `subject` is escaped and can't carry markup.
     */
    rowTitle: (ref: string, subject: string, unseen: boolean) =>
      `*${ref}*${unseen ? " · 🆕 *New*" : ""} · ${subject}`,
    importance: (level: string) => `importance: ${level}`,
    /**
     * Category › sub-category. Two right-to-left names with only `›` between them would be laid
     * out as one right-to-left run, sub-category first: a mark on each side of the arrow keeps
     * them in reading order (and only then, so Latin names stay exactly as typed).
     */
    categoryPath: (category: string, subCategory: string) =>
      hasRightToLeft(category) || hasRightToLeft(subCategory)
        ? `${category}${LRM} › ${LRM}${subCategory}`
        : `${category} › ${subCategory}`,
    rowsOmitted: (n: number) =>
      `${plural(n, "more ticket on this page is", "more tickets on this page are")} not shown: Slack can't fit them. Use a smaller \`per_page:\`.`,
    unreadable: (n: number) =>
      n === 1
        ? "⚠️ 1 ticket on this page could not be read and is not shown: the panel sent it in a form the bot does not understand. The details are in the bot's log."
        : `⚠️ ${num(n)} tickets on this page could not be read and are not shown: the panel sent them in a form the bot does not understand. The details are in the bot's log.`,
    interactions: (n: number) => plural(n, "interaction", "interactions"),
    noSubject: "(no subject)",
    noCustomer: "unknown customer",
    noCategory: "no category",
    /** `when` is absent for a date that is not a moment (`time.unknownDate`). */
    updated: (ago: string, when: string | undefined) =>
      when === undefined ? `updated ${ago}` : `updated ${ago} (${when})`,
    perPageLowered: (requested: number, used: number) =>
      `You asked for ${num(requested)} per page; Slack shows at most ${num(used)}, so this list has ${num(used)} per page.`,
    empty: (what: string) => `No tickets match *${what}*.`,
    emptyHint: "Try fewer filters, another state, or `/tickets` alone for every ticket.",
    emptyNoFilter: "There are no tickets at all.",
    pageOutOfRange: (page: number, lastPage: number) =>
      lastPage < 1
        ? `There is no page ${num(page)}: nothing matches these filters any more.`
        : `There is no page ${num(page)}: these filters give ${plural(lastPage, "page", "pages")}.`,
    fallback: (what: string, total: number, page: number, lastPage: number) =>
      `${what}: ${plural(total, "ticket", "tickets")}, page ${num(page)} of ${num(Math.max(lastPage, 1))}`,
    rowFallback: (id: number, subject: string) => `#${id} ${subject}`,
  },
  help: {
    title: "Ticket lists from Slack",
    intro: "`/tickets` lists tickets privately. Add filters as `key:value`, in any order:",
    /** One line per ticket filter, listed in the filter table's order, then `paging`. */
    filters: {
      stateId:
        "`state:` 1–5 or a name: `waiting-for-response` (1), `waiting-for-support` / `open` (2), `answered` (3), `closed` (4), `forwarded` (5)",
      username: "`user:` a customer's username",
      ticketId: "`id:` a ticket number; `#100001` or `100001` alone works too",
      categoryId: "`category:` a category id",
      subCategoryId: "`subcategory:` a sub-category id",
    },
    paging: "`page:` a page number; `per_page:` 1–20 rows (default 10)",
    /** Under the keys: how a person picks the language the bot answers them in. */
    language:
      "The language the bot answers you in: `/tickets language en` for English, `/tickets language fa` for Persian (فارسی).",
    examplesTitle: "Examples",
    examples: [
      "/tickets state:open",
      "/tickets state:2 user:bob",
      "/tickets category:10 sub:20 per_page:20",
      "/tickets #100001",
      "/tickets state:closed page:2",
    ],
    /** Where a channel's own digests are set up and managed. */
    digests:
      "📬 A channel's own digests: `/tickets subscribe` sets one up, `/tickets digests` lists and manages them.",
    /** Saved views, and where else they are. */
    savedViews:
      "📌 Saved views: `/tickets save billing state:2 category:10` names a list, `/tickets billing` shows it, `/tickets views` lists yours and the team's (add `team` when saving to share one). The bot's Home tab has them too.",
    /** `aliases` are the other spellings of the filters' keys, without the colon. */
    footer: (aliases: readonly string[]) =>
      `Only you see the lists; keys also accept ${aliases.map((a) => `\`${a}:\``).join(", ")}.`,
    fallback: "How to use /tickets",
  },
  commandErrors: {
    title: "I couldn't read that command",
    unknownKey: (token: string, key: string) =>
      `\`${token}\`: there is no filter called \`${key}\`.`,
    didYouMean: (suggestion: string) => `Did you mean \`${suggestion}\`?`,
    repeatedKey: (token: string, key: string) =>
      `\`${token}\`: \`${key}\` is given more than once.`,
    missingValue: (token: string, key: string) =>
      `\`${token}\`: \`${key}\` needs a value, like \`${key}:…\`.`,
    notAnInteger: (token: string, key: string) => `\`${token}\`: \`${key}\` takes a whole number.`,
    outOfRange: (token: string, key: string, min: number, max: number) =>
      `\`${token}\`: \`${key}\` must be from ${num(min)} to ${num(max)}.`,
    unknownState: (token: string) =>
      `\`${token}\`: unknown state. Use 1–5 or a name: \`waiting-for-response\`, \`waiting-for-support\`, \`answered\`, \`closed\`, \`forwarded\`.`,
    tooLong: (token: string, key: string, max: number) =>
      `\`${token}…\`: \`${key}\` can be at most ${num(max)} characters.`,
    bareWord: (token: string) => `\`${token}\`: filters are written \`key:value\`.`,
    commandTooLong: (start: string, max: number) =>
      `\`${start}…\`: the command is longer than ${num(max)} characters, so it wasn't read.`,
    moreErrors: (n: number) => `…and ${plural(n, "more problem", "more problems")}.`,
    /** `keys` are every key's canonical name, without the colon. */
    allowedKeys: (keys: readonly string[]) =>
      `Filters: ${keys.map((k) => `\`${k}:\``).join(" ")}. Type \`/tickets help\` for examples.`,
    fallback: "I couldn't read that /tickets command",
  },
  apiErrors: {
    tokenRejected: (providerMessage: string | undefined) =>
      `The ticket panel rejected the bot's API token, so no tickets could be fetched. An operator must check \`TICKET_API_TOKEN\`.${providerMessage ? ` The panel said: “${providerMessage}”` : ""}`,
    rateLimited: (when: string) =>
      `The ticket panel is limiting requests. Please try again after ${when}.`,
    server: (status: number) =>
      `The ticket panel had an internal error (HTTP ${status}). Please try again in a minute.`,
    rejected: (providerMessage: string | undefined) =>
      `The ticket panel refused the request${providerMessage ? `: “${providerMessage}”` : "."}`,
    notJson:
      "The ticket panel answered with something that is not ticket data (perhaps a maintenance page). Please try again later.",
    shape:
      "The ticket panel answered in a form the bot does not understand. The details are in the bot's log.",
    timeout: (seconds: number) =>
      `The ticket panel did not answer within ${num(seconds)} s. Please try again in a moment.`,
    unreachable: "The bot could not reach the ticket panel. Please try again in a moment.",
    /** `limit` is a size already worded (`sizeInMegabytes`). */
    tooLarge: (limit: string) =>
      `The ticket panel answered with far more data than a page of tickets can hold (over ${limit}), so the bot did not read it. The details are in the bot's log.`,
    /** `location` is the panel's, escaped for a code span; absent when the panel named none. */
    redirected: (location: string | undefined) =>
      `The ticket panel's address redirects the bot${location ? ` to \`${location}\`` : ""} instead of answering, so no tickets could be fetched. An operator must check \`TICKET_API_URL\`.`,
    unexpected: "Something went wrong on the bot's side. The details are in its log.",
    fallback: "Tickets could not be fetched",
  },
  buttons: {
    expired:
      "This button no longer works (the bot was updated since the list was made). Run `/tickets` again.",
    /** A click on a button the bot no longer has (renamed or removed in a newer version). */
    outdated:
      "This message is out of date: its buttons belong to an older version of the bot. Run `/tickets` again for a fresh one.",
  },
  requests: {
    /** Said in the ack itself, before Slack's 3 seconds run out, instead of missing them. */
    busy: "The bot is very busy right now and couldn't take this request. Please try again in a minute.",
    /** A signed request whose fields are not what Slack sends (a field twice, a wrong type). */
    unreadable:
      "The bot couldn't read this request from Slack, so it did nothing. Please try again; if it keeps happening, tell whoever runs the bot (the details are in its log).",
    /** The request's answer would go to a host other than Slack's hooks host. */
    foreignHooks: (setting: string) =>
      `The bot won't answer this request: its reply address is not on Slack's hooks host. If this workspace runs on its own Slack hosts, an operator can set \`${setting}\`.`,
    /** `command` is escaped for a code span. */
    unknownCommand: (command: string) =>
      `This bot has no \`${command}\` command. Type \`/tickets help\` to see what it does.`,
  },
  details: {
    /** A modal's title: plain text, at most 24 characters with the longest number. */
    modalTitle: (id: number) => `Ticket #${id}`,
    errorTitle: "Ticket details",
    close: "Close",
    loading: (id: number) => `⏳ Fetching ticket #${id} from the panel…`,
    /** Under the subject: `ref` may be a link, `state` is a catalog name. */
    title: (marker: string, ref: string, state: string, unseen: boolean) =>
      `${marker} *${ref}* · ${state}${unseen ? " · 🆕 *New*" : ""}`,
    /** A field: the label bold, the value (escaped, or ours) on the next line. */
    field: (label: string, value: string) => `*${label}*\n${value}`,
    importance: "Importance",
    customer: "Customer",
    category: "Category",
    created: "Created",
    updated: "Updated",
    /** `when` is a Slack date token; absent for a date that is not a moment. */
    at: (ago: string, when: string | undefined) => (when === undefined ? ago : `${ago}\n${when}`),
    interactions: "Interactions",
    /** The panel gives a number without a unit, so none is claimed here. */
    longestInteraction: "Longest interaction",
    seenByStaff: "Seen by staff",
    seenByCustomer: "Seen by customer",
    seen: (yes: boolean): string => (yes ? "Yes" : "Not yet"),
    jira: "Jira",
    rating: "Rating",
    forwarded: "Forwarded",
    /** Each part is present only when the panel gave it; `when` is a Slack date token. */
    forward: (o: { from?: string; to?: string; when?: string; seen?: boolean }) =>
      [
        o.from !== undefined && o.to !== undefined
          ? `from ${o.from} to ${o.to}`
          : o.from !== undefined
            ? `from ${o.from}`
            : o.to !== undefined
              ? `to ${o.to}`
              : undefined,
        o.when,
        o.seen === undefined ? undefined : o.seen ? "seen" : "not seen yet",
      ]
        .filter((part) => part !== undefined)
        .join("\n"),
    /** Above a long text shown in full (or as much as fits). */
    heading: (label: string) => `*${label}*`,
    description: "Description",
    managerComment: "Manager's comment",
    closeDescription: "Closing note",
    rateComment: "Customer's rating comment",
    /** Under a text cut to fit Slack. */
    cut: (inPanel: boolean) =>
      `✂️ Shortened: too long to show here in full.${inPanel ? " The whole text is in the panel." : ""}`,
    openInPanel: "Open in panel",
    share: "📣 Share",
    notFound: (id: number) =>
      `No ticket #${id} was found. The panel answered normally; check the number, or run \`/tickets\` to see the list.`,
    fallback: (id: number, subject: string, state: string) => `#${id} ${subject} · ${state}`,
  },
  share: {
    /** `mention` is `<@U…>` when the sharer is known; `when` is a Slack date token. */
    sharedBy: (mention: string | undefined, when: string) =>
      mention === undefined ? `Shared · as of ${when}` : `Shared by ${mention} · as of ${when}`,
    refused: "Slack didn't let the bot share this here.",
    /** `code` is Slack's error code, escaped, for a code span. */
    reason: (code: string) => `Slack's reason: \`${code}\``,
    noReason: "Slack gave no reason.",
    advice: {
      notInChannel:
        "The bot can only post where it is a member: invite it to this channel (private channels and direct messages too), then share again.",
      expired:
        "This button's time to answer ran out. Run the command again and share the new result.",
      archived: "This channel is archived, so nothing can be posted in it.",
      restricted: "This channel doesn't allow the bot to post here.",
      tooLong: "Slack found the message too large to post here.",
      rateLimited: "Slack is limiting the bot's messages. Please try again in a minute.",
      setup: "The bot's Slack installation needs attention from an operator.",
      unknown: "Please try again; if it keeps failing, tell whoever runs the bot.",
    },
  },
  digest: {
    /** The header: plain text, so no markup. */
    title: (waiting: number) => `${plural(waiting, "ticket", "tickets")} waiting for support`,
    /** The header of a channel's digest about another state; `state` is its name. */
    titleInState: (waiting: number, state: string) =>
      `${plural(waiting, "ticket", "tickets")} · ${state}`,
    /** Under the header of a digest about part of the queue: `what` is its filters in words. */
    scope: (what: string) => `Only: ${what}`,
    longestWait: (span: string) => `⌛ Longest wait: *${span}*`,
    /** `threshold` is a span ("1 d"): overdue means waiting at least that long. */
    overdue: (n: number, threshold: string) =>
      `⏰ *${num(n)} overdue* (waiting ${threshold} or more)`,
    unseen: (n: number) => `🆕 *${num(n)} new* (not yet seen by staff)`,
    approximate: "⚠️ These figures are approximate: the queue changed while it was being read.",
    unreadable: (n: number) =>
      n === 1
        ? "⚠️ 1 waiting ticket could not be read (the panel sent it in a form the bot does not understand), so it is left out of the figures. The details are in the bot's log."
        : `⚠️ ${num(n)} waiting tickets could not be read (the panel sent them in a form the bot does not understand), so they are left out of the figures. The details are in the bot's log.`,
    byCategoryTitle: "*By category*",
    /** Count first: a right-to-left name last cannot swap places with its number. */
    categoryLine: (name: string, count: number) => `• *${num(count)}* · ${name}`,
    otherCategories: (categories: number) =>
      `other (${plural(categories, "category", "categories")})`,
    unnamedCategory: (id: number) => `category ${id} (no name)`,
    topTitle: (n: number) => (n === 1 ? "*Longest waiting*" : `*${num(n)} longest waiting*`),
    /** The first line of a row; as `list.rowTitle`, `ref` may be a link. */
    rowTitle: (ref: string, subject: string, marks: { overdue: boolean; unseen: boolean }) =>
      `*${ref}*${marks.overdue ? " · ⏰ *Overdue*" : ""}${marks.unseen ? " · 🆕 *New*" : ""} · ${subject}`,
    waited: (span: string, since: string) => `waiting ${span} (since ${since})`,
    /** For a ticket whose last activity is dated ahead of now: how long it waits is unknown. */
    waitedFuture: (since: string) => `updated in the future (${since}): wait unknown`,
    more: (n: number) => `+${num(n)} more waiting`,
    viewAll: "View all",
    fallback: (o: {
      waiting: number;
      approximate: boolean;
      longest: string | undefined;
      overdue: number;
      asOf: string;
    }) =>
      [
        `${o.approximate ? "About " : ""}${plural(o.waiting, "ticket", "tickets")} waiting for support`,
        ...(o.longest === undefined ? [] : [`longest ${o.longest}`]),
        `${num(o.overdue)} overdue`,
        `as of ${o.asOf}`,
      ].join(" · "),
    empty: "✅ *0 tickets* waiting for support: the queue is clear.",
    emptyFallback: (asOf: string) => `0 tickets waiting for support · as of ${asOf}`,
  },
  language: {
    /** Each language the bot speaks, named in this catalog's language. */
    names: { en: "English", fa: "Persian" },
    /** `own` is what the language calls itself, when that is not `name` (`Persian (فارسی)`). */
    named: (name: string, own: string | undefined) =>
      own === undefined ? name : `${name} (${own})`,
    /** `/tickets language` alone; `name` is `named`'s. */
    chosen: (name: string) =>
      `You chose *${name}*: what only you see (lists, details, help, errors) is in ${name}, and so is what you share.`,
    notChosen: (name: string) =>
      `You haven't chosen a language, so you get the workspace's: *${name}*.`,
    unavailable: (name: string) =>
      `Your choice couldn't be read just now, so for the moment you get the workspace's language, *${name}*. Please try again in a moment.`,
    /** Before one `choice` per language. */
    howToChoose: "To choose:",
    /** `command` is `/tickets language xx`, for a code span. */
    choice: (command: string, name: string) => `\`${command}\`: ${name}`,
    /** Said in the language just chosen. */
    saved: (name: string) =>
      `✅ From now on the bot answers you in *${name}*: what only you see, and what you share.`,
    notSaved: (name: string) =>
      `Your choice couldn't be saved, so nothing changed: you still get *${name}*. Please try again in a moment; if it keeps failing, tell whoever runs the bot (the details are in its log).`,
    /** `token` is the person's own text, escaped for a code span. */
    unknown: (token: string) => `\`${token}\` is not a language the bot speaks.`,
    fallback: "Your language for the tickets bot",
  },
  notice: {
    /** Title of a small modal that answers a click inside another modal. */
    title: "Tickets",
  },
  access: {
    userNotAllowed: "🔒 Access to tickets is limited, and your account is not on the list.",
    channelNotAllowed:
      "🔒 Tickets can't be shown in this conversation. Try a support channel, or your direct messages with the bot.",
    askOperator: (setting: string) =>
      `An operator can change this with the \`${setting}\` setting.`,
    wrongWorkspace: "🔒 This bot serves another Slack workspace, so it can't show tickets here.",
    fallback: "Access to tickets is limited",
  },
  /** A pasted ticket link's card (`chat.unfurl`); its other words are the list's. */
  unfurl: {
    /** `span` as `time.span` writes it; `since` a Slack date token. */
    waiting: (span: string, since: string) => `waiting ${span} (since ${since})`,
    /** `ago` as `time.ago` writes it; `when` a date token, absent for a date that is no moment. */
    answered: (ago: string, when: string | undefined) =>
      when === undefined ? `answered ${ago}` : `answered ${ago} (${when})`,
  },
  subscriptions: enSubscriptions,
  views: enViews,
  home: enHome,
  digestHealth: enDigestHealth,
};

export type Catalog = typeof en;
