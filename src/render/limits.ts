/**
 * Block Kit limits, in one place. Lengths are UTF-16 code units of the text as sent (escaped),
 * which is never less than what Slack counts.
 */
export const LIMITS = {
  message: {
    maxBlocks: 50,
    /**
     * Sum of every text in a message's blocks. Slack refuses with `msg_blocks_too_long` near
     * 12,000 characters and has been seen to at 11,341, so we stay well below.
     */
    totalText: 10_000,
    /** The top-level `text`: notifications and screen readers, not a full copy of the list. */
    fallbackText: 3000,
  },
  modal: {
    maxBlocks: 100,
    title: 24,
    close: 24,
    submit: 24,
    privateMetadata: 3000,
    /**
     * Our own ceiling, not Slack's (views document none): a modal is read, not scrolled
     * through forever, and the payload stays far from any request-size limit.
     */
    totalText: 20_000,
  },
  /** A Home tab (`views.publish`): a view like a modal, without its title and buttons. */
  home: { maxBlocks: 100, privateMetadata: 3000 },
  section: { text: 3000, maxFields: 10, fieldText: 2000 },
  header: { text: 150 },
  button: { text: 75, value: 2000, url: 3000 },
  actionId: 255,
  context: { maxElements: 10 },
  actions: { maxElements: 25 },
} as const;
