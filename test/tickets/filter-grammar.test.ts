import { describe, expect, it } from "vitest";
import type { CommandError, TicketsCommand } from "../../src/tickets/command";
import {
  type FilterDraft,
  MAX_COMMAND_LENGTH,
  parseTicketsCommand,
  toTicketQuery,
} from "../../src/tickets/filter-grammar";
import { STATE_NAMES } from "../../src/tickets/states";
import { MAX_ID, MAX_USERNAME_LENGTH } from "../../src/tickets/ticket-filters";
import {
  LIST_DEFAULT_PER_PAGE,
  LIST_MAX_PER_PAGE,
  MAX_PAGE,
  type TicketQuery,
} from "../../src/tickets/ticket-query";

type ListCommand = Extract<TicketsCommand, { kind: "list" }>;

const listOf = (text: string): ListCommand => {
  const result = parseTicketsCommand(text);
  if (!result.ok || result.command.kind !== "list") {
    throw new Error(`expected a list for ${JSON.stringify(text)}: ${JSON.stringify(result)}`);
  }
  return result.command;
};

const queryOf = (text: string): TicketQuery => listOf(text).query;

const errorsOf = (text: string): CommandError[] => {
  const result = parseTicketsCommand(text);
  if (result.ok) {
    throw new Error(`expected errors for ${JSON.stringify(text)}: ${JSON.stringify(result)}`);
  }
  return result.errors;
};

const defaults = { page: 1, perPage: LIST_DEFAULT_PER_PAGE };
const persian = (n: number) => String(n).replace(/\d/g, (d) => String.fromCharCode(0x06f0 + +d));
const arabic = (n: number) => String(n).replace(/\d/g, (d) => String.fromCharCode(0x0660 + +d));

describe("parseTicketsCommand: no arguments", () => {
  it.each(["", "   ", "\n\t", "\u00a0\u3000", "\u200b", "\ufeff \u200f"])(
    "%j lists every ticket, first page, default page size",
    (text) => {
      expect(listOf(text)).toStrictEqual({
        kind: "list",
        query: { filter: {}, page: 1, perPage: 10 },
        notices: [],
      });
    },
  );
});

describe("parseTicketsCommand: help and digest", () => {
  it.each(["help", "HELP", "Help", " help ", "-h", "--help", "—help", "?", "؟", "\u200bhelp"])(
    "%j alone asks for help",
    (text) => {
      expect(parseTicketsCommand(text)).toStrictEqual({ ok: true, command: { kind: "help" } });
    },
  );

  it.each(["digest", "DIGEST", " Digest\n"])("%j alone asks for the digest", (text) => {
    expect(parseTicketsCommand(text)).toStrictEqual({ ok: true, command: { kind: "digest" } });
  });

  it.each([
    ["help state:2", "help", "help"],
    ["state:2 --help", "--help", "help"],
    ["? user:bob", "?", "help"],
    ["digest page:2", "digest", "digest"],
    ["help digest", "help", "help"],
  ])("%j: a command word among filters is a bare word", (text, token, suggestion) => {
    expect(errorsOf(text)).toContainEqual({ kind: "bare-word", token, suggestion });
  });

  it("reports both words of `help digest`", () => {
    expect(errorsOf("help digest")).toStrictEqual([
      { kind: "bare-word", token: "help", suggestion: "help" },
      { kind: "bare-word", token: "digest", suggestion: "digest" },
    ]);
  });
});

