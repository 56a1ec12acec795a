/**
 * Every `action_id` the bot puts on a button; listeners register on these and nothing else.
 * Never rename one: buttons already posted carry it, and a click on an id no listener takes
 * is answered "this message is out of date".
 */
export const ACTION_IDS = {
  pagePrevious: "tickets.page.previous",
  pageNext: "tickets.page.next",
  pageFirst: "tickets.page.first",
  pageLast: "tickets.page.last",
  /** The same page again, fetched now. */
  pageRefresh: "tickets.page.refresh",
  /** Opens a list as a new private message (the digest's "View all"), never replacing the source. */
  openList: "tickets.list.open",
  /** A row's Details: value is the ticket number (`ticket-number.ts`); opens a modal. */
  detailsOpen: "tickets.details.open",
  /** A link button to the reseller panel; Slack still sends the click, which must be acked. */
  openInPanel: "tickets.details.panel",
  /** Posts the list in the button's state visibly in the channel. */
  shareList: "tickets.share.list",
  /** Posts one ticket (value: its number) visibly in the channel. */
  shareTicket: "tickets.share.ticket",
  /** `/tickets digests`: each button's value is the digest it is for (`digest-ref.ts`). */
  digestEdit: "tickets.digests.edit",
  digestPause: "tickets.digests.pause",
  digestResume: "tickets.digests.resume",
  /** Posts the digest now, visibly, as its schedule would. */
  digestRunNow: "tickets.digests.run",
  digestDelete: "tickets.digests.delete",
  /**
   * `/tickets views` and the Home tab: a saved view's buttons, each suffixed with its view's id
   * (`viewButtonId`); the value says which view (`saved-view-ref.ts`).
   */
  viewOpen: "tickets.views.open",
  viewDelete: "tickets.views.delete",
  /** Another page of saved views (value: `saved-view-ref.ts`'s page), suffixed by where it goes. */
  viewsPage: "tickets.views.page",
  /** The Home tab's own buttons: the glance counted again (as shared), an open list closed. */
  homeRefresh: "tickets.home.refresh",
  homeClose: "tickets.home.close",
  /** A language chosen on the Home tab, suffixed with it; the value is its code. */
  homeLanguage: "tickets.home.language",
} as const;

/** The buttons of `/tickets digests`, each on one digest. */
export const DIGEST_ACTION_PATTERN = /^tickets\.digests\./;

type DigestActionId = (typeof ACTION_IDS)[
  | "digestEdit"
  | "digestPause"
  | "digestResume"
  | "digestRunNow"
  | "digestDelete"];

const DIGEST_ACTIONS: readonly DigestActionId[] = [
  ACTION_IDS.digestEdit,
  ACTION_IDS.digestPause,
  ACTION_IDS.digestResume,
  ACTION_IDS.digestRunNow,
  ACTION_IDS.digestDelete,
];

/**
 * A digest button's own id: its action's, suffixed with the digest, so that every control of
 * the list is unique in the message (as every list's are). The value still says which digest;
 * the suffix only tells two rows' buttons apart.
 */
export const digestButtonId = (action: DigestActionId, subscriptionId: number): string =>
  `${action}.${subscriptionId}`;

/** Which digest action a click is, from its action id (suffixed or not). */
export const digestActionOf = (actionId: string): DigestActionId | undefined =>
  DIGEST_ACTIONS.find((action) => actionId === action || actionId.startsWith(`${action}.`));

/** The buttons of saved views, wherever they are (a message or the Home tab). */
export const VIEW_ACTION_PATTERN = /^tickets\.views\./;

type ViewActionId = (typeof ACTION_IDS)["viewOpen" | "viewDelete" | "viewsPage"];

const VIEW_ACTIONS: readonly ViewActionId[] = [
  ACTION_IDS.viewOpen,
  ACTION_IDS.viewDelete,
  ACTION_IDS.viewsPage,
];

/** A saved view's button, or a page button, made unique in its message or tab by `suffix`. */
export const viewButtonId = (action: ViewActionId, suffix: string | number): string =>
  `${action}.${suffix}`;

/** Which saved-view action a click is, from its action id (suffixed or not). */
export const viewActionOf = (actionId: string): ViewActionId | undefined =>
  VIEW_ACTIONS.find((action) => actionId === action || actionId.startsWith(`${action}.`));

/** The Home tab's own buttons. */
export const HOME_ACTION_PATTERN = /^tickets\.home\./;

type HomeActionId = (typeof ACTION_IDS)["homeRefresh" | "homeClose" | "homeLanguage"];

const HOME_ACTIONS: readonly HomeActionId[] = [
  ACTION_IDS.homeRefresh,
  ACTION_IDS.homeClose,
  ACTION_IDS.homeLanguage,
];

export const homeButtonId = (action: HomeActionId, suffix: string): string => `${action}.${suffix}`;

/** Which Home action a click is, from its action id (suffixed or not). */
export const homeActionOf = (actionId: string): HomeActionId | undefined =>
  HOME_ACTIONS.find((action) => actionId === action || actionId.startsWith(`${action}.`));

/** Buttons that carry a list state (`list-state.ts`) and show that list. */
export const LIST_ACTION_PATTERN = /^tickets\.(page|list)\./;

/** Of those, the ones that page the message they sit on (when it is the clicker's own). */
export const isPagingAction = (actionId: string) => actionId.startsWith("tickets.page.");

/** Every `callback_id` the bot gives a view; its `private_metadata` is `modal-metadata.ts`. */
export const CALLBACK_IDS = {
  /** A ticket's details modal. */
  ticketDetails: "tickets.details",
  /** The subscribe (and edit) modal of a channel's digest; metadata: `subscribe-metadata.ts`. */
  subscribe: "tickets.subscribe",
} as const;
