/**
 * Ticket states as the provider numbers them. Display names come from the message
 * catalog by id: the provider's own `state.name` strings are undocumented.
 */
export const STATE_IDS = [1, 2, 3, 4, 5] as const;
export type StateId = (typeof STATE_IDS)[number];

export const WAITING_FOR_SUPPORT: StateId = 2;

/** Names a user may type after `state:`, lower-case. */
export const STATE_NAMES: Readonly<Record<string, StateId>> = {
  "waiting-for-response": 1,
  response: 1,
  customer: 1,
  "waiting-for-support": 2,
  support: 2,
  waiting: 2,
  open: 2,
  answered: 3,
  replied: 3,
  closed: 4,
  forwarded: 5,
};

export const isStateId = (n: number): n is StateId => (STATE_IDS as readonly number[]).includes(n);
