import type { Rung } from "./ladder";
import { FLOOD_COMMAND_GAP_MS } from "./plan";
import { mb, ms, table, times, us, verdict } from "./report";
import type { Results, ThroughputStep } from "./results";
import { median, ratio } from "./stats";

/** The tables a run prints, and a full run on a quiet machine writes into docs/performance.md. */

const n0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : "–");
const en = (x: number) => x.toLocaleString("en");
const ms1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
const spread = (values: readonly number[]) =>
  values.length === 0
    ? "–"
    : values.length === 1
      ? n0(values[0] ?? Number.NaN)
      : `${n0(median(values))} (${n0(Math.min(...values))}–${n0(Math.max(...values))})`;

const stepText = (r: Rung<ThroughputStep>) => {
  const s = r.final;
  const figures = s.overloaded
    ? "overloaded"
    : `${s.ackP99Ms.toFixed(0)} / ${Number.isFinite(s.answerP99Ms) ? s.answerP99Ms.toFixed(0) : "–"}`;
  const marks = [
    r.attempts.length > 1 ? "retried" : "",
    s.toldBusy > 0 ? `${s.toldBusy} busy` : "",
    s.ok ? "" : "not held",
  ].filter(Boolean);
  return `${r.rate}/s: ${figures}${marks.length > 0 ? ` (${marks.join(", ")})` : ""}`;
};

