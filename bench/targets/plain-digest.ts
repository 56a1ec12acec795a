import { performance } from "node:perf_hooks";
import { announce, argValue, exitWithRunner } from "../lib/child-protocol";

/**
 * The digest's reference, in a process of its own: the same pages the digest reads, at the same
 * page size and concurrency (page 1 first, since it says how many there are, then the rest N at
 * a time), fetched with Node's own `fetch` and only `JSON.parse`d. No validation, no folding, no
 * rendering: the least any digest costs on one thread, measured beside it in the same run.
 * It imports nothing of the bot; the runner passes the bot's page size and concurrency.
 */

exitWithRunner();
const expected = Number(argValue("size"));
const runs = Number(argValue("runs", "3"));
const perPage = Number(argValue("per-page"));
const concurrency = Number(argValue("concurrency"));
const base = process.env.TICKET_API_URL;
const token = process.env.TICKET_API_TOKEN;
if (!base || !token) throw new Error("TICKET_API_URL and TICKET_API_TOKEN are required");

interface Page {
  data: unknown[];
  meta: { last_page: number };
}

const fetchPage = async (page: number): Promise<Page> => {
  const url = `${base}/api/ticket?page=${page}&per_page=${perPage}&state_id=2`;
  const res = await fetch(url, { headers: { Authorization: token } });
  if (!res.ok) throw new Error(`page ${page}: HTTP ${res.status}`);
  return JSON.parse(await res.text()) as Page;
};

const readAll = async (): Promise<number> => {
  const first = await fetchPage(1);
  let rows = first.data.length;
  let next = 2;
  const worker = async () => {
    while (next <= first.meta.last_page) {
      const page = await fetchPage(next++);
      rows += page.data.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return rows;
};

const wallMs: number[] = [];
const cpuMs: number[] = [];
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const rows = await readAll();
  wallMs.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuBefore);
  cpuMs.push((cpu.user + cpu.system) / 1000);
  if (rows !== expected) throw new Error(`read ${rows} rows, not ${expected}`);
}
announce("RESULT", { tickets: expected, wallMs, cpuMs });
process.exit(0);
