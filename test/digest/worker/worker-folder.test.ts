import { readdirSync, readFileSync } from "node:fs";
import { getPriority } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { createDigestAggregator } from "../../../src/digest/aggregate";
import type { PageFolder } from "../../../src/digest/types";
import { DigestWorkerError } from "../../../src/digest/worker/digest-worker-error";
import { workerFolder } from "../../../src/digest/worker/worker-folder";
import { decodeIdSet } from "../../../src/store/id-set-codec";
import {
  TicketApiNotJsonError,
  TicketApiRejectedError,
  TicketApiShapeError,
} from "../../../src/tickets/errors";
import { digestPageSchema } from "../../../src/tickets/schemas";
import { bodyOf, pageJson } from "../fake-page-bodies";
import { DAY, makeQueue, NOW } from "../fake-queue";

const TOKEN = "panel-token-9f8e7d";
const OPTIONS = { top: 10, overdueMs: 3 * DAY, now: NOW, stateId: 2 };

const opened: PageFolder[] = [];
afterEach(() => {
  for (const folder of opened.splice(0)) folder.close();
});

/** A folder on a real worker thread (started from the sources, through tsx). */
const open = (o: { threadFile?: URL; keepIds?: boolean } = {}) => {
  const warnings: string[] = [];
  const folder = workerFolder({
    token: TOKEN,
    logger: { warn: (line) => warnings.push(line) },
    threadFile: o.threadFile,
  })({ ...OPTIONS, keepIds: o.keepIds });
  opened.push(folder);
  return { folder, warnings };
};

const PER_PAGE = 1000;

