import { describe, expect, it } from "vitest";
import { batchedLines } from "../src/log-lines-out";

/** A stream that records each write, and a turn of the loop the test ends by hand. */
const setUp = () => {
  const writes: string[] = [];
  let endOfTurn: (() => void) | undefined;
  const lines = batchedLines({ write: (chunk: string) => writes.push(chunk) }, (flush) => {
    endOfTurn = flush;
  });
  const endTurn = () => {
    const f = endOfTurn;
    endOfTurn = undefined;
    f?.();
  };
  return { writes, lines, endTurn, scheduled: () => endOfTurn !== undefined };
};

describe("batchedLines", () => {
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

  it("writes at once past 64 KB waiting, so a burst of lines cannot pile up", () => {
    const { writes, lines } = setUp();
    const line = "x".repeat(1023);
    for (let i = 0; i < 64; i++) lines.write(line);
    expect(writes).toEqual([]);
    lines.write(line);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBe(`${line}\n`.repeat(65));
  });

  it("leaves nothing behind on exit: a process that logs and exits has every line written", async () => {
    const { spawnSync } = await import("node:child_process");
    const script = `
      import { stderrLineOut } from ${JSON.stringify(new URL("../src/log-lines-out.ts", import.meta.url).pathname)};
      const out = stderrLineOut();
      out.write("before exit 1");
      out.write("before exit 2");
      process.exit(3);
    `;
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        encoding: "utf8",
      },
    );
    expect(run.status).toBe(3);
    expect(run.stderr).toBe("before exit 1\nbefore exit 2\n");
  });
});
