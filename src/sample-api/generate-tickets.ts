/**
 * Tickets shaped exactly like the provider's `list-tickets.sample.json`, for the sample API
 * server, the tests and the demo. Everything is derived from a seed and a `now`, so a
 * failing case can be replayed.
 */

export interface ApiForward {
  id: number;
  from: number | null;
  ticket_id: number;
  to: number | null;
  created_at: string | null;
  updated_at: string | null;
  deleted_at: string | null;
  seen: number;
}

/** One ticket as the provider's JSON has it (snake_case, 0/1 flags, nullable nested objects). */
export interface ApiTicket {
  id: number;
  ticket_id: number;
  user_id: number | null;
  parent_id: number | null;
  category_id: number | null;
  sub_category_id: number | null;
  importance: string | null;
  state_id: number;
  subject: string;
  desc: string | null;
  manager_comment: string | null;
  close_desc: string | null;
  admin_seen: number;
  user_seen: number;
  sms_notification: number;
  interaction_count: number | null;
  longest_interaction: number | null;
  min_rate: number | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  jira_id: number | string | null;
  rate: number | null;
  rate_comment: string | null;
  user: { user_id: number; uname: string } | null;
  category: { id: number; name: string } | null;
  sub_category: { id: number; title: string } | null;
  state: { id: number; name: string } | null;
  forward: ApiForward | null;
}

export interface GenerateTicketsOptions {
  count: number;
  seed: number;
  /** Every timestamp is at or before this moment. */
  now: Date;
}

/** Small, fast, good enough for test data; the same seed always gives the same sequence. */
export const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** Laravel's serialization: microseconds, UTC `Z` ("2025-01-01T10:00:00.000000Z"). */
export const toApiTimestamp = (date: Date): string =>
  date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");

export interface SampleCategory {
  id: number;
  name: string;
  subs: readonly { id: number; title: string }[];
}

export const SAMPLE_CATEGORIES: readonly SampleCategory[] = [
  {
    id: 10,
    name: "Plugins, Domains, API",
    subs: [
      { id: 20, title: "System Errors" },
      { id: 22, title: "Domain Transfer" },
      { id: 23, title: "API Access" },
    ],
  },
  {
    id: 11,
    name: "System Questions",
    subs: [
      { id: 21, title: "Other Issues" },
      { id: 24, title: "Reseller Panel" },
    ],
  },
  {
    id: 12,
    name: "پشتیبانی فنی هاست",
    subs: [
      { id: 25, title: "ایمیل" },
      { id: 26, title: "گواهی SSL" },
      { id: 27, title: "Backup & Restore" },
    ],
  },
  {
    id: 13,
    name: "مالی و فروش",
    subs: [
      { id: 28, title: "فاکتور و پرداخت" },
      { id: 29, title: "Refunds" },
    ],
  },
  {
    id: 14,
    name: "Servers (VPS)",
    subs: [
      { id: 30, title: "Network" },
      { id: 31, title: "Reinstall / OS" },
    ],
  },
];

// Only "replied" is attested; the others are guesses, deliberately unlike the bot's own
// wording, so nothing can come to depend on them.
const STATE_NAMES: Readonly<Record<number, string>> = {
  1: "customer_pending",
  2: "pending",
  3: "replied",
  4: "closed",
  5: "referred",
};

const USERS = [
  { user_id: 200001, uname: "sampleuser" },
  { user_id: 200002, uname: "ali.rezaei" },
  { user_id: 200003, uname: "hostfa_co" },
  { user_id: 200004, uname: "m.karimi" },
  { user_id: 200005, uname: "webdesign-pars" },
  { user_id: 200006, uname: "acme-hosting" },
  { user_id: 200007, uname: "sara_ahmadi" },
  { user_id: 200008, uname: "Zeynab.N" },
] as const;

const SUBJECTS = [
  "Site is down after PHP upgrade",
  "Cannot renew domain example.ir",
  "SSL certificate not issued",
  "Emails bounce with 550 5.7.1",
  "Refund for unused hosting",
  "API returns 500 on /domains",
  "Need more inodes on my plan",
  "DNS changes not propagating",
  "سایت بعد از ارتقای PHP بالا نمی‌آید",
  "تمدید دامنه انجام نمی‌شود",
  "گواهی SSL صادر نشده است",
  "ایمیل‌ها به اسپم می‌روند",
  "درخواست بازگشت وجه",
  "خطای ۵۰۰ در پنل نمایندگی",
  "درخواست بازیابی بکاپ دیروز",
  "سرور مجازی در دسترس نیست",
] as const;

const EMOJI = ["🙏", "🔥", "😡", "⏳", "✅", "🚨", "👨‍💻"] as const;

