import { englishNumber as num } from "./numbers";

/**
 * The words of a channel's digests (`/tickets subscribe`, `/tickets digests`, the modal, the
 * announcements), in English. Placeholders receive text already escaped for mrkdwn; `who` is a
 * `<@U…>` mention or `undefined`; `when` and `next` are the renderer's (date tokens or text).
 */

const plural = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;
const person = (who: string | undefined) => who ?? "Someone";

export const enSubscriptions = {
  schedule: {
    /** Sunday first, as cron numbers them. */
    weekdays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as readonly string[],
    everyDay: "every day",
    dayRange: (from: string, to: string) => `${from}–${to}`,
    list: (parts: readonly string[]) => parts.join(", "),
    /** A time of day as written in this language: `08:30`. */
    time: (hhmm: string) => hhmm,
    /** `times` and `days` come from the entries above. */
    weekly: (times: string, days: string) => `${times}, ${days}`,
    /** `expr` is escaped for a code span. */
    cron: (expr: string) => `\`${expr}\` (cron)`,
    inZone: (when: string, zone: string) => `${when} (${zone})`,
    /** An operator digest whose DIGEST_SCHEDULE is off. */
    onDemand: "only when `npm run digest` posts it",
  },
  /** How a digest is named in a sentence: `the 08:30 digest`. */
  name: (when: string) => `the ${when} digest`,
  languageNames: { en: "English", fa: "Persian" } as Readonly<Record<string, string>>,
  announce: {
    created: (who: string | undefined, what: string, when: string) =>
      `📬 ${person(who)} subscribed this channel to a digest of *${what}*, ${when}. \`/tickets digests\` shows this channel's digests.`,
    changed: (who: string | undefined, name: string, what: string, when: string) =>
      `✏️ ${person(who)} changed ${name}: now *${what}*, ${when}.`,
    paused: (who: string | undefined, name: string) => `⏸️ ${person(who)} paused ${name}.`,
    resumed: (who: string | undefined, name: string) => `▶️ ${person(who)} resumed ${name}.`,
    deleted: (who: string | undefined, name: string) => `🗑️ ${person(who)} deleted ${name}.`,
  },
  answers: {
    /** `next` is when it is first posted, absent when its schedule never comes round. */
    subscribed: (name: string, next: string | undefined) =>
      `✅ Subscribed: ${name} will be posted in this channel${next ? `, first ${next}` : ""}. \`/tickets digests\` lists and manages this channel's digests.`,
    saved: (name: string) => `✅ Saved: ${name}.`,
    /** The digest was saved, but its announcement did not go out. `code` is Slack's, escaped. */
    notAnnounced: (code: string) =>
      `The bot could not announce this in the channel (Slack said \`${code}\`).`,
    nothingSaved: "Nothing was saved.",
    notInChannel:
      "🚫 The bot can't post in this channel: it is not a member. Invite it with `/invite @Tickets`, or an operator can add the `chat:write.public` scope to the app (public channels only) and reinstall it.",
    privateChannel:
      "🚫 The bot can't see this conversation, so it can't post digests here: invite it with `/invite @Tickets` (in a private channel or a group DM it must be a member).",
    archived: "🚫 This channel is archived: nothing can be posted in it.",
    /** `code` is Slack's error code, escaped. */
    refused: (code: string) =>
      `🚫 Slack doesn't let the bot post in this channel (\`${code}\`). An admin may have limited who can post here.`,
    channelLimit: (count: number, max: number) =>
      `🚫 This channel already has ${plural(count, "digest", "digests")}, the most one channel can have is ${num(max)}: delete one with \`/tickets digests\` first.`,
    workspaceLimit: (count: number, max: number) =>
      `🚫 This workspace already has ${plural(count, "digest", "digests")}, the most it can have is ${num(max)}: some must be deleted first.`,
    gone: "That digest no longer exists: someone deleted it meanwhile.",
    operatorOnly:
      "🔒 This digest is set by the operator (the `DIGEST_*` settings) and can't be changed from Slack.",
    otherChannel: "That digest belongs to another channel: manage it from there.",
    /** A Run now that did not post; `cause` is the run's own words for an operator. */
    runFailed: (cause: string) => `⚠️ The digest could not be posted: ${cause}`,
    runTaken: "That digest was posted a moment ago (or is being posted right now).",
    runEmpty: "Nothing matches this digest right now, so nothing was posted.",
    modalFailed:
      "The bot couldn't open the form (Slack took too long). Run `/tickets subscribe` again, or subscribe in one line: `/tickets subscribe help` shows how.",
    storeFailed:
      "The bot couldn't reach its database, so nothing was changed. Please try again in a minute; if it keeps failing, tell whoever runs the bot.",
  },
  errors: {
    title: "I couldn't set up that digest",
    unknownKey: (token: string, key: string) => `\`${token}\`: there is no setting \`${key}\`.`,
    repeatedKey: (token: string, key: string) => `\`${token}\`: \`${key}:\` is given twice.`,
    missingValue: (token: string, key: string) => `\`${token}\`: \`${key}:\` needs a value.`,
    notForDigests: (token: string) =>
      `\`${token}\`: a digest is about a queue of tickets, not one ticket or a page.`,
    bareWord: (token: string) => `\`${token}\`: settings are written \`key:value\`.`,
    badTimes: (token: string) =>
      `\`${token}\`: times are written \`HH:MM\`, 24-hour, several with commas: \`at:08:30,16:30\`.`,
    badDays: (token: string) =>
      `\`${token}\`: days are written \`mon-fri\`, \`sat-wed\`, \`mon,wed,fri\`, \`weekdays\` or \`daily\`.`,
    minutesDiffer: (token: string) =>
      `\`${token}\`: the times of one digest share their minutes (\`08:30,16:30\`); for anything else use \`cron:\`.`,
    tooManyTimes: (token: string, max: number) =>
      `\`${token}\`: at most ${num(max)} times a day; for more use \`cron:\`.`,
    /** `problem` is the schedule check's own sentence, escaped. */
    badCron: (token: string, problem: string) => `\`${token}\`: ${problem}.`,
    cronAndTimes: "`cron:` replaces `at:` and `days:`: give one or the other.",
    unknownZone: (token: string) =>
      `\`${token}\`: not a time zone. Use an IANA name such as \`Asia/Tehran\` or \`Europe/Berlin\`.`,
    outOfRange: (token: string, key: string, min: number, max: number) =>
      `\`${token}\`: \`${key}:\` must be from ${num(min)} to ${num(max)}.`,
    notANumber: (token: string, key: string) => `\`${token}\`: \`${key}:\` takes a whole number.`,
    badChoice: (token: string, key: string, choices: readonly string[]) =>
      `\`${token}\`: \`${key}:\` is one of ${choices.map((c) => `\`${c}\``).join(", ")}.`,
    unclosedQuote: (token: string) => `\`${token}\`: a quote is opened and never closed.`,
    tooLong: (max: number) =>
      `The command is longer than ${num(max)} characters, so it wasn't read.`,
    footer:
      "Nothing was saved. `/tickets subscribe help` shows every setting; `/tickets subscribe` alone opens a form.",
    fallback: "I couldn't set up that digest",
  },
  help: {
    title: "Digests for this channel",
    intro:
      "`/tickets subscribe` alone opens a form. Or set it up in one line: filters as in `/tickets`, and these:",
    keys: [
      "`at:` times of day, `08:30` or `08:30,16:30` (default 09:00)",
      "`days:` `mon-fri`, `sat-wed`, `mon,wed,fri`, `weekdays`, `daily` (default every day)",
      '`cron:` a 5-field cron instead of `at:` and `days:`, such as `cron:"0 9 * * 1-5"`',
      "`tz:` the time zone, such as `Asia/Tehran`",
      "`top:` how many of the longest waiting to list, 1–20",
      "`overdue:` hours after which a ticket counts as overdue",
      "`empty:yes` posts a short note when nothing waits",
      "`lang:en` or `lang:fa`: the language of the digest (everyone in the channel reads it)",
    ] as readonly string[],
    examples: [
      "/tickets subscribe category:10 at:08:30 days:mon-fri tz:Asia/Tehran top:5",
      '/tickets subscribe cron:"0 9,15 * * 1-5" lang:fa',
    ] as readonly string[],
    footer:
      "`/tickets digests` lists this channel's digests, with Edit, Pause, Run now and Delete.",
    fallback: "How to subscribe a channel to a digest",
  },
  list: {
    title: "📬 Digests in this channel",
    empty: "This channel has no digests yet. `/tickets subscribe` sets one up.",
    /** The first line: what it is about, and when it is posted. */
    heading: (what: string, when: string) => `*${what}*\n${when}`,
    next: (when: string) => `Next: ${when}`,
    paused: "⏸️ Paused",
    noNext: "Next: never (its schedule does not come round)",
    never: "Not posted yet",
    last: (when: string, outcome: string) => `Last: ${when}, ${outcome}`,
    outcomes: {
      posted: (waiting: number) => `posted ✅ (${num(waiting)} waiting)`,
      empty: "nothing waited, nothing posted",
      failed: (cause: string) => `failed ⚠️ ${cause}`,
      skipped: (cause: string) => `not posted (${cause})`,
      running: "being posted…",
    },
    settings: (top: number, overdue: string, language: string, postWhenEmpty: boolean) =>
      `Lists the ${num(top)} longest waiting · overdue after ${overdue} · ${language}${postWhenEmpty ? " · posts when nothing waits" : ""}`,
    createdBy: (who: string | undefined, when: string) => `Set up by ${person(who)}, ${when}`,
    byOperator: "Set by the operator (the `DIGEST_*` settings): not editable from Slack",
    /** More digests than a message can show. */
    more: (n: number) => `…and ${plural(n, "more digest", "more digests")}.`,
    edit: "✏️ Edit",
    pause: "⏸️ Pause",
    resume: "▶️ Resume",
    runNow: "📤 Run now",
    delete: "🗑️ Delete",
    confirmDelete: {
      title: "Delete this digest?",
      text: (name: string) => `${name} will no longer be posted in this channel.`,
      confirm: "Delete",
      deny: "Keep it",
    },
    fallback: "Digests in this channel",
  },
  modal: {
    /** Plain text, at most 24 characters. */
    title: "Channel digest",
    editTitle: "Edit digest",
    submit: "Subscribe",
    save: "Save",
    cancel: "Cancel",
    /** `channel` is a `<#C…>` link. */
    intro: (channel: string) => `A digest of tickets, posted in ${channel} on a schedule.`,
    time: "Time",
    time2: "Second time (optional)",
    time3: "Third time (optional)",
    timesHint: "The times of one digest share their minutes (08:30 and 16:30).",
    days: "Days",
    cron: "Cron instead (optional)",
    cronHint: "For power users: replaces the times and days. Minute hour day month weekday.",
    zone: "Time zone",
    zonesInUse: "Used by digests here",
    commonZones: "Common time zones",
    zoneHint: "For another zone, use `/tickets subscribe tz:Area/City`.",
    state: "Tickets in state",
    category: "Category id (optional)",
    subcategory: "Sub-category id (optional)",
    customer: "Customer's username (optional)",
    top: "How many of the longest waiting to list",
    overdue: "Overdue after (hours)",
    empty: "When nothing waits",
    emptyOption: "Post a short “nothing waiting” note",
    language: "Language of the digest",
    languageHint: "Everyone in the channel reads it.",
    problems: {
      noTime: "Pick a time.",
      badTime: "Not a time of day: use HH:MM.",
      minutesDiffer: (first: string) =>
        `The times of one digest share their minutes, as ${first} does. For other times, use a cron.`,
      noDays: "Pick at least one day.",
      badCron: (problem: string) => problem,
      unknownZone: "Not a time zone this server knows.",
      badState: "Pick a state.",
      notAnId: (max: number) => `A whole number from 1 to ${num(max)}.`,
      tooLong: (max: number) => `At most ${num(max)} characters.`,
      outOfRange: (min: number, max: number) => `A whole number from ${num(min)} to ${num(max)}.`,
      badLanguage: "Pick a language.",
    },
  },
};
