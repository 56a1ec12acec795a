import { afterEach, describe, expect, it } from "vitest";
import { collectWaitingTickets } from "../../src/digest/collect";
import type { OpenPageFolder, PageFolder } from "../../src/digest/types";
import { DigestWorkerError } from "../../src/digest/worker/digest-worker-error";
import { workerFolder } from "../../src/digest/worker/worker-folder";
import { decodeIdSet } from "../../src/store/id-set-codec";
import { TicketApiShapeError, TicketApiTimeoutError } from "../../src/tickets/errors";
import { decodeBody, type PageBody } from "../../src/tickets/interpret-answer";
import type { PageMeta } from "../../src/tickets/schemas";
import { fakeReadBodies } from "./fake-page-bodies";
import { DAY, fakeListTickets, makeQueue, NOW } from "./fake-queue";

const clock = { now: () => NOW };
const OVERDUE = 3 * DAY;
const TOKEN = "panel-token-9f8e7d";

/** The bot's folder, on a real worker thread; every one opened is remembered, to see it closed. */
const folders: { folder: PageFolder; closed: boolean }[] = [];
const realFolder: OpenPageFolder = (options) => {
  const inner = workerFolder({ token: TOKEN, logger: { warn: () => {} } })(options);
  const entry = { folder: inner, closed: false };
  folders.push(entry);
  return {
    add: (body) => inner.add(body),
    get pending() {
      return inner.pending;
    },
    result: () => inner.result(),
    close() {
      entry.closed = true;
      inner.close();
    },
  };
};
afterEach(() => {
  for (const { folder } of folders.splice(0)) folder.close();
});

/** A folder that folds nothing until told to, to see what the fetching does meanwhile. */
const heldFolder = () => {
  const held: { body: PageBody; release: () => void }[] = [];
  let pending = 0;
  let closed = false;
  const open: OpenPageFolder = () => ({
    add: (body) =>
      new Promise<PageMeta>((resolve) => {
        const json = JSON.parse(decodeBody(body.chunks)) as { meta: PageMeta };
        pending += 1;
        held.push({
          body,
          release: () => {
            pending -= 1;
            resolve(json.meta);
          },
        });
      }),
    get pending() {
      return pending;
    },
    result: async () => {
      throw new Error("not for this test");
    },
    close: () => {
      closed = true;
    },
  });
  return {
    open,
    held,
    get closed() {
      return closed;
    },
  };
};

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to 5 s, whatever the machine's load) until `done` holds, then a little longer. */
const until = async (done: () => boolean) => {
  for (let waited = 0; !done() && waited < 5000; waited += 5) await tick(5);
  // Long enough for a read that should not happen to have started.
  await tick(30);
};

/** The top 5 of pages of 100, read by `bodies` and folded by `openFolder`. */
const collectPagesOffThread = (
  bodies: Pick<ReturnType<typeof fakeReadBodies>, "readPage">,
  openFolder: OpenPageFolder,
  signal?: AbortSignal,
) =>
  collectWaitingTickets({
    listTickets: () => Promise.reject(new Error("unused")),
    top: 5,
    overdueMs: OVERDUE,
    clock,
    perPage: 100,
    ...(signal && { signal }),
    offThread: { readPage: bodies.readPage, openFolder },
  });

