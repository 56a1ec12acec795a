import { afterEach, describe, expect, it } from "vitest";
import { type ApiTicket, makeTicket } from "../../src/sample-api/generate-tickets";
import {
  type InterceptResult,
  type SampleApi,
  type SampleApiOptions,
  startSampleApi,
} from "../../src/sample-api/sample-api-server";
import { readFixtureJson } from "../support/fixtures";

const TOKEN = "sample-api-test-token";
const sharedJson = (name: string): unknown => readFixtureJson(`ticket-api/${name}`);

let api: SampleApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const start = async (options: Partial<SampleApiOptions> = {}) => {
  api = await startSampleApi({ tickets: [], token: TOKEN, ...options });
  return api;
};

interface Page {
  data: ApiTicket[] | null;
  meta: Record<string, unknown>;
}

const get = async (query: string, headers: Record<string, string> = { authorization: TOKEN }) => {
  if (!api) throw new Error("start the API first");
  const response = await fetch(`${api.url}/api/ticket${query}`, { headers });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: JSON.parse(text) as Page,
  };
};

const ids = (page: Page) => (page.data ?? []).map((t) => t.ticket_id);

const numbered = (count: number, extra: (i: number) => Partial<ApiTicket> = () => ({})) =>
  Array.from({ length: count }, (_, i) => makeTicket({ ticket_id: 1000 + i, ...extra(i) }));

describe("sample API: authorization", () => {
  it.each([
    ["missing", {}],
    ["wrong", { authorization: "nope" }],
    ["Bearer-prefixed", { authorization: `Bearer ${TOKEN}` }],
  ])("answers a %s token with the provider's 401 body", async (_, headers) => {
    await start({ tickets: numbered(3) });
    const res = await get("?page=1&per_page=10", headers);
    expect(res.status).toBe(401);
    expect(res.type).toContain("application/json");
    expect(res.body).toEqual(sharedJson("error-401.sample.json"));
  });

  it("takes the token verbatim as the whole header", async () => {
    await start({ tickets: numbered(3) });
    expect((await get("")).status).toBe(200);
  });
});

describe("sample API: filters", () => {
  const tickets = [
    makeTicket({ ticket_id: 1, state_id: 2, category_id: 10, sub_category_id: 20 }),
    makeTicket({ ticket_id: 2, state_id: 3, category_id: 11, sub_category_id: 21 }),
    makeTicket({ ticket_id: 3, state_id: 2, category_id: 11, sub_category_id: 24 }),
    makeTicket({ ticket_id: 4, state_id: 2, user: { user_id: 9, uname: "Ali" } }),
    makeTicket({ ticket_id: 5, state_id: 4, user: { user_id: 8, uname: "ali" } }),
  ];

  it.each([
    ["", [1, 2, 3, 4, 5]],
    ["?state_id=2", [1, 3, 4]],
    ["?category_id=11", [2, 3]],
    ["?sub_category_id=24", [3]],
    ["?ticket_id=4", [4]],
    ["?ticket_id=99", []],
    ["?username=ali", [5]],
    ["?username=Ali", [4]],
    ["?username=al", []],
    ["?state_id=2&category_id=11", [3]],
    // Unknown parameters are ignored, as a Laravel controller would.
    ["?sort=desc&state_id=2", [1, 3, 4]],
  ])("%s → %j, in the given order", async (query, expected) => {
    await start({ tickets });
    const res = await get(query);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(expected);
    expect(res.body.meta.total).toBe(expected.length);
  });

  it("serves tickets exactly as given, byte for byte in content", async () => {
    const sample = sharedJson("list-tickets.sample.json") as { data: ApiTicket[] };
    await start({ tickets: sample.data });
    expect((await get("")).body.data).toEqual(sample.data);
  });

  it("serves the new list after setTickets", async () => {
    const server = await start({ tickets: numbered(2) });
    server.setTickets(numbered(1, () => ({ ticket_id: 77 })));
    expect(ids((await get("")).body)).toEqual([77]);
  });
});

describe("sample API: pagination meta", () => {
  const meta = (m: Record<string, unknown>) => ({
    status: true,
    message: "Success",
    message_code: "200-1",
    ...m,
  });

  it("defaults to page 1 of 10", async () => {
    await start({ tickets: numbered(25) });
    const res = await get("");
    expect(ids(res.body)).toHaveLength(10);
    expect(res.body.meta).toEqual(
      meta({ current_page: 1, from: 1, last_page: 3, per_page: 10, to: 10, total: 25 }),
    );
  });

  it("describes a partial last page", async () => {
    await start({ tickets: numbered(25) });
    const res = await get("?page=3&per_page=10");
    expect(ids(res.body)).toEqual([1020, 1021, 1022, 1023, 1024]);
    expect(res.body.meta).toEqual(
      meta({ current_page: 3, from: 21, last_page: 3, per_page: 10, to: 25, total: 25 }),
    );
  });

  it("answers an empty list with last_page 1 and null from/to", async () => {
    await start({ tickets: [] });
    const res = await get("?page=1&per_page=10");
    expect(res.body.data).toEqual([]);
    expect(res.body.meta).toEqual(
      meta({ current_page: 1, from: null, last_page: 1, per_page: 10, to: null, total: 0 }),
    );
  });

  it("answers a page past the last one with an empty page, keeping the totals", async () => {
    await start({ tickets: numbered(5) });
    const res = await get("?page=4&per_page=2");
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    expect(res.body.meta).toEqual(
      meta({ current_page: 4, from: null, last_page: 3, per_page: 2, to: null, total: 5 }),
    );
  });

  it("accepts per_page 1000, the documented maximum", async () => {
    await start({ tickets: numbered(1200) });
    const res = await get("?per_page=1000&page=2");
    expect(ids(res.body)).toHaveLength(200);
    expect(res.body.meta).toMatchObject({ last_page: 2, from: 1001, to: 1200 });
  });

  it("treats a page that is not a positive integer as page 1, like Laravel's paginator", async () => {
    await start({ tickets: numbered(3) });
    for (const page of ["0", "-2", "abc", ""]) {
      const res = await get(`?page=${page}`);
      expect(res.status).toBe(200);
      expect(res.body.meta.current_page).toBe(1);
    }
  });
});