describe("parseTicketsCommand: keys and aliases", () => {
  it.each<[string, Partial<TicketQuery>]>([
    ["state:2", { filter: { stateId: 2 } }],
    ["state_id:3", { filter: { stateId: 3 } }],
    ["user:bob", { filter: { username: "bob" } }],
    ["username:bob", { filter: { username: "bob" } }],
    ["id:100001 page:1", { filter: { ticketId: 100001 } }],
    ["ticket_id:100001 page:1", { filter: { ticketId: 100001 } }],
    ["category:7", { filter: { categoryId: 7 } }],
    ["category_id:7", { filter: { categoryId: 7 } }],
    ["subcategory:8", { filter: { subCategoryId: 8 } }],
    ["sub:8", { filter: { subCategoryId: 8 } }],
    ["sub_category_id:8", { filter: { subCategoryId: 8 } }],
    ["page:4", { page: 4 }],
    ["per_page:15", { perPage: 15 }],
    ["perpage:15", { perPage: 15 }],
    ["per-page:15", { perPage: 15 }],
  ])("%j", (text, expected) => {
    expect(queryOf(text)).toStrictEqual({ filter: {}, ...defaults, ...expected });
  });

  it.each(["STATE:2", "State_Id:2", "sTaTe:2"])("%j: keys are case-insensitive", (text) => {
    expect(queryOf(text).filter).toStrictEqual({ stateId: 2 });
  });

  it("takes every key at once, in any order", () => {
    expect(queryOf("per_page:5 sub:8 page:3 category:7 id:42 USER:Bob state:closed")).toStrictEqual(
      {
        filter: { stateId: 4, username: "Bob", ticketId: 42, categoryId: 7, subCategoryId: 8 },
        page: 3,
        perPage: 5,
      },
    );
  });

  it("leaves unwanted filters out of the query entirely", () => {
    expect(Object.keys(queryOf("user:bob").filter)).toStrictEqual(["username"]);
  });

  it.each([
    ["user: bob", { username: "bob" }],
    ["state: closed", { stateId: 4 }],
    ["id: #5 user:bob", { ticketId: 5, username: "bob" }],
    ["state:\nopen user:\u00a0bob", { stateId: 2, username: "bob" }],
  ])("%j: a value may follow `key:` as the next word", (text, filter) => {
    expect(queryOf(text).filter).toStrictEqual(filter);
  });

  it("accepts a full-width colon", () => {
    expect(queryOf("state：2 user：bob").filter).toStrictEqual({ stateId: 2, username: "bob" });
  });
});

describe("parseTicketsCommand: states", () => {
  it.each(Object.entries(STATE_NAMES))("state:%s is state %i", (name, id) => {
    expect(queryOf(`state:${name}`).filter).toStrictEqual({ stateId: id });
    expect(queryOf(`state:${name.toUpperCase()}`).filter).toStrictEqual({ stateId: id });
  });

  it.each([1, 2, 3, 4, 5])("state %i in ASCII, Persian and Arabic-Indic digits", (id) => {
    for (const digits of [String(id), persian(id), arabic(id), `0${id}`]) {
      expect(queryOf(`state:${digits}`).filter).toStrictEqual({ stateId: id });
    }
  });

  it("reads underscores in a name as hyphens", () => {
    expect(queryOf("state:Waiting_For_Support").filter).toStrictEqual({ stateId: 2 });
  });

  it.each([
    ["state:closd", "closed"],
    ["state:opne", "open"],
    ["state:clsoed", "closed"],
    ["state:answerd", "answered"],
    ["state:forwardd", "forwarded"],
    ["state:waiting-for-suport", "waiting-for-support"],
    ["STATE:CLOSD", "closed"],
  ])("%j suggests %j", (token, suggestion) => {
    expect(errorsOf(token)).toStrictEqual([{ kind: "unknown-state", token, suggestion }]);
  });

  it.each([
    "state:9",
    "state:0",
    "state:۹",
    "state:xyz",
    "state:1.5",
    "state:-1",
    "state:#2",
    "state:constructor",
    "state:__proto__",
    "state:toString",
  ])("%j is unknown, with nothing close to suggest", (token) => {
    expect(errorsOf(token)).toStrictEqual([{ kind: "unknown-state", token }]);
  });

  it("names both words of a `state: value` pair", () => {
    expect(errorsOf("state: closd")).toStrictEqual([
      { kind: "unknown-state", token: "state: closd", suggestion: "closed" },
    ]);
  });
});

