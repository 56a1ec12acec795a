/**
 * Log lines out to a stream in few writes instead of one per line. stderr on a pipe (a
 * container's log) is written synchronously, a system call and a wake-up of the reader for every
 * write. Lines logged in one turn of the event loop leave together at its end; and the answer
 * lane spreads a busy bot's answers over many turns, one step a turn, so a write a turn still
 * carried about one line: a write therefore follows the last one by at least `LINES_WAIT_MS`,
 * the lines of that while leaving together (ten a write at 1,000 commands a second). A quiet
 * bot's line still leaves at the end of its turn. Everything still waiting is written when the
 * process exits (`exit` fires for `process.exit`, for an uncaught error, and when the loop runs
 * out of work: the wait keeps nothing alive).
 *
 * It only batches once told to (`batch()`): a process that would die of a signal it does not
 * handle (the default SIGTERM) never fires `exit`, so the bot turns batching on only once its own
 * signal handlers, which exit through `process.exit`, are in place. Until then, and once the
 * process is exiting, each line is written at once.
 */

/** Past this much waiting text, it is written at once rather than at the end of the wait. */
const MAX_WAITING_CHARS = 64 * 1024;

/** The least time between two writes of a busy bot's lines: nobody reading a log sees 10 ms. */
export const LINES_WAIT_MS = 10;

export interface LineOut {
  /** Queues one line (without its newline), or writes it at once when not batching. */
  write(line: string): void;
  /** Writes everything waiting, now. */
  flush(): void;
  /** From now on, lines wait to leave together. */
  batch(): void;
  /** Writes what waits and every later line at once (the process is exiting). */
  end(): void;
}

/** Calls `flush` at the end of this turn (`afterMs` ≤ 0), else once `afterMs` have passed. */
export type Later = (flush: () => void, afterMs: number) => void;

const laterOnTheLoop: Later = (flush, afterMs) => {
  if (afterMs <= 0) setImmediate(flush);
  else setTimeout(flush, afterMs).unref();
};

export const batchedLines = (
  out: { write(chunk: string): unknown },
  later: Later = laterOnTheLoop,
  now: () => number = () => performance.now(),
): LineOut => {
  let waiting: string[] = [];
  let chars = 0;
  let batching = false;
  let wroteAt = Number.NEGATIVE_INFINITY;
  const flush = () => {
    if (waiting.length === 0) return;
    const text = waiting.join("");
    waiting = [];
    chars = 0;
    wroteAt = now();
    out.write(text);
  };
  return {
    write(line) {
      if (!batching) {
        out.write(`${line}\n`);
        return;
      }
      waiting.push(`${line}\n`);
      chars += line.length + 1;
      if (chars > MAX_WAITING_CHARS) flush();
      else if (waiting.length === 1) later(flush, wroteAt + LINES_WAIT_MS - now());
    },
    flush,
    batch: () => {
      batching = true;
    },
    end: () => {
      batching = false;
      flush();
    },
  };
};

let stderrLines: LineOut | undefined;

/** The process's stderr, as above; one for every logger, ended on exit. */
export const stderrLineOut = (): LineOut => {
  if (!stderrLines) {
    const lines = batchedLines(process.stderr);
    process.once("exit", lines.end);
    stderrLines = lines;
  }
  return stderrLines;
};