describe("sample API: validation", () => {
  it.each([
    ["per_page=1001", "per_page", "must not be greater than 1000"],
    ["per_page=0", "per_page", "at least 1"],
    ["per_page=2.5", "per_page", "integer"],
    ["per_page=", "per_page", "must have a value"],
    ["state_id=", "state_id", "must have a value"],
    ["state_id=null", "state_id", "integer"],
    ["ticket_id=", "ticket_id", "must have a value"],
    ["category_id=x", "category_id", "integer"],
    ["sub_category_id=", "sub_category_id", "must have a value"],
    ["username=", "username", "must have a value"],
  ])("rejects %s with a Laravel-like 422", async (query, field, text) => {
    await start({ tickets: numbered(3) });
    const res = await get(`?page=1&${query}`);
    expect(res.status).toBe(422);
    expect(res.body.data).toBeNull();
    expect(res.body.meta).toMatchObject({ status: false, message_code: "422-1" });
    expect(res.body.meta.message).toContain(text);
    const errors = res.body.meta.errors as Record<string, string[]>;
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]?.[0]).toContain(text);
  });

  it("reports every invalid field, summarised like Laravel", async () => {
    await start();
    const res = await get("?per_page=5000&state_id=&username=");
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.meta.errors as object).sort()).toEqual([
      "per_page",
      "state_id",
      "username",
    ]);
    expect(res.body.meta.message).toMatch(/\(and 2 more errors\)$/);
  });

  it("checks the token before the query", async () => {
    await start();
    expect((await get("?per_page=5000", {})).status).toBe(401);
  });
});

describe("sample API: other routes", () => {
  it("answers other paths with a JSON 404", async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/tickets`, {
      headers: { authorization: TOKEN },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ data: null, meta: { status: false } });
  });

  it("answers other methods with a JSON 405", async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/ticket`, {
      method: "POST",
      headers: { authorization: TOKEN },
      body: "{}",
    });
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ data: null, meta: { status: false } });
  });
});

describe("sample API: recording and intercepts", () => {
  it("records every request with its raw target, query and headers", async () => {
    const server = await start();
    await get("?page=2&username=a%20b", { authorization: TOKEN, "x-extra": "1" });
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req).toMatchObject({
      method: "GET",
      path: "/api/ticket",
      url: "/api/ticket?page=2&username=a%20b",
    });
    expect(req?.query.get("username")).toBe("a b");
    expect(req?.headers.authorization).toBe(TOKEN);
    expect(req?.headers["x-extra"]).toBe("1");
  });

  it("sends a scripted answer, a string verbatim and an object as JSON", async () => {
    let n = 0;
    await start({
      intercept: (): InterceptResult =>
        n++ === 0
          ? {
              status: 502,
              headers: { "content-type": "text/html" },
              body: "<html>Bad gateway</html>",
            }
          : { status: 429, headers: { "retry-after": "7" }, body: { busy: true } },
    });
    const first = await fetch(`${api?.url}/api/ticket`);
    expect(first.status).toBe(502);
    expect(first.headers.get("content-type")).toBe("text/html");
    expect(await first.text()).toBe("<html>Bad gateway</html>");
    const second = await fetch(`${api?.url}/api/ticket`);
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("7");
    expect(await second.json()).toEqual({ busy: true });
  });

  it("falls through to the contract when the intercept answers undefined or only delays", async () => {
    await start({
      tickets: numbered(2),
      intercept: (req) => (req.query.get("page") === "2" ? { delayMs: 20 } : undefined),
    });
    expect(ids((await get("?page=1&per_page=1")).body)).toEqual([1000]);
    expect(ids((await get("?page=2&per_page=1")).body)).toEqual([1001]);
  });

  it("resets the connection mid-body", async () => {
    await start({ tickets: numbered(5), intercept: () => ({ destroyAfterBytes: 30 }) });
    const response = await fetch(`${api?.url}/api/ticket`, { headers: { authorization: TOKEN } });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it("closes even with hung and stalled answers open", async () => {
    let n = 0;
    await start({
      tickets: numbered(5),
      intercept: () => (n++ === 0 ? { hang: true } : { stallAfterBytes: 10 }),
    });
    const hung = fetch(`${api?.url}/api/ticket`).catch((e: unknown) => e);
    const stalled = await fetch(`${api?.url}/api/ticket`, { headers: { authorization: TOKEN } });
    const body = stalled.text().catch((e: unknown) => e);
    await api?.close();
    api = undefined;
    expect(await hung).toBeInstanceOf(TypeError);
    expect(await body).toBeInstanceOf(TypeError);
  });
});