describe("parseTicketsCommand: state names in Persian", () => {
  const ZWNJ = "\u200C";
  it.each<[string, number]>([
    ["state:در-انتظار-پشتیبانی", 2],
    ["state:در_انتظار_پشتیبانی", 2],
    ["state:منتظر-پشتیبانی", 2],
    ["state:باز", 2],
    ["state:در-انتظار-پاسخ-مشتری", 1],
    ["state:منتظر-مشتری", 1],
    [`state:پاسخ${ZWNJ}داده${ZWNJ}شده`, 3],
    ["state:پاسخ-داده-شده", 3],
    [`state:بسته${ZWNJ}شده`, 4],
    ["state:بسته", 4],
    ["state:ارجاع-شده", 5],
    // Arabic keyboards type ي and ك; a kashida only stretches a letter.
    ["state:در-انتظار-پشتيباني", 2],
    ["state:بســته", 4],
  ])("%j is state %i", (text, id) => {
    expect(queryOf(text).filter).toStrictEqual({ stateId: id });
  });

  it.each<[string, number]>([
    ["state:در انتظار پشتیبانی", 2],
    ["state: در انتظار پشتیبانی user:ali", 2],
    ["state:در انتظار پاسخ مشتری", 1],
    ["state:پاسخ داده شده page:2", 3],
    ["state:waiting for support", 2],
    // The longest name wins: `waiting` alone would be state 2.
    ["state:waiting for response", 1],
  ])("%j: a name may be typed with spaces", (text, id) => {
    expect(queryOf(text).filter.stateId).toBe(id);
  });

  it("takes no word after a name that does not continue it", () => {
    expect(errorsOf("state:باز انتظار")).toStrictEqual([{ kind: "bare-word", token: "انتظار" }]);
    expect(queryOf("state:باز #100001").filter).toStrictEqual({ stateId: 2, ticketId: 100_001 });
  });

  it("names every word of a spaced name in an error", () => {
    expect(errorsOf("state:در انتظار پشتیبانی state:2")).toStrictEqual([
      { kind: "repeated-key", token: "state:2", key: "state" },
    ]);
    expect(errorsOf("state:در انتظار پشتیبانی page:0")).toStrictEqual([
      { kind: "out-of-range", token: "page:0", key: "page", min: 1, max: MAX_PAGE },
    ]);
  });

  it.each([
    ["state:بسطه", "بسته"],
    ["state:در-انتظار-پشتیبانیی", "در-انتظار-پشتیبانی"],
    ["state:ارجاغ-شده", "ارجاع-شده"],
  ])("%j suggests %j, spelled as help writes it", (token, suggestion) => {
    expect(errorsOf(token)).toStrictEqual([{ kind: "unknown-state", token, suggestion }]);
  });

  it("suggests `state:` for a Persian state name typed alone", () => {
    expect(errorsOf("باز")).toStrictEqual([
      { kind: "bare-word", token: "باز", suggestion: "state:باز" },
    ]);
  });

  it.each(["راهنما", " راهنما "])("%j alone asks for help", (text) => {
    expect(parseTicketsCommand(text)).toStrictEqual({ ok: true, command: { kind: "help" } });
  });
});

describe("parseTicketsCommand: ticket ids", () => {
  it.each([
    "#100001",
    "100001",
    "id:#100001",
    "ticket_id:#100001",
    "۱۰۰۰۰۱",
    "#١٠٠٠٠١",
    "id:۱۰۰۰۰۱",
    "id:١٠٠٠٠١",
  ])("%j alone asks for ticket 100001's details", (text) => {
    expect(parseTicketsCommand(text)).toStrictEqual({
      ok: true,
      command: { kind: "details", ticketId: 100001 },
    });
  });

  it.each(["#100001 page:1", "id:100001 per_page:5", "state:2 #100001"])(
    "%j: a ticket number with any other key filters a list",
    (text) => {
      expect(queryOf(text).filter.ticketId).toBe(100001);
    },
  );

  it("takes a bare number with other filters", () => {
    expect(queryOf("state:open 42").filter).toStrictEqual({ stateId: 2, ticketId: 42 });
  });

  it("accepts the largest id and mixed digit scripts", () => {
    expect(queryOf(`id:${MAX_ID} page:1`).filter).toStrictEqual({ ticketId: MAX_ID });
    expect(queryOf("category:1۲٣").filter).toStrictEqual({ categoryId: 123 });
  });
});

