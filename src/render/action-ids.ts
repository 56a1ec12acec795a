/** Every `action_id` the bot puts on a button; listeners register on these and nothing else. */
export const ACTION_IDS = {
  pagePrevious: "tickets.page.previous",
  pageNext: "tickets.page.next",
  pageFirst: "tickets.page.first",
  pageLast: "tickets.page.last",
  /** Opens a list as a new private message (the digest's "View all"), never replacing the source. */
  openList: "tickets.list.open",
} as const;

/** All paging buttons carry a list state and do the same thing: show that page. */
export const PAGE_ACTION_PATTERN = /^tickets\.page\./;
