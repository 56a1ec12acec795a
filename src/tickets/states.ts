/**
 * Ticket states as the provider numbers them. Display names come from the message
 * catalog by id: the provider's own `state.name` strings are undocumented.
 */
export const STATE_IDS = [1, 2, 3, 4, 5] as const;
export type StateId = (typeof STATE_IDS)[number];

export const WAITING_FOR_SUPPORT: StateId = 2;
export const ANSWERED: StateId = 3;

/**
 * Names a user may type after `state:`, in English or in Persian, as help writes them. The
 * grammar compares them leniently: case, `-`, `_`, spaces and the zero-width non-joiner aside,
 * and Arabic ي/ك read as Persian ی/ک, so `پاسخ‌داده‌شده`, `پاسخ داده شده` and
 * `پاسخ-داده-شده` are one name.
 */
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
  "در-انتظار-پاسخ-مشتری": 1,
  "در-انتظار-پاسخ": 1,
  "منتظر-پاسخ": 1,
  "منتظر-مشتری": 1,
  "در-انتظار-پشتیبانی": 2,
  "منتظر-پشتیبانی": 2,
  باز: 2,
  پشتیبانی: 2,
  "پاسخ-داده-شده": 3,
  "پاسخ-داده": 3,
  "جواب-داده-شده": 3,
  "بسته-شده": 4,
  بسته: 4,
  "ارجاع-شده": 5,
  "ارجاع-داده-شده": 5,
  ارجاع: 5,
};

export const isStateId = (n: number): n is StateId => (STATE_IDS as readonly number[]).includes(n);