describe("collectWaitingTickets off the event loop (offThread)", () => {
  it("gives the same summary, and the same set of ids, as folding on this thread", async () => {
    const queue = makeQueue(2345);
    const here = await collectWaitingTickets({
      listTickets: fakeListTickets(queue).listTickets,
      top: 15,
      overdueMs: OVERDUE,
      clock,
      keepIds: true,
    });
    const bodies = fakeReadBodies(queue, { delayMs: (page) => (4 - page) * 5 });
    const elsewhere = await collectWaitingTickets({
      listTickets: () => Promise.reject(new Error("pages are read as bytes")),
      top: 15,
      overdueMs: OVERDUE,
      clock,
      keepIds: true,
      offThread: { readPage: bodies.readPage, openFolder: realFolder },
    });
    expect(elsewhere).toEqual(here);
    expect(elsewhere.counted).toBe(2345);
    expect(decodeIdSet(elsewhere.waitingIds ?? new Uint8Array())).toEqual(
      queue.map((t) => t.ticket_id),
    );
    expect(bodies.calls.map((c) => c.query.page)).toEqual([1, 2, 3]);
    expect(folders.map((f) => f.closed)).toEqual([true]);
  });

  it("keeps reading while pages wait to be folded, holding no more than twice `concurrency` pages", async () => {
    const queue = makeQueue(20 * 100);
    const bodies = fakeReadBodies(queue);
    const folder = heldFolder();
    const collecting = collectWaitingTickets({
      listTickets: () => Promise.reject(new Error("unused")),
      top: 5,
      overdueMs: OVERDUE,
      clock,
      perPage: 100,
      concurrency: 3,
      offThread: { readPage: bodies.readPage, openFolder: folder.open },
    });
    collecting.catch(() => {});
    await until(() => folder.held.length === 6);
    // Page 1's meta was read here, so pages 2.. were asked for without waiting for its fold.
    // Each request slot was freed as its body arrived; with six pages waiting to be folded, no
    // more is read.
    expect(bodies.calls.map((c) => c.query.page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(bodies.inFlight).toBe(0);
    expect(bodies.maxInFlight).toBe(3);
    folder.held[1]?.release();
    await until(() => folder.held.length === 7);
    expect(bodies.calls.map((c) => c.query.page)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("rejects with a page's refusal from the thread and aborts the requests in flight", async () => {
    const queue = makeQueue(2345);
    const bodies = fakeReadBodies(queue, {
      delayMs: (page) => (page === 1 || page === 3 ? 0 : 60_000),
      respond: (page, json) => (page === 3 ? '{"data": "none", "meta": {}}' : json),
    });
    await expect(
      collectWaitingTickets({
        listTickets: () => Promise.reject(new Error("unused")),
        top: 5,
        overdueMs: OVERDUE,
        clock,
        perPage: 100,
        concurrency: 4,
        offThread: { readPage: bodies.readPage, openFolder: realFolder },
      }),
    ).rejects.toBeInstanceOf(TicketApiShapeError);
    // Page 3's slot was free once its body arrived, so page 6 was asked for while it was being
    // folded; when the thread refused it, the pages waiting on the panel were cancelled, and
    // nothing new started.
    expect(bodies.calls.map((c) => c.query.page)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const call of bodies.calls.filter((c) => c.query.page !== 3).slice(1)) {
      expect(call.signal?.aborted).toBe(true);
    }
    expect(folders.map((f) => f.closed)).toEqual([true]);
  });

  it("rejects with the timeout of a page read mid-way, and ends the thread", async () => {
    const queue = makeQueue(2345);
    const timeout = new TicketApiTimeoutError(10_000);
    const bodies = fakeReadBodies(queue, {
      delayMs: (page) => (page === 4 ? 30 : page > 4 ? 60_000 : 0),
      respond: (page, json) => (page === 4 ? timeout : json),
    });
    await expect(collectPagesOffThread(bodies, realFolder)).rejects.toBe(timeout);
    expect(bodies.calls.at(-1)?.signal?.aborted).toBe(true);
    expect(folders.map((f) => f.closed)).toEqual([true]);
  });

  it("stops at once when the caller aborts mid-way: requests cancelled, thread ended", async () => {
    const queue = makeQueue(2345);
    const bodies = fakeReadBodies(queue, { delayMs: (page) => (page <= 2 ? 0 : 60_000) });
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const collecting = collectPagesOffThread(bodies, realFolder, controller.signal);
    while (bodies.calls.length < 6) await tick(5);
    controller.abort(reason);
    await expect(collecting).rejects.toBe(reason);
    for (const call of bodies.calls.slice(2)) expect(call.signal?.aborted).toBe(true);
    expect(folders.map((f) => f.closed)).toEqual([true]);
  });

  it("rejects with a DigestWorkerError when the thread dies mid-way, cancelling the rest", async () => {
    const queue = makeQueue(2345);
    const bodies = fakeReadBodies(queue, { delayMs: (page) => (page <= 2 ? 0 : 60_000) });
    const crashing: OpenPageFolder = (options) => {
      const folder = workerFolder({
        token: TOKEN,
        logger: { warn: () => {} },
        threadFile: new URL("./worker/crashing-thread.mjs", import.meta.url),
      })(options);
      // The first page folds here, so that the thread dies on page 2, mid-digest.
      let first = true;
      return {
        ...folder,
        get pending() {
          return folder.pending;
        },
        add: (body) => {
          if (!first) return folder.add(body);
          first = false;
          return Promise.resolve({ current_page: 1, last_page: 24, per_page: 100, total: 2345 });
        },
        close: () => folder.close(),
        result: () => folder.result(),
      };
    };
    await expect(collectPagesOffThread(bodies, crashing)).rejects.toBeInstanceOf(DigestWorkerError);
    for (const call of bodies.calls.slice(2)) expect(call.signal?.aborted).toBe(true);
  });

  it("fails when the first page, planned from before it was folded, is refused by the thread", async () => {
    const queue = makeQueue(2345);
    const bodies = fakeReadBodies(queue, {
      delayMs: (page) => (page === 1 ? 0 : 60_000),
      // Its meta reads well; one of its rows makes the page's shape wrong.
      respond: (page, json) => (page === 1 ? json.replace('"data":[', '"data":7,"x":[') : json),
    });
    await expect(collectPagesOffThread(bodies, realFolder)).rejects.toBeInstanceOf(
      TicketApiShapeError,
    );
    // Pages 2..5 had been asked for meanwhile: all cancelled.
    expect(bodies.calls.map((c) => c.query.page)).toEqual([1, 2, 3, 4, 5]);
    for (const call of bodies.calls.slice(1)) expect(call.signal?.aborted).toBe(true);
  });

  it("follows a last_page that grows on a page folded later", async () => {
    const queue = makeQueue(2345);
    const bodies = fakeReadBodies(queue, {
      respond: (page, json) => (page === 1 ? json : json.replace('"last_page":3', '"last_page":4')),
    });
    const folder = heldFolder();
    const collecting = collectWaitingTickets({
      listTickets: () => Promise.reject(new Error("unused")),
      top: 5,
      overdueMs: OVERDUE,
      clock,
      offThread: { readPage: bodies.readPage, openFolder: folder.open },
    });
    collecting.catch(() => {});
    await until(() => folder.held.length === 3);
    folder.held[0]?.release();
    await tick();
    // Pages 2 and 3 were read (page 1's meta says 3); neither has been folded, so page 4 is not
    // known of yet.
    expect(bodies.calls.map((c) => c.query.page)).toEqual([1, 2, 3]);
    folder.held[2]?.release();
    await until(() => folder.held.length === 4);
    expect(bodies.calls.map((c) => c.query.page)).toEqual([1, 2, 3, 4]);
  });
});