describe("workerFolder (a real worker thread)", () => {
  it("folds pages into the very summary the aggregator makes on this thread, unreadable rows counted and logged", async () => {
    const queue: unknown[] = makeQueue(2345);
    queue[1500] = { ...(queue[1500] as object), updated_at: "01/02/2025" };
    const pages = [1, 2, 3].map((page) => pageJson(queue, { page, perPage: PER_PAGE }));

    const here = createDigestAggregator(OPTIONS);
    for (const json of pages) here.add(digestPageSchema.parse(JSON.parse(json)));

    const { folder, warnings } = open();
    const metas = await Promise.all(pages.map((json) => folder.add(bodyOf(json))));
    expect(metas.map((m) => m.current_page)).toEqual([1, 2, 3]);
    const summary = await folder.result();

    expect(summary).toEqual(here.result());
    expect(summary.unreadable).toBe(1);
    expect(summary.counted).toBe(2344);
    expect(summary.top[0]?.updatedAt).toBeInstanceOf(Date);
    expect(warnings).toEqual([
      "ticket API page 2: 1 of 1000 rows could not be read and were left out: #101500: updated_at: not a timestamp: 01/02/2025",
    ]);
  });

  it("is handed each page's bytes, not a copy of them", async () => {
    const { folder } = open();
    const body = bodyOf(pageJson(makeQueue(3), { page: 1, perPage: PER_PAGE }));
    const added = folder.add(body);
    // Transferred: this thread's view of them is empty now.
    expect(body.chunks.length).toBeGreaterThan(1);
    expect(body.chunks.map((chunk) => chunk.byteLength)).toEqual(body.chunks.map(() => 0));
    expect((await added).total).toBe(3);
  });

  it("refuses a body that cannot cross to the thread, and leaves nothing pending for it", async () => {
    const { folder } = open();
    const page = bodyOf(pageJson(makeQueue(3), { page: 1, perPage: PER_PAGE }));
    // Only data crosses a thread: a function in it cannot be cloned.
    const unclonable = { ...page, contentType: (() => "json") as unknown as string };
    await expect(folder.add(unclonable)).rejects.toThrow(/clone/i);
    expect(folder.pending).toBe(0);
    expect((await folder.add(page)).total).toBe(3);
  });

  it("keeps every counted id when asked, as a set the store can keep", async () => {
    const queue = makeQueue(1500);
    const { folder } = open({ keepIds: true });
    await folder.add(bodyOf(pageJson(queue, { page: 2, perPage: PER_PAGE })));
    await folder.add(bodyOf(pageJson(queue, { page: 1, perPage: PER_PAGE })));
    const { waitingIds } = await folder.result();
    expect(waitingIds).toBeInstanceOf(Uint8Array);
    expect(decodeIdSet(waitingIds ?? new Uint8Array())).toEqual(
      queue.map((t) => t.ticket_id).sort((a, b) => a - b),
    );
  });

  it("refuses a page that is not JSON as the client would: transient, the token nowhere in it", async () => {
    const { folder } = open();
    const error = await folder
      .add(bodyOf(`{"data": [ {"subject": "leaked ${TOKEN}" ...truncated }`))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TicketApiNotJsonError);
    expect(error).toMatchObject({ status: 200, transient: true, contentType: "application/json" });
    expect((error as TicketApiNotJsonError).bodyStart).toContain("[redacted]");
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it("refuses a page of the wrong shape with a TicketApiShapeError naming what is wrong, and folds the next", async () => {
    const { folder } = open();
    const wrong = JSON.stringify({ data: "none", meta: { current_page: 1 } });
    const error = await folder.add(bodyOf(wrong)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TicketApiShapeError);
    expect(error).toMatchObject({ transient: false });
    expect((error as TicketApiShapeError).issues).toMatch(/^data: /);
    // The refused page was not counted: the folder goes on with the next.
    await folder.add(bodyOf(pageJson(makeQueue(4), { page: 1, perPage: PER_PAGE })));
    expect((await folder.result()).counted).toBe(4);
  });

  it("refuses a 200 that carries the provider's refusal with its words", async () => {
    const { folder } = open();
    const refusal = JSON.stringify({
      data: null,
      meta: { status: false, message: "دسترسی ندارید", message_code: "400-1", errors: {} },
    });
    const error = await folder.add(bodyOf(refusal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TicketApiRejectedError);
    expect(error).toMatchObject({
      status: 200,
      providerMessage: "دسترسی ندارید",
      transient: false,
    });
  });

  it("fails the page in flight and every later call with a DigestWorkerError when the thread crashes", async () => {
    const { folder } = open({ threadFile: new URL("./crashing-thread.mjs", import.meta.url) });
    const body = () => bodyOf(pageJson(makeQueue(3), { page: 1, perPage: PER_PAGE }));
    const error = await folder.add(body()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestWorkerError);
    expect((error as Error).message).toContain("the thread fell over");
    await expect(folder.add(body())).rejects.toBe(error);
    await expect(folder.result()).rejects.toBe(error);
    expect(folder.pending).toBe(0);
  });

  it("says so with a DigestWorkerError when its thread's file is missing, instead of waiting for ever", async () => {
    const { folder } = open({ threadFile: new URL("./no-such-thread.mjs", import.meta.url) });
    const error = await folder
      .add(bodyOf(pageJson(makeQueue(3), { page: 1, perPage: PER_PAGE })))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestWorkerError);
    expect((error as Error).message).toMatch(/no-such-thread\.mjs/);
  });

  it("rejects what is pending when it is closed", async () => {
    const { folder } = open();
    const pending = folder.add(bodyOf(pageJson(makeQueue(2345), { page: 1, perPage: PER_PAGE })));
    folder.close();
    await expect(pending).rejects.toBeInstanceOf(DigestWorkerError);
    await expect(folder.result()).rejects.toBeInstanceOf(DigestWorkerError);
    folder.close();
  });
});

describe("workerFolder's thread priority", () => {
  /**
   * The nice value of every thread of this process, from /proc. A thread that ends between the
   * listing and the reading (an earlier test's, winding down) is no longer one of them.
   */
  const niceValues = () =>
    readdirSync("/proc/self/task").flatMap((tid) => {
      let stat: string;
      try {
        stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      } catch (error) {
        if ((error as { code?: unknown }).code === "ENOENT") return [];
        throw error;
      }
      return [Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16])];
    });

  // Under nice 10 or more the thread cannot be 10 nicer (19 is the floor of priority): not judged.
  it.runIf(process.platform === "linux" && getPriority(0) < 10)(
    "runs the digest's thread 10 nicer than the bot on Linux, leaving the event loop's thread as it was",
    async () => {
      const own = getPriority(0);
      const digest = own + 10;
      // The threads of the tests before end a moment after they are closed.
      for (let i = 0; i < 100 && niceValues().includes(digest); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(niceValues().filter((nice) => nice === digest)).toEqual([]);
      const { folder } = open();
      await folder.add(bodyOf(pageJson(makeQueue(3), { page: 1, perPage: PER_PAGE })));
      expect(niceValues().filter((nice) => nice === digest)).toHaveLength(1);
      expect(getPriority(0)).toBe(own);
    },
  );
});
