/**
 * The bot's side of an attack by a hostile ticket panel, in a process of its own so that its
 * memory and its garbage collections are its own: `node --expose-gc --import tsx` this file
 * with a scenario and the panel's URL. The panel stand-in runs in the test, which measures the
 * connections; this process prints one JSON line with what it saw.
 *
 * The ticket client is wired as the bot wires it: the real client behind the request gate.
 */
import { MAX_UPSTREAM_REQUESTS } from "../../src/tickets/panel-limits";
import { gateTicketClient } from "../../src/tickets/request-gate";
import { createTicketClient } from "../../src/tickets/ticket-client";

const [scenario, baseUrl, token, deadlineText] = process.argv.slice(2);
if (!baseUrl || !token) throw new Error("usage: hostile-panel-bot.ts <scenario> <url> <token>");
const deadlineMs = Number(deadlineText ?? "1000");

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

const tickets = gateTicketClient(createTicketClient({ baseUrl, token, timeoutMs: deadlineMs }), {
  maxConcurrent: MAX_UPSTREAM_REQUESTS,
  deadlineMs,
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Call {
  id: number;
  issuedAt: number;
  settledAt?: number;
  outcome?: string;
}

/** One request for ticket `id`: the stand-in chooses its misbehaviour by the id. */
const call = (id: number, calls: Call[]) => {
  const record: Call = { id, issuedAt: Date.now() };
  calls.push(record);
  return tickets
    .listTickets({ filter: { ticketId: id }, page: 1, perPage: 10 })
    .then(
      (page) => {
        record.outcome = `page of ${page.data.length}`;
      },
      (error: unknown) => {
        record.outcome = error instanceof Error ? error.name : String(error);
      },
    )
    .finally(() => {
      record.settledAt = Date.now();
    });
};

/**
 * Slow and endless panels, with collections all along: 4 requests, then once their deadline has
 * passed 16 more, then 24 at once (more than the gate lets through). Stays alive long after the
 * last deadline, so a connection left open would still be open when the test looks.
 */
const connections = async () => {
  const calls: Call[] = [];
  // Warm: the code every request runs is loaded and compiled before the clock matters.
  await call(500, calls);
  calls.length = 0;
  const collecting = setInterval(gc, 100);
  const first = [1, 2, 3, 4].map((id) => call(id, calls));
  await pause(deadlineMs + 100);
  const second = Array.from({ length: 16 }, (_, i) => call(i % 2 ? 10 + i : 100 + i, calls));
  await Promise.all([...first, ...second]);
  const third = Array.from({ length: 24 }, (_, i) => call(i % 2 ? 40 + i : 140 + i, calls));
  await Promise.all(third);
  await pause(1500);
  clearInterval(collecting);
  return { calls };
};

const rss = () => process.memoryUsage().rss;

/** Resident memory at rest, then at its highest under a gzip bomb and 16 huge answers at once. */
const memory = async () => {
  // Warm: modules loaded, code compiled, one real page read, so "idle" is the bot at rest.
  const calls: Call[] = [];
  for (let i = 0; i < 3; i++) await call(500, calls);
  for (let i = 0; i < 3; i++) {
    gc();
    await pause(20);
  }
  const idle = rss();
  let peak = idle;
  const sampling = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 5);
  await call(600, calls);
  const afterBomb = peak;
  await Promise.all(Array.from({ length: 16 }, (_, i) => call(700 + i, calls)));
  clearInterval(sampling);
  peak = Math.max(peak, rss());
  gc();
  return { idle, afterBomb, peak, settled: rss(), calls };
};

const scenarios: Record<string, () => Promise<object>> = { connections, memory };
const run = scenarios[scenario ?? ""];
if (!run) throw new Error(`unknown scenario ${scenario}`);
process.stdout.write(`${JSON.stringify(await run())}\n`);
process.exit(0);