// Text that would do damage if a renderer passed it to Slack unescaped.
const HOSTILE_SUBJECTS = [
  "<!channel> site down!!!",
  "Hi <@U123> please check <!here>",
  "<https://evil.example|click> to verify your account",
  "*bold* _italic_ ~strike~ `code` > quote",
  "invoice \u202Efdp.exe",
  "<script>alert(1)</script> & &amp; &lt;b&gt;",
] as const;

const PARAGRAPHS = [
  "Hello, since this morning the website shows a blank page. I have not changed anything.",
  "سلام، از صبح امروز سایت صفحه سفید نشان می‌دهد و هیچ تغییری هم نداده‌ام.",
  "Error log:\n```\nPHP Fatal error:  Uncaught Error: Call to undefined function mysql_connect()\n```",
  "لطفاً هر چه سریع‌تر بررسی کنید، مشتری‌های ما منتظر هستند.",
  "I already cleared the cache & restarted the service; the problem remains.",
  "> Quoted from your last answer: please send the output of `dig example.ir`",
  "Thanks in advance!\nBest regards",
] as const;

const HOSTILE_DESC = [
  "<!channel> <!everyone> URGENT",
  "ping <@U123> and <#C123|general>",
  "log in here: <https://evil.example|https://panel.example.com/login>",
  "*this is not bold* _nor italic_ ~nor struck~",
  "file name: \u202Egnp.exe and \u2066isolated\u2069 text",
  "raw html: <b>bold</b> &lt; &gt; &amp;",
].join("\n");

const IMPORTANCE = ["acute", "normal", "normal", "normal", "low"] as const;

type Profile = {
  stateId?: number;
  hostile?: boolean;
  long?: boolean;
  forwarded?: boolean;
  waitingUnseen?: boolean;
};

/** Profiles placed at least once in any list long enough to hold them all. */
const GUARANTEED: Profile[] = [
  { stateId: 1 },
  { stateId: 2 },
  { stateId: 3 },
  { stateId: 4 },
  { stateId: 5 },
  { hostile: true },
  { long: true },
  { forwarded: true },
  { waitingUnseen: true },
];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const makePicker = (random: () => number) => ({
  int: (min: number, max: number) => min + Math.floor(random() * (max - min + 1)),
  pick: <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T,
  chance: (p: number) => random() < p,
});

const pickState = (r: number): number => {
  if (r < 0.15) return 1;
  if (r < 0.6) return 2;
  if (r < 0.8) return 3;
  if (r < 0.94) return 4;
  return 5;
};

/**
 * `count` tickets, newest first (ids descending), as a panel's list would show them.
 * Roughly: state 2 common, some unseen by staff and waiting for days, a few forwarded,
 * some very long descriptions, a few with Slack-markup-like hostile text.
 */
export const generateTickets = ({ count, seed, now }: GenerateTicketsOptions): ApiTicket[] => {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`bad count: ${count}`);
  const random = mulberry32(seed);
  const p = makePicker(random);
  // Whole seconds, like MySQL timestamps behind the real API.
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;

  const profiles: Profile[] = Array.from({ length: count }, () => ({}));
  if (count >= GUARANTEED.length) {
    const slots = Array.from({ length: count }, (_, i) => i);
    for (let i = slots.length - 1; i > 0; i--) {
      const j = p.int(0, i);
      [slots[i], slots[j]] = [slots[j] as number, slots[i] as number];
    }
    GUARANTEED.forEach((profile, i) => {
      profiles[slots[i] as number] = profile;
    });
  }

  const firstId = 100_001 + p.int(0, 500);
  const tickets = profiles.map((profile, i) => buildTicket(p, firstId + i, nowMs, profile, random));
  return tickets.reverse();
};

