import { type ApiTicket, generateTickets } from "../sample-api/generate-tickets";

/**
 * The demo's data set: always the same seed, so with a fixed `--now` every run shows the same
 * tickets, and a transcript in the README stays true. 300 is enough for every state, category,
 * language and oddity to turn up, with several pages of tickets waiting for support.
 */
export const DEMO_SEED = 2026;
export const DEMO_TICKET_COUNT = 300;

export const demoTickets = (now: Date): ApiTicket[] =>
  generateTickets({ count: DEMO_TICKET_COUNT, seed: DEMO_SEED, now });
