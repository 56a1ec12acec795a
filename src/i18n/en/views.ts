import { englishNumber as num } from "./numbers";

/**
 * The words of saved views (`/tickets save`, `/tickets views`, `/tickets NAME`, their buttons),
 * in English. `name` is a view's name escaped for a code span; `what` is its filters in words,
 * escaped; `by` is a `<@U…>` mention or `undefined`.
 */

const code = (text: string) => `\`${text}\``;
const EXAMPLE = code("/tickets save billing state:2 category:10");

export const enViews = {
  /** Fragments of `what`: a view's page size and page, when not the usual. */
  perPage: (n: number) => `${num(n)} a page`,
  page: (n: number) => `page ${num(n)}`,
  errors: {
    nameMissing: `\`/tickets save\` needs a name before the filters, like ${EXAMPLE}.`,
    nameInvalid: (token: string, max: number) =>
      `${code(token)}: a view's name is 1–${num(max)} letters, digits, \`-\` or \`_\`, with at least one letter.`,
    nameNumber: (token: string) =>
      `${code(token)}: a name of digits alone would read as a ticket number; add a letter.`,
    /** `meaning` is what `/tickets` reads the word as, escaped for a code span. */
    nameReserved: (token: string, meaning: string) =>
      `${code(token)} already means ${code(meaning)} to \`/tickets\`, so it can't name a view; pick another name.`,
  },
  answers: {
    saved: (name: string, what: string) => `✅ Saved your view ${code(name)}: ${what}.`,
    replaced: (name: string, what: string) => `✅ Updated your view ${code(name)}: now ${what}.`,
    savedTeam: (name: string, what: string) =>
      `✅ Saved the team view ${code(name)}: ${what}. Everyone in the workspace sees it in \`/tickets views\` and on the bot's Home tab.`,
    replacedTeam: (name: string, what: string) =>
      `✅ Updated the team view ${code(name)}: now ${what}. Everyone in the workspace sees the change.`,
    /** `name` is the view's name, escaped for a code span. */
    howToOpen: (name: string) =>
      `${code(`/tickets ${name}`)} shows it; \`/tickets views\` lists your views.`,
    mineFull: (max: number) =>
      `🚫 You already keep ${num(max)} saved views, the most one person can. Delete one first: \`/tickets views\`.`,
    teamFull: (max: number) =>
      `🚫 The workspace already shares ${num(max)} team views, the most it can. One must be deleted first: \`/tickets views\`.`,
    teamTaken: (name: string, by: string | undefined) =>
      `🚫 There is already a team view ${code(name)}${by === undefined ? "" : `, made by ${by}`}: only its maker can change it. Pick another name.`,
    notSaved:
      "Your view couldn't be saved just now, so nothing changed. Please try again in a moment; if it keeps failing, tell whoever runs the bot.",
    unavailable: "Saved views couldn't be read just now. Please try again in a moment.",
    notFound: (name: string) =>
      `You have no saved view called ${code(name)}, and the workspace shares none by that name.`,
    notFoundHint: `Filters are written \`key:value\` (\`/tickets state:2\`). \`/tickets views\` lists your views; ${EXAMPLE} saves one.`,
    gone: "That view no longer exists: it was deleted.",
    unreadable: (name: string) =>
      `The view ${code(name)} can't be opened: an older version of the bot saved it in a form this one doesn't read. Save it again with ${code(`/tickets save ${name} …`)}.`,
    deleted: (name: string) => `🗑️ Deleted ${code(name)}.`,
    onlyMaker: (name: string, by: string | undefined) =>
      `🔒 Only ${by ?? "whoever made it"} can delete the team view ${code(name)}; it was left as it is.`,
  },
  list: {
    /** A header: plain text. */
    title: "Saved views",
    mine: "*Yours*",
    team: "*Shared with the team*",
    none: `You have no saved views yet. ${EXAMPLE} saves one; add \`team\` to share it with everyone.`,
    row: (name: string, what: string) => `${code(name)} · ${what}`,
    teamRow: (name: string, what: string, by: string | undefined) =>
      `${code(name)} · ${what}${by === undefined ? "" : ` · by ${by}`}`,
    /** In place of a view's filters when what was stored no longer reads as filters. */
    unreadable: "_its filters can no longer be read: delete it and save it again_",
    open: "Open",
    delete: "🗑️ Delete",
    /** The confirmation before a delete: plain text, `name` as typed (letters, digits, `-`, `_`). */
    confirmTitle: "Delete this view?",
    confirmText: (name: string) => `Your view “${name}” will be deleted for good.`,
    confirmTeamText: (name: string) =>
      `The team view “${name}” will be deleted for everyone in the workspace.`,
    confirm: "Delete",
    deny: "Keep it",
    /** Where in the whole list this page is. */
    range: (from: number, to: number, total: number) =>
      `Views ${num(from)}–${num(to)} of ${num(total)}`,
    footer:
      "`/tickets NAME` opens a view. `/tickets save NAME filters…` saves one (add `team` to share it); saving a name again replaces its filters.",
    fallback: "Your saved views",
    /** Above a saved view's list, so its reader knows which view it is. */
    lead: (name: string) => `📌 Your view ${code(name)}`,
    teamLead: (name: string, by: string | undefined) =>
      `📌 Team view ${code(name)}${by === undefined ? "" : ` · by ${by}`}`,
  },
};
