import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { batchedLines, LINES_WAIT_MS } from "../src/log-lines-out";

/**
 * A stream that records each write, and a turn of the loop the test ends by hand; `clock.ms` is
 * the time, and `waits` what each flush was asked to wait.
 */
const setUp = () => {
  const writes: string[] = [];
  const waits: number[] = [];
  const clock = { ms: 1_000 };
  let endOfTurn: (() => void) | undefined;
  const lines = batchedLines(
    { write: (chunk: string) => writes.push(chunk) },
    (flush, afterMs) => {
      endOfTurn = flush;
      waits.push(afterMs);
    },
    () => clock.ms,
  );
  lines.batch();
  const endTurn = () => {
    const f = endOfTurn;
    endOfTurn = undefined;
    f?.();
  };
  return { writes, waits, clock, lines, endTurn, scheduled: () => endOfTurn !== undefined };
};

describe("batchedLines", () => {
  it("writes each line at once until told to batch, and again once ended", () => {
    const writes: string[] = [];
    const turns: Array<() => void> = [];
    const lines = batchedLines({ write: (chunk: string) => writes.push(chunk) }, (flush) => {
      turns.push(flush);
    });
    lines.write("before");
    expect(writes).toEqual(["before\n"]);
    lines.batch();
    lines.write("waits");
    expect(writes).toEqual(["before\n"]);
    // Exiting: what waits goes out, and so does every later line (an `exit` listener's).
    lines.end();
    expect(writes).toEqual(["before\n", "waits\n"]);
    lines.write("after the end");
    expect(writes).toEqual(["before\n", "waits\n", "after the end\n"]);
    expect(turns).toHaveLength(1);
  });

  it("writes the lines of one turn together, each whole and in order, once the turn ends", () => {
    const { writes, lines, endTurn } = setUp();
    lines.write("one");
    lines.write("two");
    expect(writes).toEqual([]);
    endTurn();
    expect(writes).toEqual(["one\ntwo\n"]);
    lines.write("three");
    endTurn();
    expect(writes).toEqual(["one\ntwo\n", "three\n"]);
  });

  it("asks for one flush a turn, not one a line, and none when nothing waits", () => {
    const { writes, lines, endTurn, scheduled } = setUp();
    expect(scheduled()).toBe(false);
    lines.write("one");
    expect(scheduled()).toBe(true);
    endTurn();
    lines.write("two");
    lines.flush();
    expect(writes).toEqual(["one\n", "two\n"]);
    // The turn's own flush then finds nothing to write.
    endTurn();
    expect(writes).toEqual(["one\n", "two\n"]);
  });

  it("writes a quiet stream's line at the end of its turn, a busy one's no sooner than 10 ms after the last write", () => {
    const { writes, waits, clock, lines, endTurn } = setUp();
    lines.write("quiet");
    endTurn();
    clock.ms += 1;
    lines.write("busy 1");
    clock.ms += 4;
    lines.write("busy 2");
    expect(waits).toEqual([Number.NEGATIVE_INFINITY, LINES_WAIT_MS - 1]);
    endTurn();
    expect(writes).toEqual(["quiet\n", "busy 1\nbusy 2\n"]);
    clock.ms += 60;
    lines.write("quiet again");
    expect(waits.at(-1)).toBeLessThanOrEqual(0);
  });

  it("writes at once past 64 KB waiting, so a burst of lines cannot pile up", () => {
    const { writes, lines } = setUp();
    const line = "x".repeat(1023);
    for (let i = 0; i < 64; i++) lines.write(line);
    expect(writes).toEqual([]);
    lines.write(line);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBe(`${line}\n`.repeat(65));
  });

  it("leaves nothing behind on exit: a process that logs and exits has every line written", () => {
    const run = runScript(`
      out.batch();
      out.write("before exit 1");
      out.write("before exit 2");
      process.on("exit", () => out.write("from an exit listener"));
      process.exit(3);
    `);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe("before exit 1\nbefore exit 2\nfrom an exit listener\n");
  });

  it("leaves nothing behind when the loop runs out of work while lines wait out the 10 ms", () => {
    const run = runScript(`
      out.batch();
      out.write("first, written at the end of its turn");
      // A turn later: within 10 ms of that write, so this one waits, and nothing else is left to do.
      setImmediate(() => out.write("second, waiting when the process ends"));
    `);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      "first, written at the end of its turn\nsecond, waiting when the process ends\n",
    );
  });

  it("loses nothing to a signal the process does not handle, as it only batches when told", () => {
    const run = runScript(`
      out.write("before the signal");
      process.kill(process.pid, "SIGTERM");
      setTimeout(() => {}, 5000);
    `);
    expect(run.signal).toBe("SIGTERM");
    expect(run.stderr).toBe("before the signal\n");
  });
});

/** Runs a script with `out`, the process's own stderr line out, in a fresh Node. */
const runScript = (body: string) => {
  const module = JSON.stringify(new URL("../src/log-lines-out.ts", import.meta.url).pathname);
  const script = `import { stderrLineOut } from ${module};\nconst out = stderrLineOut();\n${body}`;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
  });
};
