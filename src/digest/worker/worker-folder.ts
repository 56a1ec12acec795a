import type { Worker } from "node:worker_threads";
import { type BodyChunks, copyOf, ownsItsBuffer } from "../../tickets/body-chunks";
import type { PageBody } from "../../tickets/interpret-answer";
import type { PageMeta } from "../../tickets/schemas";
import type { DigestSummary, OpenPageFolder, PageFolder } from "../types";
import { DigestWorkerError } from "./digest-worker-error";
import { decodeError, type FoldStart, type FromThread, type ToThread } from "./messages";
import { startFoldThread } from "./worker-file";

export interface WorkerFolderOptions {
  /** The panel's token: whatever the thread reports (issues, a body's start) is redacted of it. */
  token: string;
  /** Told which rows of a page were left out, as the ticket client tells it. */
  logger: { warn(message: string): void };
  /** Another thread file (tests: one that crashes). Default: the fold thread beside this module. */
  threadFile?: URL;
}

/**
 * Chunks that can be transferred, with the buffers to transfer: each chunk the whole of a buffer
 * no other chunk shares (else a copy of it, which a body from the ticket client never needs).
 */
const transferable = (chunks: BodyChunks) => {
  const buffers = new Set<ArrayBuffer>();
  const own = chunks.map((chunk) => {
    const kept =
      ownsItsBuffer(chunk) && !buffers.has(chunk.buffer as ArrayBuffer) ? chunk : copyOf(chunk);
    buffers.add(kept.buffer as ArrayBuffer);
    return kept;
  });
  return { chunks: own, buffers: [...buffers] };
};

/**
 * A PageFolder on a worker thread of its own, started when a collection opens it and ended when
 * it closes: a digest's decoding, parsing, validation and folding never hold the event loop.
 * Each page's bytes are transferred to the thread; what comes back is its meta, or its failure
 * made again as the same error class. A thread that crashes, cannot start or runs out of memory
 * fails every call pending and every later one with a DigestWorkerError.
 */
export const workerFolder =
  (o: WorkerFolderOptions): OpenPageFolder =>
  (options) => {
    const start: FoldStart = {
      aggregator: {
        top: options.top,
        overdueMs: options.overdueMs,
        nowMs: options.now.getTime(),
        stateId: options.stateId,
        keepIds: options.keepIds,
      },
      token: o.token,
    };
    let worker: Worker | undefined;
    let dead: Error | undefined;
    let nextId = 0;
    const pages = new Map<number, { resolve(meta: PageMeta): void; reject(e: Error): void }>();
    let finishing: { resolve(summary: DigestSummary): void; reject(e: Error): void } | undefined;

    const fail = (error: Error) => {
      if (dead) return;
      dead = error;
      for (const page of pages.values()) page.reject(error);
      pages.clear();
      finishing?.reject(error);
      finishing = undefined;
      void worker?.terminate();
    };

    const onMessage = (message: FromThread) => {
      if (message.kind === "summary") {
        finishing?.resolve(message.summary);
        finishing = undefined;
        return;
      }
      const page = pages.get(message.id);
      if (!page) return;
      pages.delete(message.id);
      if (message.kind === "folded") {
        if (message.unreadable !== undefined) o.logger.warn(message.unreadable);
        page.resolve(message.meta);
      } else page.reject(decodeError(message.error));
    };

    try {
      worker = startFoldThread(start, o.threadFile);
      worker.on("message", onMessage);
      worker.on("error", (error) => fail(new DigestWorkerError(error.message)));
      worker.on("messageerror", (error) => fail(new DigestWorkerError(error.message)));
      worker.on("exit", (code) => fail(new DigestWorkerError(`it exited (code ${code})`)));
    } catch (error) {
      fail(new DigestWorkerError(error instanceof Error ? error.message : String(error)));
    }

    const send = (message: ToThread, transfer: ArrayBuffer[] = []) =>
      worker?.postMessage(message, transfer);

    const folder: PageFolder = {
      add(body: PageBody) {
        if (dead) return Promise.reject(dead);
        const id = nextId++;
        const { chunks, buffers } = transferable(body.chunks);
        return new Promise<PageMeta>((resolve, reject) => {
          pages.set(id, { resolve, reject });
          try {
            send({ kind: "page", id, body: { ...body, chunks } }, buffers);
          } catch (error) {
            // Not handed over (a body whose chunks were already given away): nothing is pending.
            pages.delete(id);
            reject(error);
          }
        });
      },
      get pending() {
        return pages.size;
      },
      result() {
        if (dead) return Promise.reject(dead);
        return new Promise<DigestSummary>((resolve, reject) => {
          finishing = { resolve, reject };
          send({ kind: "finish" });
        });
      },
      close: () => fail(new DigestWorkerError("the collection ended before it")),
    };
    return folder;
  };
