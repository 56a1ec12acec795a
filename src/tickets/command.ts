import type { Language } from "../i18n";
import type { TicketFilterKey } from "./ticket-filters";
import type { TicketQuery } from "./ticket-query";

/**
 * Canonical names of the keys of `/tickets key:value …`: the ticket filters' (ticket-filters.ts)
 * and the two that choose the page. Aliases map onto these.
 */
export type FilterKey = TicketFilterKey | PagingKey;
export type PagingKey = "page" | "per_page";

/** Something the user asked for that we adjusted rather than refused. */
export type CommandNotice = { kind: "per-page-lowered"; requested: number; used: number };

/** What `/tickets …` asks for, once parsed. */
export type TicketsCommand =
  | { kind: "list"; query: TicketQuery; notices: CommandNotice[] }
  | { kind: "details"; ticketId: number }
  | { kind: "help" }
  | { kind: "digest" }
  | { kind: "language"; choice: LanguageRequest }
  /** `/tickets subscribe …`: `text` is what follows the word, for the subscription grammar. */
  | { kind: "subscribe"; text: string }
  /** `/tickets digests`: this channel's digests. */
  | { kind: "digests" }
  /** `/tickets save NAME filters… [team]`: a named view of the person's, or the workspace's. */
  | { kind: "save"; name: string; query: TicketQuery; notices: CommandNotice[]; team: boolean }
  /** `/tickets views`: the person's saved views and the workspace's. */
  | { kind: "views" }
  /** `/tickets NAME`: one word the grammar has no other meaning for, a saved view's name. */
  | { kind: "view"; name: string };

/** `/tickets language …`: show the person's language, choose one, or a word that is none. */
export type LanguageRequest =
  | { kind: "show" }
  | { kind: "set"; language: Language }
  /** `token` is the person's own text, as typed. */
  | { kind: "unknown"; token: string };

/** Why a command was refused; `token` is the user's own text, as typed. */
export type CommandError =
  | { kind: "unknown-key"; token: string; key: string; suggestion?: FilterKey }
  | { kind: "repeated-key"; token: string; key: FilterKey }
  | { kind: "missing-value"; token: string; key: FilterKey }
  | { kind: "not-an-integer"; token: string; key: FilterKey }
  | { kind: "out-of-range"; token: string; key: FilterKey; min: number; max: number }
  | { kind: "unknown-state"; token: string; suggestion?: string }
  | { kind: "too-long"; token: string; key: FilterKey; max: number }
  | { kind: "bare-word"; token: string; suggestion?: string }
  /** The whole text is over `max` characters and was not read; `token` is its start. */
  | { kind: "command-too-long"; token: string; max: number }
  /** `/tickets save` with no name before its filters; `token` is what came instead, if anything. */
  | { kind: "view-name-missing"; token: string }
  /** A saved view's name that is not 1–`max` letters, digits, `-` or `_` (with a letter). */
  | { kind: "view-name-invalid"; token: string; max: number }
  /** A saved view's name the grammar reads as a ticket number. */
  | { kind: "view-name-number"; token: string }
  /** A saved view's name the grammar reads as something else: `meaning` is what it would be. */
  | { kind: "view-name-reserved"; token: string; meaning: string };

export type CommandParseResult =
  | { ok: true; command: TicketsCommand }
  | { ok: false; errors: CommandError[] };