describe("parseTicketsCommand: numbers", () => {
  it.each([
    ["page:٣", { page: 3 }],
    ["page:۱۲", { page: 12 }],
    [`page:${MAX_PAGE}`, { page: MAX_PAGE }],
    ["per_page:۲۰", { perPage: 20 }],
    ["per_page:1", { perPage: 1 }],
    ["sub:٨", { filter: { subCategoryId: 8 } }],
  ])("%j", (text, expected) => {
    expect(queryOf(text)).toStrictEqual({ filter: {}, ...defaults, ...expected });
  });

  it.each([
    ["id:1.5", "id"],
    ["id:-3", "id"],
    ["id:1e3", "id"],
    ["id:0x10", "id"],
    ["id:12abc", "id"],
    ["id:+5", "id"],
    ["id:##5", "id"],
    ["page:two", "page"],
    ["page:١.٥", "page"],
    ["per_page:1,000", "per_page"],
    ["category:#3", "category"],
    ["sub:٣a", "subcategory"],
  ])("%j is not an integer", (token, key) => {
    expect(errorsOf(token)).toStrictEqual([{ kind: "not-an-integer", token, key }]);
  });

  it.each([
    ["id:0", "id", MAX_ID],
    ["#0", "id", MAX_ID],
    [`id:${MAX_ID + 1}`, "id", MAX_ID],
    [`${MAX_ID + 1}`, "id", MAX_ID],
    ["category:0", "category", MAX_ID],
    ["sub:99999999999", "subcategory", MAX_ID],
    ["page:0", "page", MAX_PAGE],
    [`page:${MAX_PAGE + 1}`, "page", MAX_PAGE],
    ["per_page:0", "per_page", LIST_MAX_PER_PAGE],
    ["per_page:۰", "per_page", LIST_MAX_PER_PAGE],
    // Past 2^53 the notice could not say what was asked for.
    ["per_page:99999999999999999999", "per_page", LIST_MAX_PER_PAGE],
  ])("%j is out of range", (token, key, max) => {
    expect(errorsOf(token)).toStrictEqual([{ kind: "out-of-range", token, key, min: 1, max }]);
  });
});

describe("parseTicketsCommand: per_page above the list size", () => {
  it.each([21, 50, 1000, 1001, 5000, 2 ** 53 - 1])("per_page:%i is lowered to 20", (requested) => {
    expect(listOf(`per_page:${requested}`)).toStrictEqual({
      kind: "list",
      query: { filter: {}, page: 1, perPage: LIST_MAX_PER_PAGE },
      notices: [{ kind: "per-page-lowered", requested, used: LIST_MAX_PER_PAGE }],
    });
  });

  it("reads the requested number from any digit script", () => {
    expect(listOf("perpage:۵۰").notices).toStrictEqual([
      { kind: "per-page-lowered", requested: 50, used: 20 },
    ]);
  });

  it("gives no notice at or under the limit", () => {
    expect(listOf("per_page:20").notices).toStrictEqual([]);
  });
});

describe("parseTicketsCommand: user", () => {
  it.each([
    ["user:Bob", "Bob"],
    ["user:@bob", "bob"],
    ["user:@@bob", "@bob"],
    ["user:a:b", "a:b"],
    ["user:علی", "علی"],
    ["user:\u200bbob\u200f", "bob"],
    [`user:${"x".repeat(MAX_USERNAME_LENGTH)}`, "x".repeat(MAX_USERNAME_LENGTH)],
  ])("%j is user %j", (text, username) => {
    expect(queryOf(text).filter).toStrictEqual({ username });
  });

  it("refuses a name over the limit, naming the whole token", () => {
    const token = `username:${"x".repeat(MAX_USERNAME_LENGTH + 1)}`;
    expect(errorsOf(token)).toStrictEqual([
      { kind: "too-long", token, key: "user", max: MAX_USERNAME_LENGTH },
    ]);
  });

  it("takes `@` alone as no name", () => {
    expect(errorsOf("user:@")).toStrictEqual([
      { kind: "missing-value", token: "user:@", key: "user" },
    ]);
  });
});

describe("parseTicketsCommand: Slack's text", () => {
  it.each([
    ["user:a&amp;b", "a&b"],
    ["user:&lt;x&gt;", "<x>"],
    ["user:&amp;lt;", "&lt;"],
    ["user:&amp;amp;", "&amp;"],
    ["user:&quot;x&#39;", "&quot;x&#39;"],
  ])("%j decodes to %j", (text, username) => {
    expect(queryOf(text).filter).toStrictEqual({ username });
  });

  it("names tokens after decoding", () => {
    expect(errorsOf("a&amp;b")).toStrictEqual([{ kind: "bare-word", token: "a&b" }]);
  });

  it.each(["<@U123|bob>", "&lt;@U123|bob&gt;", "<#C123|general>", "<!here>", "<https://x.io>"])(
    "%j is a bare word",
    (text) => {
      const [error] = errorsOf(`${text} state:2`);
      expect(error?.kind).toBe("bare-word");
    },
  );

  it.each([
    "state:2\nuser:bob",
    "state:2\u00a0user:bob",
    "state:2\u3000user:bob",
    "state:2\u2028user:bob",
    "state:2\u0085user:bob",
    "\tstate:2  \r\n user:bob ",
  ])("%j: any Unicode white space separates", (text) => {
    expect(queryOf(text).filter).toStrictEqual({ stateId: 2, username: "bob" });
  });

  it.each([
    "sta\u200bte:2 user:b\u200cob",
    "\u202bstate:۲\u202c user:bob\u2069",
    "\u2066state:2\u2069 \u061cuser:bob",
    "\ufeffstate:2 user:bob\u200e",
  ])("%j: invisible characters are dropped", (text) => {
    expect(queryOf(text).filter).toStrictEqual({ stateId: 2, username: "bob" });
  });
});

