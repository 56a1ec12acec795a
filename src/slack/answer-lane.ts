import type { TicketClient } from "../tickets/ticket-client";
import type { Reply } from "./replies";
import { type Responder, SerializedReply } from "./response-url";

/**
 * Acks first, answers after. An ack and an answer share one event loop, and an answer's work
 * (parsing a page, rendering it, serializing the reply) is several times an ack's: with 500
 * commands at once, acks waited behind answers until Slack's 3 seconds ran out.
 *
 * The lane hands out turns, one per turn of the event loop, in its check phase
 * (`setImmediate`). Between two turns the loop polls for I/O, so every request that arrived
 * meanwhile is read, verified and acked before the next piece of answer work runs. When nothing
 * else is waiting, turns follow each other at once.
 */
export interface AnswerLane {
  /** Resolves on a later turn of the event loop, after whatever I/O is ready has been handled. */
  turn(): Promise<void>;
  /** Answer steps waiting for their turn. */
  readonly waiting: number;
}

export const createAnswerLane = (): AnswerLane => {
  const queue: (() => void)[] = [];
  let scheduled = false;
  const pump = () => {
    scheduled = false;
    // One per turn of the loop: its work runs as microtasks right after this callback.
    queue.shift()?.();
    if (queue.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  };
  return {
    turn: () =>
      new Promise<void>((resolve) => {
        queue.push(resolve);
        schedule();
      }),
    get waiting() {
      return queue.length;
    },
  };
};

/**
 * The ticket client with its calls started, and their results handed over, on the lane: both
 * the request's own setting up and the rendering that follows the page wait behind acks.
 */
export const ticketsBehindAcks = (tickets: TicketClient, lane: AnswerLane): TicketClient => {
  const readBody = tickets.readDigestBody?.bind(tickets);
  return {
    async listTickets(query, options) {
      await lane.turn();
      const page = await tickets.listTickets(query, options);
      await lane.turn();
      return page;
    },
    async findTicket(ticketId, options) {
      await lane.turn();
      const page = await tickets.findTicket(ticketId, options);
      await lane.turn();
      return page;
    },
    async listDigestRows(query, options) {
      await lane.turn();
      const page = await tickets.listDigestRows(query, options);
      await lane.turn();
      return page;
    },
    // Only started on the lane: what follows the body is a worker thread's.
    ...(readBody && {
      readDigestBody: async (query, options) => {
        await lane.turn();
        return readBody(query, options);
      },
    }),
  };
};

/**
 * Answers are sent on the lane too, serialized before they wait (`SerializedReply` says why).
 * Not an async function, so that the reply's objects are not held while it waits, only its JSON.
 * One that cannot be serialized is handed on as it is: the responder fails it as any undelivered
 * answer, where it is counted as one.
 */
export const responderBehindAcks = (responder: Responder, lane: AnswerLane): Responder => ({
  send(url, payload) {
    const sending = serializedIfItCan(payload);
    return lane.turn().then(() => responder.send(url, sending));
  },
});

const serializedIfItCan = (payload: Reply | SerializedReply): Reply | SerializedReply => {
  if (payload instanceof SerializedReply) return payload;
  try {
    return new SerializedReply(payload);
  } catch {
    return payload;
  }
};
