/**
 * Log lines out to a stream in one write per turn of the event loop instead of one per line.
 * stderr on a pipe (a container's log) is written synchronously, a system call and a wake-up of
 * the reader for every line; under load many answers finish in one turn, and their lines leave
 * together. A line waits at most until the loop's next check phase, and everything still waiting
 * is written when the process exits (`exit` fires for `process.exit` and for an uncaught error).
 *
 * It only batches once told to (`batch()`): a process that would die of a signal it does not
 * handle (the default SIGTERM) never fires `exit`, so the bot turns batching on only once its own
 * signal handlers, which exit through `process.exit`, are in place. Until then, and once the
 * process is exiting, each line is written at once.
 */

/** Past this much waiting text, it is written at once rather than at the end of the turn. */
const MAX_WAITING_CHARS = 64 * 1024;

export interface LineOut {
  /** Queues one line (without its newline), or writes it at once when not batching. */
  write(line: string): void;
  /** Writes everything waiting, now. */
  flush(): void;
  /** From now on, lines wait for the end of their turn. */
  batch(): void;
  /** Writes what waits and every later line at once (the process is exiting). */
  end(): void;
}

export const batchedLines = (
  out: { write(chunk: string): unknown },
  later: (flush: () => void) => void = (flush) => setImmediate(flush),
): LineOut => {
  let waiting: string[] = [];
  let chars = 0;
  let batching = false;
  const flush = () => {
    if (waiting.length === 0) return;
    const text = waiting.join("");
    waiting = [];
    chars = 0;
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
      else if (waiting.length === 1) later(flush);
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