const buildTicket = (
  p: ReturnType<typeof makePicker>,
  id: number,
  nowMs: number,
  profile: Profile,
  random: () => number,
): ApiTicket => {
  const stateId = profile.waitingUnseen ? 2 : (profile.stateId ?? pickState(random()));
  const hostile = profile.hostile ?? p.chance(0.04);
  const long = profile.long ?? p.chance(0.08);
  const forwarded = profile.forwarded ?? (stateId === 5 || p.chance(0.05));
  const category = p.pick(SAMPLE_CATEGORIES);
  const sub = p.chance(0.05) ? null : p.pick(category.subs);
  const user = p.pick(USERS);

  const createdMs = nowMs - p.int(10, 60 * 24 * 45) * MINUTE;
  let updatedMs = createdMs + Math.floor(random() * (nowMs - createdMs));
  if (profile.waitingUnseen) updatedMs = Math.min(updatedMs, nowMs - p.int(3, 9) * DAY);
  const adminSeen = profile.waitingUnseen ? 0 : stateId === 2 && p.chance(0.45) ? 0 : 1;

  let subject: string = hostile ? p.pick(HOSTILE_SUBJECTS) : p.pick(SUBJECTS);
  if (p.chance(0.15)) subject = `${subject} ${p.pick(EMOJI)}`;

  const paragraphs = Array.from({ length: p.int(1, 3) }, () => p.pick(PARAGRAPHS));
  let desc = paragraphs.join("\n\n");
  if (hostile) desc = `${HOSTILE_DESC}\n\n${desc}`;
  if (long) {
    const line =
      "[2025-01-01 10:00:00] production.ERROR: SQLSTATE[HY000] [2002] Connection refused";
    while (desc.length <= 3000) desc += `\n${line} #${desc.length}`;
  }

  const closed = stateId === 4;
  const interactions = p.int(1, 12);
  return {
    id,
    ticket_id: id,
    user_id: user.user_id,
    parent_id: 300_001,
    category_id: category.id,
    sub_category_id: sub?.id ?? null,
    importance: p.pick(IMPORTANCE),
    state_id: stateId,
    subject,
    desc,
    manager_comment: p.chance(0.1) ? "مشتری VIP است؛ با دقت پاسخ دهید." : null,
    close_desc: closed && p.chance(0.6) ? "Resolved, closed by staff." : null,
    admin_seen: adminSeen,
    user_seen: stateId === 3 && p.chance(0.5) ? 0 : 1,
    sms_notification: p.chance(0.3) ? 1 : 0,
    interaction_count: interactions,
    longest_interaction: p.int(0, 5000),
    min_rate: null,
    deleted_at: null,
    created_at: toApiTimestamp(new Date(createdMs)),
    updated_at: toApiTimestamp(new Date(updatedMs)),
    jira_id: p.chance(0.2) ? null : 40_000 + (id % 10_000),
    rate: closed ? p.int(0, 5) : 0,
    rate_comment: closed && p.chance(0.3) ? "خیلی ممنون 🙏" : null,
    user: { user_id: user.user_id, uname: user.uname },
    category: { id: category.id, name: category.name },
    sub_category: sub ? { id: sub.id, title: sub.title } : null,
    state: { id: stateId, name: STATE_NAMES[stateId] ?? "unknown" },
    forward: forwarded
      ? {
          id: 500_000 + (id % 100_000),
          from: user.user_id,
          ticket_id: id,
          to: p.int(1, 9),
          created_at: toApiTimestamp(new Date(updatedMs)),
          updated_at: toApiTimestamp(new Date(updatedMs)),
          deleted_at: null,
          seen: p.chance(0.5) ? 1 : 0,
        }
      : null,
  };
};

/**
 * One ticket for a test: sample-like defaults, then `overrides`. Ids and nested `state`,
 * `category`, `sub_category` follow the overridden ids unless overridden themselves.
 */
export const makeTicket = (overrides: Partial<ApiTicket> = {}): ApiTicket => {
  const id = overrides.ticket_id ?? overrides.id ?? 100_001;
  const stateId = overrides.state_id ?? 2;
  const categoryId = overrides.category_id === undefined ? 10 : overrides.category_id;
  const category = SAMPLE_CATEGORIES.find((c) => c.id === categoryId);
  const subCategoryId =
    overrides.sub_category_id === undefined
      ? (category?.subs[0]?.id ?? null)
      : overrides.sub_category_id;
  const sub = SAMPLE_CATEGORIES.flatMap((c) => c.subs).find((s) => s.id === subCategoryId);
  return {
    id,
    ticket_id: id,
    user_id: 200_001,
    parent_id: 300_001,
    category_id: categoryId,
    sub_category_id: subCategoryId,
    importance: "normal",
    state_id: stateId,
    subject: `Sample ticket ${id}`,
    desc: "Sample ticket description",
    manager_comment: null,
    close_desc: null,
    admin_seen: 1,
    user_seen: 1,
    sms_notification: 0,
    interaction_count: 1,
    longest_interaction: 0,
    min_rate: null,
    deleted_at: null,
    created_at: "2025-01-01T10:00:00.000000Z",
    updated_at: "2025-01-01T11:00:00.000000Z",
    jira_id: null,
    rate: 0,
    rate_comment: null,
    user: { user_id: 200_001, uname: "sampleuser" },
    category:
      categoryId === null
        ? null
        : { id: categoryId, name: category?.name ?? `Category ${categoryId}` },
    sub_category:
      subCategoryId === null
        ? null
        : { id: subCategoryId, title: sub?.title ?? `Sub ${subCategoryId}` },
    state: { id: stateId, name: STATE_NAMES[stateId] ?? "unknown" },
    forward: null,
    ...overrides,
  };
};
