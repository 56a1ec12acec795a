/**
 * Fixed credentials and sizes shared by the runner and its targets. None of them is a real
 * secret: every process listens on loopback only. The digest's page size and concurrency are
 * not here: the runner imports them from the bot (`DIGEST_READ`), so the ideal time and the
 * plain client's reference always follow what the bot does.
 */

export const SIGNING_SECRET = "bench-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-0000-0000-benchmark";
export const TICKET_TOKEN = "bench-panel-token-0123";
export const LOOPBACK = "127.0.0.1";

/** Matching tickets behind every list query: 100 pages of 10, so any `page:` up to 100 has rows. */
export const LIST_QUERY_TOTAL = 1000;
