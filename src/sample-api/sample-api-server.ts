import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { API_MAX_PER_PAGE } from "../tickets/ticket-query";
import type { ApiTicket } from "./generate-tickets";

/**
 * A loopback stand-in for the provider's ticket API (`GET /api/ticket`), following
 * docs/ticket-api.md: the integration tests' upstream and the demo's.
 */

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The request target exactly as received, e.g. `/api/ticket?page=1&per_page=10`. */
  url: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/**
 * A scripted fault. Without `status` and `body` the contract's own answer is sent, so
 * `{ delayMs }` is a slow API and `{ stallAfterBytes: 10 }` a real answer that stalls.
 */
export interface InterceptResult {
  /** Default 200 when a `body` is given. */
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent verbatim; anything else as JSON (with `content-type: application/json`). */
  body?: string | object | null;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer; the connection stays open until `close()`. */
  hang?: boolean;
  /** Send headers (announcing the full length) and this many body bytes, then reset the connection. */
  destroyAfterBytes?: number;
  /** Send headers (announcing the full length) and this many body bytes, then go silent. */
  stallAfterBytes?: number;
}

export interface SampleApiOptions {
  /** Raw provider JSON tickets, served in this order (the API cannot sort). */
  tickets: ApiTicket[];
  /** The only accepted `Authorization` header value, compared verbatim. */
  token: string;
  /** Default 0: any free port. */
  port?: number;
  host?: string;
  /** Seen first for every request; return `undefined` for the contract's normal answer. */
  intercept?: (
    req: RecordedRequest,
  ) => InterceptResult | Promise<InterceptResult | undefined> | undefined;
}

export interface SampleApi {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
  setTickets(tickets: ApiTicket[]): void;
}

export { API_MAX_PER_PAGE };
export const DEFAULT_PER_PAGE = 10;

/** Byte for byte the content of error-401.sample.json. */
export const unauthorizedBody = () => ({
  data: null,
  meta: {
    status: false,
    message: "اطلاعات وارد شده صحیح نمی باشد",
    message_parameters: [],
    message_code: "400-1",
    errors: {},
  },
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const refusal = (message: string, code: string, errors: Record<string, string[]> = {}) => ({
  data: null,
  meta: { status: false, message, message_parameters: [], message_code: code, errors },
});

const jsonAnswer = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Answer => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: Buffer.from(JSON.stringify(body), "utf8"),
});

const INTEGER = /^-?\d+$/;
const INTEGER_FILTERS = [
  ["ticket_id", "ticket_id"],
  ["category_id", "category_id"],
  ["sub_category_id", "sub_category_id"],
  ["state_id", "state_id"],
] as const;

const label = (param: string) => param.replaceAll("_", " ");

// PHP keeps the last of repeated `a=1&a=2` keys.
const lastValue = (query: URLSearchParams, name: string): string | undefined =>
  query.getAll(name).at(-1);

const validate = (query: URLSearchParams): Record<string, string[]> => {
  const errors: Record<string, string[]> = {};
  const add = (name: string, message: string) => {
    errors[name] = [...(errors[name] ?? []), message];
  };

  const perPage = lastValue(query, "per_page");
  if (perPage !== undefined) {
    if (perPage === "") add("per_page", "The per page field must have a value.");
    else if (!INTEGER.test(perPage)) add("per_page", "The per page field must be an integer.");
    else if (Number(perPage) < 1) add("per_page", "The per page field must be at least 1.");
    else if (Number(perPage) > API_MAX_PER_PAGE) {
      add("per_page", `The per page field must not be greater than ${API_MAX_PER_PAGE}.`);
    }
  }
  const username = lastValue(query, "username");
  if (username === "") add("username", "The username field must have a value.");
  for (const [param] of INTEGER_FILTERS) {
    const value = lastValue(query, param);
    if (value === undefined) continue;
    if (value === "") add(param, `The ${label(param)} field must have a value.`);
    else if (!INTEGER.test(value)) add(param, `The ${label(param)} field must be an integer.`);
  }
  return errors;
};

/** Laravel's summary: the first message, then "(and N more errors)". */
const validationMessage = (errors: Record<string, string[]>): string => {
  const all = Object.values(errors).flat();
  const [first = "The given data was invalid."] = all;
  const more = all.length - 1;
  if (more <= 0) return first;
  return `${first} (and ${more} more error${more === 1 ? "" : "s"})`;
};

