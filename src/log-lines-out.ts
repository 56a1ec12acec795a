/**
 * Log lines out to a stream in one write per turn of the event loop instead of one per line.
 * stderr on a pipe (a container's log) is written synchronously, a system call and a wake-up of
 * the reader for every line; under load many answers finish in one turn, and their lines leave
 * together. A line waits at most until the loop's next check phase, and everything still waiting
 * is written when the process exits (`exit` fires for `process.exit` and for a fatal error too).
 */

/** Past this much waiting text, it is written at once rather than at the end of the turn. */
const MAX_WAITING_CHARS = 64 * 1024;

export interface LineOut {
  /** Queues one line (without its newline). */
  write(line: string): void;
  /** Writes everything waiting, now. */
  flush(): void;
}

export const batchedLines = (
  out: { write(chunk: string): unknown },
  later: (flush: () => void) => void = (flush) => setImmediate(flush),
): LineOut => {
  let waiting: string[] = [];
  let chars = 0;
  const flush = () => {
    if (waiting.length === 0) return;
    const text = waiting.join("");
    waiting = [];
    chars = 0;
    out.write(text);
  };
  return {
    write(line) {
      waiting.push(`${line}\n`);
      chars += line.length + 1;
      if (chars > MAX_WAITING_CHARS) flush();
      else if (waiting.length === 1) later(flush);
    },
    flush,
  };
};

let stderrLines: LineOut | undefined;

/** The process's stderr, batched as above; one for every logger, flushed on exit. */
export const stderrLineOut = (): LineOut => {
  if (!stderrLines) {
    const lines = batchedLines(process.stderr);
    process.once("exit", lines.flush);
    stderrLines = lines;
  }
  return stderrLines;
};