describe("parseTicketsCommand: unknown keys", () => {
  it.each([
    ["stat:2", "stat", "state"],
    ["STAT:2", "STAT", "state"],
    ["staet:2", "staet", "state"],
    ["stateid:2", "stateid", "state"],
    ["usr:bob", "usr", "user"],
    ["usernme:bob", "usernme", "user"],
    ["catgory:3", "catgory", "category"],
    ["categroy_id:3", "categroy_id", "category"],
    ["subcatgory:3", "subcatgory", "subcategory"],
    ["subcategry:3", "subcategry", "subcategory"],
    ["sb:3", "sb", "subcategory"],
    ["pag:2", "pag", "page"],
    ["pages:2", "pages", "page"],
    ["per_pgae:5", "per_pgae", "per_page"],
    ["perpgae:5", "perpgae", "per_page"],
    ["ticketid:5", "ticketid", "id"],
    ["ids:5", "ids", "id"],
    ["stat：2", "stat", "state"],
  ])("%j suggests the key it is closest to", (token, key, suggestion) => {
    expect(errorsOf(token)).toStrictEqual([{ kind: "unknown-key", token, key, suggestion }]);
  });

  it.each([
    ["color:red", "color"],
    ["xy:1", "xy"],
    [":2", ""],
    ["https://example.com", "https"],
    ["constructor:1", "constructor"],
    ["__proto__:1", "__proto__"],
    ["toString:1", "toString"],
  ])("%j: nothing close to suggest", (token, key) => {
    expect(errorsOf(token)).toStrictEqual([{ kind: "unknown-key", token, key }]);
  });

  it("takes the next word as the unknown key's value, not as a ticket number", () => {
    expect(errorsOf("stat: 2")).toStrictEqual([
      { kind: "unknown-key", token: "stat: 2", key: "stat", suggestion: "state" },
    ]);
  });
});

describe("parseTicketsCommand: repeated and missing values", () => {
  it.each([
    ["state:2 state_id:3", "state_id:3", "state"],
    ["state:2 state:2", "state:2", "state"],
    ["user:a username:b", "username:b", "user"],
    ["#1 id:2", "id:2", "id"],
    ["100 200", "200", "id"],
    ["ticket_id:1 #2", "#2", "id"],
    ["sub:1 subcategory:2", "subcategory:2", "subcategory"],
    ["category:1 category_id:1", "category_id:1", "category"],
    ["page:1 PAGE:2", "PAGE:2", "page"],
    ["per_page:5 perpage:6", "perpage:6", "per_page"],
    ["per-page:5 per_page:6", "per_page:6", "per_page"],
  ])("%j repeats a key", (text, token, key) => {
    expect(errorsOf(text)).toStrictEqual([{ kind: "repeated-key", token, key }]);
  });

  it("counts a key as given even when its first value was wrong", () => {
    expect(errorsOf("state:x state:2")).toStrictEqual([
      { kind: "unknown-state", token: "state:x" },
      { kind: "repeated-key", token: "state:2", key: "state" },
    ]);
  });

  it.each([
    ["state:", "state"],
    ["STATE_ID:", "state"],
    ["user:", "user"],
    ["id:", "id"],
    ["id:#", "id"],
    ["sub:", "subcategory"],
    ["page:", "page"],
    ["per-page:", "per_page"],
  ])("%j has no value", (token, key) => {
    expect(errorsOf(token)).toStrictEqual([{ kind: "missing-value", token, key }]);
  });

  it("does not take a `key:value` word as the value of an empty key", () => {
    expect(errorsOf("state: user:bob")).toStrictEqual([
      { kind: "missing-value", token: "state:", key: "state" },
    ]);
  });

  it("reports two empty keys in a row separately", () => {
    expect(errorsOf("state: user:")).toStrictEqual([
      { kind: "missing-value", token: "state:", key: "state" },
      { kind: "missing-value", token: "user:", key: "user" },
    ]);
  });
});

