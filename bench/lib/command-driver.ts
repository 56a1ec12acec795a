import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { signedHeaders } from "../../src/demo/fakes/slack-driver";
import { type ResponsePost, startSlackStandIn } from "../../src/demo/fakes/slack-stand-in";
import { LOOPBACK, SIGNING_SECRET } from "./settings";

/**
 * Sends signed `/tickets` commands, shaped like Slack's, and times their ack (the HTTP answer)
 * and their answer (the post to `response_url`). The Slack stand-in lives in this process, so
 * sending and arrival are read off one monotonic clock: no cross-process clock skew enters the
 * answer latency. It costs the runner's event loop the same for the bot and the baseline.
 */

export interface CommandOutcome {
  /** When the command was sent (or, under an open-loop schedule, was due to be sent). */
  sentAt: number;
  ackAt?: number;
  status?: number;
  /** The ack's body: empty for a command answered later, the message itself when it was refused. */
  ackBody?: string;
  error?: string;
  answerAt?: number;
  /** The answer carried at least 10 rows (a real list, not an error message). */
  answeredWithList?: boolean;
  /** Settles when the answer arrives or its time limit passes; never rejects. */
  answer?: Promise<void>;
}

interface Waiting {
  outcome: CommandOutcome;
  answered: () => void;
}

// Spellings of state 2 the grammar accepts, so the command text itself varies.
const STATE_2 = [
  "state:2",
  "state:open",
  "state:waiting",
  "STATE:support",
  "state_id:2",
  "state:۲",
];

/** `/tickets state:2` with a different user and page each time: no two queries are alike. */
export const commandText = (i: number): string =>
  `${STATE_2[i % STATE_2.length]} user:u${(i * 7919) % 5000} page:${1 + (i % 50)}`;

const ROWS_IN_A_LIST = 10;

const isList = (body: ResponsePost["body"]): boolean =>
  Array.isArray(body.blocks) &&
  body.blocks.filter((b) => (b as { type?: unknown }).type === "section").length >= ROWS_IN_A_LIST;

export const startSlackSide = async () => {
  const waiting = new Map<string, Waiting>();
  const slack = await startSlackStandIn({
    responseUrl: (post) => {
      const entry = waiting.get(post.id);
      if (entry) {
        entry.outcome.answerAt = performance.now();
        entry.outcome.answeredWithList = isList(post.body);
        waiting.delete(post.id);
        entry.answered();
      }
      // The stand-in records every post for tests; a benchmark needs none of them kept.
      slack.responses.items.length = 0;
      return undefined;
    },
  });

  /** One target's commands, over keep-alive connections up to `sockets` at once. */
  const driverFor = (port: number, sockets: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: sockets });
    let sequence = 0;

    /** Resolves with the ack; `answer` resolves once the answer arrived or `answerLimitMs` passed. */
    const send = (i: number, dueAt?: number, answerLimitMs = 10_000): Promise<CommandOutcome> => {
      const responseUrl = slack.newResponseUrl();
      sequence += 1;
      const form = new URLSearchParams({
        token: "bench",
        team_id: slack.teamId,
        team_domain: "bench",
        channel_id: `C${String(i % 97).padStart(8, "0")}`,
        channel_name: "bench",
        user_id: `U${String(i % 499).padStart(8, "0")}`,
        user_name: `user${i % 499}`,
        command: "/tickets",
        text: commandText(i),
        api_app_id: "A00000000",
        is_enterprise_install: "false",
        response_url: responseUrl.url,
        trigger_id: `${sequence}.${i}.bench`,
      });
      const body = form.toString();
      const outcome: CommandOutcome = { sentAt: dueAt ?? performance.now() };
      let timer: NodeJS.Timeout | undefined;
      outcome.answer = new Promise<void>((answered) => {
        waiting.set(responseUrl.id, {
          outcome,
          answered: () => {
            clearTimeout(timer);
            answered();
          },
        });
        timer = setTimeout(answered, answerLimitMs);
      });
      return new Promise((done) => {
        const req = request(
          {
            host: LOOPBACK,
            port,
            path: "/slack/events",
            method: "POST",
            agent,
            headers: {
              ...signedHeaders(SIGNING_SECRET, body),
              "content-length": Buffer.byteLength(body),
            },
          },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => {
              text += chunk;
            });
            res.on("end", () => {
              outcome.ackAt = performance.now();
              outcome.status = res.statusCode;
              outcome.ackBody = text;
              done(outcome);
            });
            res.on("error", (error) => {
              outcome.error = error.message;
              done(outcome);
            });
          },
        );
        // Slack itself gives up after 3 s; 10 s only keeps a stuck request from hanging the run.
        req.setTimeout(10_000, () => req.destroy(new Error("no ack within 10 s")));
        req.on("error", (error) => {
          outcome.error = error.message;
          done(outcome);
        });
        req.end(body);
      });
    };

    return {
      send,
      close: () => agent.destroy(),
    };
  };

  /** Resolves once every acked command has its answer, or when `limitMs` runs out. */
  const waitForAnswers = async (outcomes: readonly CommandOutcome[], limitMs: number) => {
    const until = performance.now() + limitMs;
    const missing = () => outcomes.filter((o) => o.status === 200 && o.answerAt === undefined);
    while (missing().length > 0 && performance.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
    }
    // Answers that never came must not be matched to a later phase's commands.
    waiting.clear();
  };

  return {
    apiUrl: slack.apiUrl,
    origin: slack.origin,
    driverFor,
    waitForAnswers,
    close: () => slack.close(),
  };
};

export type SlackSide = Awaited<ReturnType<typeof startSlackSide>>;
export type CommandDriver = ReturnType<SlackSide["driverFor"]>;
