import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_UPSTREAM_REQUESTS } from "../../src/tickets/panel-limits";

/**
 * A hostile ticket panel against the bot's ticket client, as the bot wires it (gate and client).
 * The bot's side runs in its own process with `--expose-gc` (hostile-panel-bot.ts), so forced
 * garbage collections and resident memory are its own; the panel is here, and counts, at its
 * own end, every connection the bot holds open.
 */

const TOKEN = "panel-token-under-attack";
const repo = resolve(import.meta.dirname, "../..");

interface Connection {
  openedAt: number;
  /** When the panel learnt the bot had let go of it: end, reset or close, whichever first. */
  closedAt?: number;
  ids: number[];
}

let server: Server | undefined;
const timers = new Set<NodeJS.Timeout>();
afterEach(async () => {
  for (const timer of timers) clearInterval(timer);
  timers.clear();
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

const SMALL_PAGE = JSON.stringify({
  data: [],
  meta: { current_page: 1, last_page: 1, per_page: 10, total: 0, status: true },
});

/** 1 MiB of spaces gzipped is about 1 KB; 1,024 such members are one gzip body of 1 GiB. */
const gzipBomb = (): Buffer => {
  const member = gzipSync(Buffer.alloc(1024 * 1024, " "));
  return Buffer.concat(Array.from({ length: 1024 }, () => member));
};

/** Until the bot has read what was written, or gone away. */
const drained = (res: ServerResponse) =>
  new Promise<void>((done) => {
    const finish = () => {
      res.off("drain", finish);
      res.off("close", finish);
      done();
    };
    res.on("drain", finish);
    res.on("close", finish);
  });

/** Writes `total` bytes of `chunk`, minding backpressure; stops when the bot goes away. */
const stream = async (res: ServerResponse, chunk: Buffer, total: number) => {
  for (let sent = 0; sent < total && !res.destroyed; sent += chunk.length) {
    if (!res.write(chunk)) await drained(res);
  }
  res.end();
};

/**
 * The panel, misbehaving by ticket id: under 100 a trickle (headers, then a byte every 200 ms,
 * forever); 100 to 499 an endless body, 200 KB a second; 500 a real small page; 600 a gzip bomb; 700 and up
 * 50 MB without a Content-Length.
 */
const startPanel = async () => {
  const connections: Connection[] = [];
  const bySocket = new Map<Socket, Connection>();
  let open = 0;
  let peak = 0;
  const bomb = gzipBomb();
  const big = Buffer.alloc(64 * 1024, " ");
  // 200 KB a second: the deadline, not the size limit, ends it.
  const endless = Buffer.alloc(4 * 1024, " ");

  const panel = (req: IncomingMessage, res: ServerResponse) => {
    const id = Number(new URL(req.url ?? "/", "http://panel").searchParams.get("ticket_id"));
    bySocket.get(req.socket)?.ids.push(id);
    if (id === 500) {
      res.writeHead(200, { "content-type": "application/json" }).end(SMALL_PAGE);
    } else if (id === 600) {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      void stream(res, bomb, bomb.length);
    } else if (id >= 700) {
      res.writeHead(200, { "content-type": "application/json" });
      void stream(res, big, 50 * 1024 * 1024);
    } else {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      const slow = id < 100;
      const timer = setInterval(() => res.write(slow ? " " : endless), slow ? 200 : 20);
      timers.add(timer);
      res.on("close", () => {
        clearInterval(timer);
        timers.delete(timer);
      });
    }
  };

  server = createServer(panel);
  server.on("connection", (socket: Socket) => {
    const connection: Connection = { openedAt: Date.now(), ids: [] };
    connections.push(connection);
    bySocket.set(socket, connection);
    open += 1;
    // Counted once the panel has read all that arrived with this connection: a close sent just
    // before it may otherwise be read just after, one more for a moment that never was.
    setImmediate(() => {
      peak = Math.max(peak, open);
    });
    const gone = () => {
      if (connection.closedAt !== undefined) return;
      connection.closedAt = Date.now();
      open -= 1;
    };
    socket.once("end", gone);
    socket.once("error", gone);
    socket.once("close", gone);
  });
  await new Promise<void>((done) => server?.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections,
    open: () => open,
    peak: () => peak,
  };
};

interface Call {
  id: number;
  issuedAt: number;
  settledAt?: number;
  outcome?: string;
}

/** Runs the bot's side to the end and returns what it printed. */
const botSide = async (scenario: string, url: string, deadlineMs: number) => {
  const child = spawn(
    process.execPath,
    [
      "--expose-gc",
      "--import",
      "tsx",
      "test/tickets/hostile-panel-bot.ts",
      scenario,
      url,
      TOKEN,
      String(deadlineMs),
    ],
    { cwd: repo, env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => {
    stdout += c;
  });
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const [code] = (await once(child, "exit")) as [number | null];
  expect(stderr).toBe("");
  expect(code).toBe(0);
  return JSON.parse(stdout) as Record<string, unknown>;
};

describe("a panel that never finishes its answers", () => {
  it(`never holds more than ${MAX_UPSTREAM_REQUESTS} connections, none past its deadline by over a second, whatever the GC does`, async () => {
    const deadlineMs = 1000;
    const panel = await startPanel();
    const { calls } = (await botSide("connections", panel.url, deadlineMs)) as { calls: Call[] };

    expect(calls).toHaveLength(44);
    for (const c of calls) expect(c.outcome).toBe("TicketApiTimeoutError");
    // The user hears of the deadline on time, queue included (within the same second's grace).
    for (const c of calls) {
      expect((c.settledAt ?? 0) - c.issuedAt).toBeLessThanOrEqual(deadlineMs + 1000);
    }

    expect(panel.peak()).toBeLessThanOrEqual(MAX_UPSTREAM_REQUESTS);
    expect(panel.open()).toBe(0);
    const issuedAt = new Map(calls.map((c) => [c.id, c.issuedAt]));
    for (const connection of panel.connections) {
      // The warm-up page's own request ended normally; any other on its connection counts.
      const ids = connection.ids.filter((id) => id !== 500);
      if (ids.length > 0) expect(connection.closedAt).toBeDefined();
      for (const id of ids) {
        const lived = (connection.closedAt ?? Number.POSITIVE_INFINITY) - (issuedAt.get(id) ?? 0);
        expect(lived, `connection of ticket ${id}`).toBeLessThanOrEqual(deadlineMs + 1000);
      }
    }
  }, 30_000);
});

describe("a panel that answers far too much", () => {
  it("keeps the bot's memory near idle under a gzip bomb and 16 answers of 50 MB at once", async () => {
    const panel = await startPanel();
    const result = (await botSide("memory", panel.url, 20_000)) as {
      idle: number;
      afterBomb: number;
      peak: number;
      settled: number;
      calls: Call[];
    };
    const mb = (n: number) => Math.round(n / 2 ** 20);
    // Printed for the record: the report of this change quotes these.
    console.info(
      `RSS idle ${mb(result.idle)} MB, after the gzip bomb ${mb(result.afterBomb)} MB, peak ${mb(result.peak)} MB, settled ${mb(result.settled)} MB`,
    );
    const refused = result.calls.filter((c) => c.id >= 600).map((c) => c.outcome);
    expect(refused).toEqual(Array(17).fill("TicketApiTooLargeError"));
    // Generous: 1 GiB inflated, or 800 MB read in full, is far beyond it.
    expect(result.peak).toBeLessThan(3 * result.idle);
  }, 60_000);
});