describe("parseTicketsCommand: bare words", () => {
  it.each([
    ["open", "state:open"],
    ["Closed", "state:closed"],
    ["waiting-for-support", "state:waiting-for-support"],
    ["state", "state:…"],
    ["USER", "user:…"],
    ["username", "user:…"],
    ["sub", "subcategory:…"],
    ["per-page", "per_page:…"],
    ["state=2", "state:2"],
    ["User=Bob", "User:Bob"],
    ["page=", "page:…"],
  ])("%j suggests %j", (token, suggestion) => {
    expect(errorsOf(token)).toStrictEqual([{ kind: "bare-word", token, suggestion }]);
  });

  it.each(["#general", "#", "-3", "1.5", "+5", "x=1", "=2"])(
    "%j has nothing to suggest",
    (token) => {
      expect(errorsOf(token)).toStrictEqual([{ kind: "bare-word", token }]);
    },
  );
});

describe("parseTicketsCommand: saved views", () => {
  const ok = (text: string) => {
    const result = parseTicketsCommand(text);
    if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse`);
    return result.command;
  };

  it("reads one word with no other meaning as a saved view's name, Persian too", () => {
    expect(ok("foo")).toStrictEqual({ kind: "view", name: "foo" });
    expect(ok("  billing-2 ")).toStrictEqual({ kind: "view", name: "billing-2" });
    expect(ok("مالی_فوری")).toStrictEqual({ kind: "view", name: "مالی_فوری" });
    expect(ok("views")).toStrictEqual({ kind: "views" });
    expect(ok("VIEWS")).toStrictEqual({ kind: "views" });
  });

  it("keeps every word it already had a meaning for", () => {
    expect(ok("help").kind).toBe("help");
    expect(ok("digests").kind).toBe("digests");
    expect(ok("100374").kind).toBe("details");
    expect(errorsOf("open")).toStrictEqual([
      { kind: "bare-word", token: "open", suggestion: "state:open" },
    ]);
  });

  it("saves a name with filters as /tickets reads them, and `team` anywhere among them", () => {
    expect(ok("save billing state:2 category:10 per_page:20")).toStrictEqual({
      kind: "save",
      name: "billing",
      team: false,
      query: { filter: { stateId: 2, categoryId: 10 }, page: 1, perPage: 20 },
      notices: [],
    });
    const team = ok("save Billing team state:2");
    expect(team).toMatchObject({ kind: "save", name: "Billing", team: true });
    expect(ok("save مالی category:10")).toMatchObject({ kind: "save", name: "مالی" });
    // A ticket number alone is kept as a filter: a view is always a list.
    expect(ok("save one 100374")).toMatchObject({
      kind: "save",
      query: { filter: { ticketId: 100374 } },
    });
  });

  it("refuses a name that would collide with a keyword, a filter or a ticket number", () => {
    expect(errorsOf("save views state:2")).toStrictEqual([
      { kind: "view-name-reserved", token: "views", meaning: "views" },
    ]);
    expect(errorsOf("save help state:2")).toMatchObject([{ kind: "view-name-reserved" }]);
    expect(errorsOf("save open state:2")).toStrictEqual([
      { kind: "view-name-reserved", token: "open", meaning: "state:open" },
    ]);
    expect(errorsOf("save user state:2")).toStrictEqual([
      { kind: "view-name-reserved", token: "user", meaning: "user:…" },
    ]);
    expect(errorsOf("save 123 state:2")).toStrictEqual([
      { kind: "view-name-number", token: "123" },
    ]);
    expect(errorsOf("save ۱۲۳ state:2")).toStrictEqual([
      { kind: "view-name-number", token: "۱۲۳" },
    ]);
  });

  it("refuses a missing name, and names of the wrong shape or length", () => {
    expect(errorsOf("save")).toStrictEqual([{ kind: "view-name-missing", token: "" }]);
    expect(errorsOf("save state:2")).toStrictEqual([
      { kind: "view-name-missing", token: "state:2" },
    ]);
    expect(errorsOf("save team state:2")).toMatchObject([{ kind: "view-name-missing" }]);
    expect(errorsOf("save a.b state:2")).toStrictEqual([
      { kind: "view-name-invalid", token: "a.b", max: 32 },
    ]);
    expect(errorsOf(`save ${"a".repeat(33)} state:2`)).toMatchObject([
      { kind: "view-name-invalid", max: 32 },
    ]);
    expect(ok(`save ${"ب".repeat(32)} state:2`)).toMatchObject({ kind: "save" });
  });

  it("reports the name's problem and the filters' together", () => {
    expect(errorsOf("save 12 stat:2")).toStrictEqual([
      { kind: "view-name-number", token: "12" },
      { kind: "unknown-key", token: "stat:2", key: "stat", suggestion: "state" },
    ]);
  });
});

describe("parseTicketsCommand: several problems", () => {
  it("reports every error, in the order typed, and no list", () => {
    expect(
      parseTicketsCommand("stat:2 open id:0 user: page:x per_page:50 state:2 state:3"),
    ).toStrictEqual({
      ok: false,
      errors: [
        { kind: "unknown-key", token: "stat:2", key: "stat", suggestion: "state" },
        { kind: "bare-word", token: "open", suggestion: "state:open" },
        { kind: "out-of-range", token: "id:0", key: "id", min: 1, max: MAX_ID },
        { kind: "missing-value", token: "user:", key: "user" },
        { kind: "not-an-integer", token: "page:x", key: "page" },
        { kind: "repeated-key", token: "state:3", key: "state" },
      ],
    });
  });
});

describe("parseTicketsCommand: length", () => {
  it("reads a command of exactly the limit", () => {
    const text = `user:bob${" ".repeat(MAX_COMMAND_LENGTH - "user:bob".length)}`;
    expect(queryOf(text).filter).toStrictEqual({ username: "bob" });
  });

  it("refuses anything longer unread, showing its start", () => {
    const text = `  &lt;state:2 ${"x".repeat(MAX_COMMAND_LENGTH)}`;
    expect(errorsOf(text)).toStrictEqual([
      { kind: "command-too-long", token: "<state:2 xxxxxxxxxxx", max: MAX_COMMAND_LENGTH },
    ]);
  });

  it("does not cut a character from outside the Basic Multilingual Plane in half", () => {
    const [error] = errorsOf("😀".repeat(MAX_COMMAND_LENGTH));
    expect(error).toStrictEqual({
      kind: "command-too-long",
      token: "😀".repeat(20),
      max: MAX_COMMAND_LENGTH,
    });
  });
});

describe("toTicketQuery", () => {
  const tokens = new Map([
    ["state", "state:9"],
    ["page", "page:0"],
  ] as const);

  it("passes values the schema accepts", () => {
    expect(toTicketQuery({ state: 4, per_page: 20 }, tokens)).toStrictEqual({
      ok: true,
      query: { filter: { stateId: 4 }, page: 1, perPage: 20 },
    });
  });

  it("turns whatever the schema refuses into errors naming the token", () => {
    const draft = {
      state: 9,
      user: "x".repeat(MAX_USERNAME_LENGTH + 1),
      id: 1.5,
      category: MAX_ID + 1,
      subcategory: -1,
      page: 0,
      per_page: Number.NaN,
    } as unknown as FilterDraft;
    expect(toTicketQuery(draft, tokens)).toStrictEqual({
      ok: false,
      errors: [
        { kind: "unknown-state", token: "state:9" },
        { kind: "too-long", token: "user:", key: "user", max: MAX_USERNAME_LENGTH },
        { kind: "out-of-range", token: "id:", key: "id", min: 1, max: MAX_ID },
        { kind: "out-of-range", token: "category:", key: "category", min: 1, max: MAX_ID },
        { kind: "out-of-range", token: "subcategory:", key: "subcategory", min: 1, max: MAX_ID },
        { kind: "out-of-range", token: "page:0", key: "page", min: 1, max: MAX_PAGE },
        {
          kind: "out-of-range",
          token: "per_page:",
          key: "per_page",
          min: 1,
          max: LIST_MAX_PER_PAGE,
        },
      ],
    });
  });
});