// Like Laravel's paginator: a page that is not a positive integer is page 1, not an error.
const resolvePage = (value: string | undefined): number => {
  if (value === undefined || !/^\d+$/.test(value)) return 1;
  const page = Number(value);
  return page >= 1 && Number.isSafeInteger(page) ? page : 1;
};

const listTickets = (query: URLSearchParams, tickets: readonly ApiTicket[]): Answer => {
  const errors = validate(query);
  if (Object.keys(errors).length > 0) {
    return jsonAnswer(422, refusal(validationMessage(errors), "422-1", errors));
  }
  const page = resolvePage(lastValue(query, "page"));
  const perPageParam = lastValue(query, "per_page");
  const perPage = perPageParam === undefined ? DEFAULT_PER_PAGE : Number(perPageParam);

  const username = lastValue(query, "username");
  const wanted = INTEGER_FILTERS.flatMap(([param, field]) => {
    const value = lastValue(query, param);
    return value === undefined ? [] : [{ field, value: Number(value) }];
  });
  const matching = tickets.filter(
    (t) =>
      (username === undefined || t.user?.uname === username) &&
      wanted.every(({ field, value }) => t[field] === value),
  );

  const total = matching.length;
  const offset = (page - 1) * perPage;
  const data = matching.slice(offset, offset + perPage);
  return jsonAnswer(200, {
    data,
    meta: {
      current_page: page,
      from: data.length === 0 ? null : offset + 1,
      last_page: Math.max(1, Math.ceil(total / perPage)),
      per_page: perPage,
      to: data.length === 0 ? null : offset + data.length,
      total,
      status: true,
      message: "Success",
      message_code: "200-1",
    },
  });
};

const contractAnswer = (
  req: RecordedRequest,
  tickets: readonly ApiTicket[],
  token: string,
): Answer => {
  if (req.path !== "/api/ticket") return jsonAnswer(404, refusal("Not Found", "404-1"));
  if (req.method !== "GET") {
    return jsonAnswer(405, refusal("Method Not Allowed", "405-1"), { allow: "GET, HEAD" });
  }
  if (req.headers.authorization !== token) return jsonAnswer(401, unauthorizedBody());
  return listTickets(req.query, tickets);
};

const scriptedAnswer = (script: InterceptResult): Answer => {
  const { body } = script;
  const status = script.status ?? 200;
  if (typeof body === "string" || body === undefined) {
    return { status, headers: { ...script.headers }, body: Buffer.from(body ?? "", "utf8") };
  }
  return jsonAnswer(status, body, script.headers);
};

export const startSampleApi = async (o: SampleApiOptions): Promise<SampleApi> => {
  let tickets = [...o.tickets];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const send = (res: ServerResponse, answer: Answer, script: InterceptResult | undefined) => {
    const cut = script?.destroyAfterBytes ?? script?.stallAfterBytes;
    if (cut === undefined) {
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
      return;
    }
    res.writeHead(answer.status, {
      ...answer.headers,
      "content-length": String(answer.body.length),
    });
    const reset = script?.destroyAfterBytes !== undefined;
    const head = answer.body.subarray(0, Math.max(0, cut));
    if (head.length === 0) {
      res.flushHeaders();
      // Give the headers a moment on the wire before the reset.
      if (reset) void later(20).then(() => res.destroy());
      return;
    }
    res.write(head, () => {
      if (reset) res.destroy();
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const rawUrl = req.url ?? "/";
    const parsed = new URL(rawUrl, "http://sample-api.invalid");
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: parsed.pathname,
      url: rawUrl,
      query: parsed.searchParams,
      headers: req.headers,
    };
    requests.push(recorded);
    req.resume();

    let script: InterceptResult | undefined;
    try {
      script = await o.intercept?.(recorded);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`intercept threw: ${String(error)}`);
      return;
    }
    if (script?.delayMs) await later(script.delayMs);
    if (script?.hang || res.destroyed) return;
    const answer =
      script !== undefined && (script.status !== undefined || script.body !== undefined)
        ? scriptedAnswer(script)
        : contractAnswer(recorded, tickets, o.token);
    send(res, answer, script);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A script Node cannot send (status 1000, a newline in a header) would otherwise be an
      // unhandled rejection that fails an unrelated test, and leave the request hanging.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`scripted answer could not be sent: ${String(error)}`);
    });
  });
  const host = o.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    requests,
    setTickets(next) {
      tickets = [...next];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung and stalled answers, and clients' keep-alive sockets, would hold close() open.
        server.closeAllConnections();
      }),
  };
};