export const renderReport = (r: Results): string => {
  const m = r.machine;
  const load = r.load;
  const others =
    load.method === "others"
      ? `; other processes' load (the benchmark's own left out) ${load.othersMax ?? "–"} over the busiest minute, ${load.othersMean ?? "–"} over the run`
      : "";
  const t = r.throughput;
  const s = r.settings;
  const sections = [
    `Measured ${r.startedAt.slice(0, 10)} (${r.mode} run, ${r.durationS} s) on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; load average ${load.system.start} at the start, ${load.system.max} at most, ${load.system.end} at the end${others}; Node ${m.node}, Bolt ${m.bolt}. Ours is the bot; the baseline is a bare Bolt app (same Bolt, same HTTPReceiver) that acks, makes the same upstream call and \`JSON.parse\`s it, then answers a fixed 10-row message of the bot's shape and size (about 8,300 characters). Both are bundled with the production build's esbuild options and run with plain \`node\`. Times in ms unless marked.`,
    "**Targets**:",
    table(
      ["target", "measured", "limit", ""],
      r.targets.map((x) => [x.name, x.measured, x.limit, verdict(x.met)]),
    ),
    `**Digest**: every waiting ticket read in pages of ${s.digestPageSize}, ${s.digestConcurrency} at a time after the first (the bot's own settings), ${s.digestUpstreamLatencyMs} ms simulated latency per page, the ticket API serving pages encoded in advance. Each size runs in its own process, ${s.digestRuns} times: the first run is judged (a daily digest is always a process's first), warm is the median of the rest. The plain client fetches the same pages the same way and only \`JSON.parse\`s them; ideal = latency × (1 + ⌈(pages − 1) ÷ ${s.digestConcurrency}⌉). RSS growth is the first run's peak above the process's RSS before it${r.digest.every((d) => d.ours.firstRunPeakFrom === "kernel") ? " (the kernel's own peak, reset just before the run)" : " (the highest of samples every 5 ms and after every page)"}:`,
    table(
      [
        "tickets",
        "pages",
        "ideal",
        "plain client first / warm",
        "ours first / warm",
        "first ÷ plain",
        "warm ÷ plain",
        "ours first ÷ ideal",
        "ours CPU first",
        "idle RSS MB",
        "RSS growth MB",
        "peak RSS MB (all runs)",
      ],
      r.digest.map((d) => [
        en(d.tickets),
        String(d.pages),
        String(d.idealMs),
        `${n0(d.plain.firstMs)} / ${n0(d.plain.warmMs)}`,
        `${n0(d.ours.firstMs)} / ${n0(d.ours.warmMs)}`,
        times(d.firstVsPlain),
        times(d.warmVsPlain),
        times(d.firstVsIdeal),
        n0(d.ours.cpuMs[0] ?? Number.NaN),
        mb(d.ours.idleRss),
        mb(d.ours.firstRunGrowthBytes),
        mb(Math.max(d.ours.peakRss, d.ours.maxRss)),
      ]),
    ),
    `**Acks during a digest**: commands sent at ${r.duringDigest.rate}/s (open loop) to a bot while it posts a digest of ${en(r.duringDigest.tickets)} waiting tickets, its first, in the same process; each run a fresh bot. Ack p50 / p99 / max; answers minus the ${s.digestUpstreamLatencyMs} ms upstream latency:`,
    table(
      [
        "run",
        "digest wall / CPU",
        "commands",
        "acked within 3 s",
        "ack",
        "answered with a list",
        "answer",
      ],
      [
        ...r.duringDigest.runs.map((x, i) => [
          String(i + 1),
          `${n0(x.digestMs)} / ${n0(x.digestCpuMs)}`,
          String(x.sent),
          String(x.ackedInTime),
          ms(x.ackMs),
          String(x.answeredWithList),
          ms(x.answerMs),
        ]),
        [
          "all",
          "",
          String(r.duringDigest.sent),
          String(r.duringDigest.ackedInTime),
          ms(r.duringDigest.ackMs),
          "",
          "",
        ],
      ],
    ),
    `**Acks at equal offered rates**: both climb the same rates (open loop, ${t.stepMs / 1000} s steps${t.pooledAcks > 0 ? `, longer at low rates so that every rate is sent ${en(t.pooledAcks)} commands in all` : ""}, rate × ${t.factor} each step, a failed step tried once more before it counts), ${t.repetitions.length} times each with fresh processes, for every rate up to the baseline's sustained rate (${t.baselineTopped ? "≥ " : ""}${t.equalRates.upToRate}/s, median; "≥" when every rate tried held). The target judges the p99 of all the repetitions' acks at a rate together (a command never acked counts as slowest); each repetition's own p99 is beside it, median (lowest–highest), with the ratio of those medians:`,
    table(
      [
        "rate",
        "acks",
        "ours p99",
        "baseline p99",
        "ratio",
        "ours, each",
        "baseline, each",
        "ratio of medians",
      ],
      t.equalRates.rates.map((x) => [
        `${x.rate}/s`,
        x.samples.ours === x.samples.baseline
          ? en(x.samples.ours)
          : `${en(x.samples.ours)} / ${en(x.samples.baseline)}`,
        ms1(x.oursPooled),
        ms1(x.baselinePooled),
        times(x.ratio),
        spread(x.ours),
        spread(x.baseline),
        times(x.ratioOfMedians),
      ]),
    ),
    `**Throughput**: the highest rate whose p99 ack stays ≤ ${t.p99AckLimitMs} ms with every command acked (the next column also asks every answer to arrive, p99 ≤ ${t.p99AckLimitMs} ms), median of the repetitions; the steps of each (p99 ack / p99 answer; "busy" counts commands told "busy, try again"):`,
    table(
      ["", "commands/s", "… with answers keeping up", "rates tried, each repetition"],
      [
        [
          "ours",
          `${t.oursTopped ? "≥ " : ""}${n0(t.ours.sustained)}`,
          n0(t.ours.answersKeptUpTo),
          t.repetitions.map((x) => x.ours.rungs.map(stepText).join(", ")).join(" ‖ "),
        ],
        [
          "baseline",
          `${t.baselineTopped ? "≥ " : ""}${n0(t.baseline.sustained)}`,
          n0(t.baseline.answersKeptUpTo),
          t.repetitions.map((x) => x.baseline.rungs.map(stepText).join(", ")).join(" ‖ "),
        ],
        [
          "ratio",
          times(t.ratio),
          times(ratio(t.ours.answersKeptUpTo, t.baseline.answersKeptUpTo)),
          "",
        ],
      ],
    ),
    `**Ack and answer, closed loop**: N commands in progress at once (each until its answer arrives, then the next is sent), after at least ${s.warmupCommands} warm-up commands (twice N if more), ticket API answering in ${s.commandUpstreamLatencyMs} ms. A target that answers slowly is sent fewer commands per second, so the acks here are not compared (see equal rates above); the answers are, against the baseline that makes the same upstream call. p50 / p99 / max:`,
    table(
      [
        "concurrent",
        "commands",
        "ack ours",
        "ack baseline",
        "answer ours",
        "answer baseline",
        "answer p99 ratio",
        "answered with a list (ours / baseline)",
        "commands/s (ours / baseline)",
        "runner busy",
      ],
      r.closedLoop.map((a) => [
        String(a.concurrency),
        String(a.ours.sent),
        ms(a.ours.ackMs),
        ms(a.baseline.ackMs),
        ms(a.ours.answerMs),
        ms(a.baseline.answerMs),
        times(a.answerP99Ratio),
        `${a.ours.answeredWithList} / ${a.baseline.answeredWithList}`,
        `${a.ours.commandsPerSecond} / ${a.baseline.commandsPerSecond}`,
        `${Math.round(a.ours.runnerBusy * 100)} % / ${Math.round(a.baseline.runnerBusy * 100)} %`,
      ]),
    ),
    `**Burst**: ${r.burst.size} commands sent at the same moment, the ticket API taking ${r.burst.upstreamMs} ms per request (the bot keeps at most ${s.upstreamRequestsAtOnce} requests in flight; queries all differ, so none are shared):`,
    table(
      [
        "acked within 3 s",
        "ack p50 / p99 / max",
        "answered with a list",
        "answer p50 / p99 / max (minus upstream)",
        "upstream requests in flight at most",
      ],
      [
        [
          `${r.burst.ackedInTime} of ${r.burst.sent}`,
          ms(r.burst.ackMs),
          `${r.burst.answeredWithList} of ${r.burst.sent}`,
          ms(r.burst.answerMs),
          String(r.burst.upstreamMaxInFlight),
        ],
      ],
    ),
    `**At once**: ${r.atOnce.size} commands sent in the same instant on as many connections, the ticket API answering in ${r.atOnce.upstreamMs} ms, so answers compete with acks; a command the bot cannot take in time is told "busy, try again" in its ack:`,
    table(
      [
        "acked within 3 s",
        "ack p50 / p99 / max",
        "told busy",
        "answered with a list",
        "answer p50 / p99 / max",
      ],
      [
        [
          `${r.atOnce.ackedInTime} of ${r.atOnce.sent}`,
          ms(r.atOnce.ackMs),
          String(r.atOnce.toldBusy),
          `${r.atOnce.answeredWithList} of ${r.atOnce.sent}`,
          ms(r.atOnce.answerMs),
        ],
      ],
    ),
    `**Flood**: ${r.flood.sent} commands, one every ${FLOOD_COMMAND_GAP_MS} ms, while ${r.flood.connections} connections keep posting unsigned ${r.flood.bodyBytes / 1024 / 1024} MB bodies (${r.flood.floodRequests} of them during the run; answers: ${Object.entries(
      r.flood.floodStatuses,
    )
      .map(([status, count]) => `${count} × ${status}`)
      .join(", ")}):`,
    table(
      ["acked within 3 s", "ack p50 / p99 / max", "answered with a list", "answer p50 / p99 / max"],
      [
        [
          `${r.flood.ackedInTime} of ${r.flood.sent}`,
          ms(r.flood.ackMs),
          `${r.flood.answeredWithList} of ${r.flood.sent}`,
          ms(r.flood.answerMs),
        ],
      ],
    ),
    "**Render** (µs per call, own process; the plain JSON column is the same data through `JSON.stringify`/`JSON.parse`, the least any answer costs):",
    table(
      ["what", "ours µs", "plain JSON µs", "ratio"],
      [
        [
          "20-row list (`renderTicketList`)",
          us(r.render.list20.render.usPerCall),
          us(r.render.list20.stringify.usPerCall),
          times(ratio(r.render.list20.render.usPerCall, r.render.list20.stringify.usPerCall)),
        ],
        [
          "digest of 10,000 tickets (`renderDigest`)",
          us(r.render.digest10k.render.usPerCall),
          us(r.render.digest10k.stringify.usPerCall),
          times(ratio(r.render.digest10k.render.usPerCall, r.render.digest10k.stringify.usPerCall)),
        ],
        [
          "folding 10,000 parsed tickets into a digest summary",
          us(r.render.digest10k.fold.usPerCall),
          "",
          "",
        ],
        [
          "parsing one 1,000-row page (`JSON.parse` + schema)",
          us(r.render.page1000.parse.usPerCall),
          us(r.render.page1000.jsonParse.usPerCall),
          times(ratio(r.render.page1000.parse.usPerCall, r.render.page1000.jsonParse.usPerCall)),
        ],
      ],
    ),
    `**Cold start**, median of ${r.coldStart.runs} fresh processes each (after one uncounted run), spawn → listening and spawn → the first command acked:`,
    table(
      ["", "started as", "spawn → listening", "spawn → first ack"],
      [
        [
          "ours",
          r.coldStart.ours.how,
          n0(r.coldStart.ours.spawnToReadyMs),
          n0(r.coldStart.ours.spawnToFirstAckMs),
        ],
        [
          "baseline",
          r.coldStart.baseline.how,
          n0(r.coldStart.baseline.spawnToReadyMs),
          n0(r.coldStart.baseline.spawnToFirstAckMs),
        ],
        ["ratio", "", times(r.coldStart.readyRatio), times(r.coldStart.firstAckRatio)],
      ],
    ),
  ];
  if (r.notes.length > 0) sections.push(`**Notes**:\n\n${r.notes.map((x) => `- ${x}`).join("\n")}`);
  return sections.join("\n\n");
};
