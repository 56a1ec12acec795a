import { isolate, ltr, rtl } from "../bidi";
import type { Catalog } from "../en";
import { formatJalaliDateTime, PERSIAN_HOME_ZONE } from "./dates";
import { faDigestHealth } from "./digest-health";
import { faHome } from "./home";
import {
  persianNumber as num,
  persianAgo,
  persianDigits,
  persianMegabytes,
  persianSpan,
} from "./numbers";
import { faSubscriptions } from "./subscriptions";
import { faViews } from "./views";

/**
 * Every word a user reads, in Persian, as Iranian support staff say it. Placeholders receive
 * text that is already escaped for mrkdwn (and stripped of bidi controls); the catalog adds
 * only trusted markup and direction marks (see `../bidi.ts`):
 * - each line it writes is marked right-to-left at both ends (`rtl`), so it reads in Persian
 *   order although Slack lays messages out left to right;
 * - each placeholder of unknown direction (a subject, a name, the panel's words) is isolated,
 *   and keys, commands and ticket numbers are isolated left-to-right, so none of them can
 *   scramble the Persian around it.
 * Fragments that other strings embed (state names, times, spans) carry no line marks of their
 * own beyond what `rtl` adds where they stand alone.
 */

/** Code the reader may type or copy: a key, a command, their own token. */
const code = (text: string) => `\`${isolate(text)}\``;

/** `#۱۰۰۳۷۴`: the same shape in every sentence (after a Persian word, `#` would change sides). */
const ticketNumber = (id: number) => ltr(`#${persianDigits(String(id))}`);

const COMMAND = "/tickets";
const HELP_COMMAND = `${COMMAND} راهنما`;

/** The state names `help` and the errors offer: the canonical spelling of each (states.ts). */
const STATE_NAMES_LINE = [
  `${code("در-انتظار-پاسخ-مشتری")} (۱)`,
  `${code("در-انتظار-پشتیبانی")} یا ${code("باز")} (۲)`,
  `${code("پاسخ-داده-شده")} (۳)`,
  `${code("بسته-شده")} (۴)`,
  `${code("ارجاع-شده")} (۵)`,
].join("، ");

/**
 * 🆕 (U+1F195, a squared Latin "NEW") is a strong left-to-right character: bare, it would split
 * a Persian line in two and swap the halves. Isolated, it is one neutral character.
 */
const NEW = isolate("🆕");
const NEW_BADGE = `${NEW} *جدید*`;

export const fa: Catalog = {
  locale: "fa",
  number: num,
  size: persianMegabytes,
  digits: persianDigits,
  time: {
    ago: persianAgo,
    future: "در آینده",
    unknownDate: "تاریخ نامعلوم",
    span: persianSpan,
    dateTime: formatJalaliDateTime,
    // Slack's date tokens can only show Gregorian dates: the catalog writes Jalali ones itself.
    slackDateTokens: false,
    defaultTimeZone: PERSIAN_HOME_ZONE,
  },
  states: {
    1: rtl("در انتظار پاسخ مشتری"),
    2: rtl("در انتظار پشتیبانی"),
    3: rtl("پاسخ داده شده"),
    4: rtl("بسته شده"),
    5: rtl("ارجاع شده"),
  },
  unknownState: (id) => rtl(`وضعیت ${num(id)}`),
  ticketNumber,
  filter: {
    all: rtl("همهٔ تیکت‌ها"),
    separator: " · ",
    stateId: (state) => state,
    username: (name) => rtl(`کاربر ${isolate(name)}`),
    ticketId: (id) => rtl(`تیکت ${ltr(`#${persianDigits(id)}`)}`),
    categoryId: (id) => rtl(`دسته‌بندی ${persianDigits(id)}`),
    subCategoryId: (id) => rtl(`زیردستهٔ ${persianDigits(id)}`),
  },
  list: {
    summary: (total, page, lastPage) =>
      rtl(`${num(total)} تیکت · صفحهٔ ${num(page)} از ${num(Math.max(lastPage, 1))}`),
    asOf: (when) => rtl(`وضعیت در ${when}`),
    showing: (from, to, total) => rtl(`ردیف ${num(from)} تا ${num(to)} از ${num(total)}`),
    // Slack lays buttons out left to right, Previous first: each arrow points to its own side.
    previous: rtl("قبلی ◀"),
    next: rtl("▶ بعدی"),
    refresh: rtl("🔄 به‌روزرسانی"),
    share: rtl("📣 ارسال در کانال"),
    details: rtl("جزئیات"),
    firstPage: rtl("صفحهٔ اول ⏮"),
    lastPage: (page) => rtl(`⏭ صفحهٔ آخر (${num(page)})`),
    unseen: rtl("جدید"),
    unseenHint: rtl("هنوز کسی از پشتیبانی ندیده"),
    unseenLegend: rtl(`${NEW_BADGE}: هنوز کسی از پشتیبانی آن را ندیده`),
    rowTitle: (ref, subject, unseen) =>
      rtl(`*${ref}*${unseen ? ` · ${NEW_BADGE}` : ""} · ${isolate(subject)}`),
    importance: (level) => rtl(`اهمیت: ${isolate(level)}`),
    // The arrow is mirrored in a right-to-left line: it points from the category to its part.
    categoryPath: (category, subCategory) => rtl(`${isolate(category)} › ${isolate(subCategory)}`),
    rowsOmitted: (n) =>
      rtl(
        `${num(n)} تیکت دیگرِ این صفحه نمایش داده نشد، چون در پیام اسلک جا نمی‌شود. با ${code("per_page:")} کمتر دوباره امتحان کنید.`,
      ),
    unreadable: (n) =>
      rtl(
        `⚠️ ${num(n)} تیکت از این صفحه خوانده نشد و نمایش داده نمی‌شود: پنل آن را به شکلی فرستاده که ربات نمی‌فهمد. جزئیات در لاگ ربات ثبت شده است.`,
      ),
    interactions: (n) => rtl(`${num(n)} تعامل`),
    noSubject: rtl("(بدون موضوع)"),
    noCustomer: rtl("مشتری نامشخص"),
    noCategory: rtl("بدون دسته‌بندی"),
    updated: (ago, when) =>
      rtl(when === undefined ? `آخرین تغییر: ${ago}` : `آخرین تغییر: ${ago} (${when})`),
    perPageLowered: (requested, used) =>
      rtl(
        `${num(requested)} ردیف در هر صفحه خواسته بودید؛ اسلک حداکثر ${num(used)} ردیف نشان می‌دهد، پس این فهرست ${num(used)} ردیف در هر صفحه دارد.`,
      ),
    empty: (what) => rtl(`هیچ تیکتی با *${what}* پیدا نشد.`),
    emptyHint: rtl(
      `فیلترها را کمتر کنید یا وضعیت دیگری را امتحان کنید؛ برای دیدن همهٔ تیکت‌ها فقط ${code(COMMAND)} را بزنید.`,
    ),
    emptyNoFilter: rtl("هیچ تیکتی وجود ندارد."),
    pageOutOfRange: (page, lastPage) =>
      rtl(
        lastPage < 1
          ? `صفحهٔ ${num(page)} وجود ندارد: دیگر هیچ تیکتی با این فیلترها جور نیست.`
          : `صفحهٔ ${num(page)} وجود ندارد: این فیلترها فقط ${num(lastPage)} صفحه دارند.`,
      ),
    fallback: (what, total, page, lastPage) =>
      rtl(`${what}: ${num(total)} تیکت، صفحهٔ ${num(page)} از ${num(Math.max(lastPage, 1))}`),
    rowFallback: (id, subject) => rtl(`${ticketNumber(id)} ${isolate(subject)}`),
  },
  help: {
    title: rtl("فهرست تیکت‌ها در اسلک"),
    intro: rtl(
      `${code(COMMAND)} تیکت‌ها را فقط به خودتان نشان می‌دهد. فیلترها را به شکل ${code("کلید:مقدار")} و به هر ترتیبی که خواستید اضافه کنید:`,
    ),
    filters: {
      stateId: rtl(
        `${code("state:")} عدد ۱ تا ۵ یا نام وضعیت: ${STATE_NAMES_LINE}. نام را با فاصله هم می‌شود نوشت و نام‌های انگلیسی هم کار می‌کنند.`,
      ),
      username: rtl(`${code("user:")} نام کاربری مشتری`),
      ticketId: rtl(
        `${code("id:")} شمارهٔ تیکت؛ ${code("#۱۰۰۰۰۱")} یا ${code("۱۰۰۰۰۱")} به‌تنهایی هم کار می‌کند`,
      ),
      categoryId: rtl(`${code("category:")} شناسهٔ دسته‌بندی`),
      subCategoryId: rtl(`${code("subcategory:")} شناسهٔ زیردسته`),
    },
    paging: rtl(
      `${code("page:")} شمارهٔ صفحه؛ ${code("per_page:")} تعداد ردیف‌ها از ۱ تا ۲۰ (پیش‌فرض ۱۰)`,
    ),
    // "English" stays in Latin letters: whoever chose Persian by mistake can still find the way back.
    language: rtl(
      `زبان پاسخ‌های ربات به شما: ${code(`${COMMAND} language fa`)} برای فارسی، ${code(`${COMMAND} language en`)} برای انگلیسی (${isolate("English")}).`,
    ),
    examplesTitle: rtl("نمونه‌ها"),
    // Written as they are typed: each is a line of its own, so it needs no marks.
    examples: [
      "/tickets state:باز",
      "/tickets state:در-انتظار-پشتیبانی user:ali.rezaei",
      "/tickets category:۱۰ sub:۲۰ per_page:۲۰",
      "/tickets #۱۰۰۰۰۱",
      "/tickets state:بسته-شده page:۲",
    ],
    digests: rtl(
      `📬 گزارش دوره‌ای برای هر کانال: ${code("/tickets subscribe")} تنظیمش می‌کند و ${code("/tickets digests")} گزارش‌های کانال را فهرست و مدیریت می‌کند.`,
    ),
    savedViews: rtl(
      `📌 نماهای ذخیره‌شده: ${code("/tickets save مالی state:2 category:10")} به یک فهرست نام می‌دهد، ${code("/tickets مالی")} نشانش می‌دهد و ${code("/tickets views")} نماهای شما و تیم را فهرست می‌کند (با افزودن ${code("team")} موقع ذخیره، همه آن را می‌بینند). زبانهٔ خانهٔ ربات هم آن‌ها را دارد.`,
    ),
    footer: (aliases) =>
      rtl(
        `فهرست‌ها را فقط خودتان می‌بینید. کلیدها را این‌طور هم می‌شود نوشت: ${aliases.map((a) => code(`${a}:`)).join("، ")}.`,
      ),
    fallback: rtl(`راهنمای ${ltr(COMMAND)}`),
  },
  commandErrors: {
    title: rtl("این دستور را نفهمیدم"),
    unknownKey: (token, key) => rtl(`${code(token)}: فیلتری به اسم ${code(key)} نداریم.`),
    didYouMean: (suggestion) => rtl(`منظورتان ${code(suggestion)} بود؟`),
    repeatedKey: (token, key) => rtl(`${code(token)}: ${code(key)} بیش از یک بار آمده است.`),
    missingValue: (token, key) =>
      rtl(`${code(token)}: ${code(key)} مقدار می‌خواهد، مثل ${code(`${key}:…`)}.`),
    notAnInteger: (token, key) => rtl(`${code(token)}: ${code(key)} فقط عدد صحیح می‌پذیرد.`),
    outOfRange: (token, key, min, max) =>
      rtl(`${code(token)}: ${code(key)} باید عددی از ${num(min)} تا ${num(max)} باشد.`),
    unknownState: (token) =>
      rtl(
        `${code(token)}: این وضعیت را نمی‌شناسم. عدد ۱ تا ۵ یا یکی از این نام‌ها را بزنید: ${STATE_NAMES_LINE}.`,
      ),
    tooLong: (token, key, max) =>
      rtl(`${code(`${token}…`)}: ${code(key)} حداکثر ${num(max)} نویسه می‌تواند باشد.`),
    bareWord: (token) => rtl(`${code(token)}: فیلترها به شکل ${code("کلید:مقدار")} نوشته می‌شوند.`),
    commandTooLong: (start, max) =>
      rtl(`${code(`${start}…`)}: دستور بیش از ${num(max)} نویسه است، برای همین خوانده نشد.`),
    moreErrors: (n) => rtl(`…و ${num(n)} مشکل دیگر.`),
    allowedKeys: (keys) =>
      rtl(
        `فیلترها: ${keys.map((k) => code(`${k}:`)).join(" ")}. برای دیدن نمونه‌ها ${code(HELP_COMMAND)} را بزنید.`,
      ),
    fallback: rtl(`دستور ${ltr(COMMAND)} خوانده نشد`),
  },
  apiErrors: {
    tokenRejected: (providerMessage) =>
      rtl(
        `پنل تیکت توکن ربات را نپذیرفت، برای همین هیچ تیکتی دریافت نشد. مسئول ربات باید ${code("TICKET_API_TOKEN")} را بررسی کند.${providerMessage ? ` پیام پنل: «${isolate(providerMessage)}»` : ""}`,
      ),
    rateLimited: (when) =>
      rtl(`پنل تیکت فعلاً درخواست‌ها را محدود کرده است. لطفاً بعد از ${when} دوباره امتحان کنید.`),
    server: (status) =>
      rtl(
        `پنل تیکت دچار خطای داخلی شد (کد ${persianDigits(String(status))}). لطفاً یک دقیقهٔ دیگر دوباره امتحان کنید.`,
      ),
    rejected: (providerMessage) =>
      rtl(`پنل تیکت درخواست را رد کرد${providerMessage ? `: «${isolate(providerMessage)}»` : "."}`),
    notJson: rtl(
      "پنل تیکت چیزی فرستاد که اطلاعات تیکت نیست (شاید صفحهٔ تعمیرات). لطفاً کمی بعد دوباره امتحان کنید.",
    ),
    shape: rtl("پنل تیکت جوابی فرستاد که ربات شکلش را نمی‌شناسد. جزئیات در لاگ ربات ثبت شده است."),
    timeout: (seconds) =>
      rtl(`پنل تیکت در ${num(seconds)} ثانیه جواب نداد. لطفاً چند لحظهٔ دیگر دوباره امتحان کنید.`),
    unreachable: rtl("ربات نتوانست به پنل تیکت وصل شود. لطفاً چند لحظهٔ دیگر دوباره امتحان کنید."),
    tooLarge: (limit) =>
      rtl(
        `پنل تیکت خیلی بیشتر از حجم یک صفحه تیکت داده فرستاد (بیش از ${limit})، برای همین ربات آن را نخواند. جزئیات در لاگ ربات ثبت شده است.`,
      ),
    redirected: (location) =>
      rtl(
        `آدرس پنل تیکت به جای جواب، ربات را${location ? ` به ${code(location)}` : ""} می‌فرستد، برای همین هیچ تیکتی دریافت نشد. مسئول ربات باید ${code("TICKET_API_URL")} را بررسی کند.`,
      ),
    unexpected: rtl("مشکلی در خود ربات پیش آمد. جزئیات در لاگ ربات ثبت شده است."),
    fallback: rtl("تیکت‌ها دریافت نشدند"),
  },
  buttons: {
    expired: rtl(
      `این دکمه دیگر کار نمی‌کند (ربات بعد از ساخته شدن این فهرست به‌روزرسانی شده است). دوباره ${code(COMMAND)} را بزنید.`,
    ),
    outdated: rtl(
      `این پیام قدیمی است: دکمه‌هایش مال نسخهٔ قبلی ربات‌اند. برای گرفتن پیام تازه دوباره ${code(COMMAND)} را بزنید.`,
    ),
  },
  requests: {
    busy: rtl(
      "ربات الان خیلی سرش شلوغ است و نتوانست این درخواست را بگیرد. لطفاً یک دقیقهٔ دیگر دوباره امتحان کنید.",
    ),
    unreadable: rtl(
      "ربات نتوانست این درخواست اسلک را بخواند، برای همین کاری انجام نداد. لطفاً دوباره امتحان کنید؛ اگر باز هم تکرار شد، به مسئول ربات خبر بدهید (جزئیات در لاگ ربات هست).",
    ),
    foreignHooks: (setting) =>
      rtl(
        `ربات به این درخواست جواب نمی‌دهد: آدرس جوابش روی سرور وب‌هوک اسلک نیست. اگر این فضای کاری روی سرورهای اختصاصی اسلک است، مسئول ربات می‌تواند ${code(setting)} را تنظیم کند.`,
      ),
    unknownCommand: (command) =>
      rtl(
        `این ربات دستوری به اسم ${code(command)} ندارد. برای دیدن کارهایی که می‌کند ${code(HELP_COMMAND)} را بزنید.`,
      ),
  },
  details: {
    modalTitle: (id) => rtl(`تیکت ${ticketNumber(id)}`),
    errorTitle: rtl("جزئیات تیکت"),
    close: rtl("بستن"),
    loading: (id) => rtl(`⏳ در حال دریافت تیکت ${ticketNumber(id)} از پنل…`),
    title: (marker, ref, state, unseen) =>
      rtl(`${marker} *${ref}* · ${state}${unseen ? ` · ${NEW_BADGE}` : ""}`),
    // The value stands on a line of its own: ours is marked already, a ticket's keeps its own.
    field: (label, value) => `${rtl(`*${label}*`)}\n${value}`,
    importance: "اهمیت",
    customer: "مشتری",
    category: "دسته‌بندی",
    created: "ایجاد",
    updated: "آخرین تغییر",
    at: (ago, when) => rtl(when === undefined ? ago : `${ago}\n${when}`),
    interactions: "تعامل‌ها",
    longestInteraction: "طولانی‌ترین تعامل",
    seenByStaff: "دیده‌شده توسط پشتیبانی",
    seenByCustomer: "دیده‌شده توسط مشتری",
    seen: (yes) => rtl(yes ? "بله" : "هنوز نه"),
    jira: "جیرا",
    rating: "امتیاز",
    forwarded: "ارجاع",
    forward: (o) =>
      rtl(
        [
          o.from !== undefined && o.to !== undefined
            ? `از ${isolate(o.from)} به ${isolate(o.to)}`
            : o.from !== undefined
              ? `از ${isolate(o.from)}`
              : o.to !== undefined
                ? `به ${isolate(o.to)}`
                : undefined,
          o.when,
          o.seen === undefined ? undefined : o.seen ? "دیده شده" : "هنوز دیده نشده",
        ]
          .filter((part) => part !== undefined)
          .join("\n"),
      ),
    heading: (label) => rtl(`*${label}*`),
    description: "شرح",
    managerComment: "یادداشت مدیر",
    closeDescription: "یادداشت بستن",
    rateComment: "نظر مشتری دربارهٔ امتیاز",
    cut: (inPanel) =>
      rtl(`✂️ کوتاه شده: متن کامل اینجا جا نمی‌شود.${inPanel ? " متن کامل در پنل هست." : ""}`),
    openInPanel: rtl("باز کردن در پنل"),
    share: rtl("📣 ارسال در کانال"),
    notFound: (id) =>
      rtl(
        `تیکت ${ticketNumber(id)} پیدا نشد. پنل به‌طور عادی جواب داد؛ شماره را بررسی کنید، یا برای دیدن فهرست ${code(COMMAND)} را بزنید.`,
      ),
    fallback: (id, subject, state) => rtl(`${ticketNumber(id)} ${isolate(subject)} · ${state}`),
  },
  share: {
    sharedBy: (mention, when) =>
      rtl(
        mention === undefined
          ? `ارسال‌شده در کانال · وضعیت در ${when}`
          : `ارسال‌شده توسط ${isolate(mention)} · وضعیت در ${when}`,
      ),
    refused: rtl("اسلک اجازه نداد ربات این را اینجا بفرستد."),
    reason: (c) => rtl(`دلیل اسلک: ${code(c)}`),
    noReason: rtl("اسلک دلیلی اعلام نکرد."),
    advice: {
      notInChannel: rtl(
        "ربات فقط جایی می‌تواند پیام بفرستد که عضوش باشد: ربات را به این کانال دعوت کنید (در کانال‌های خصوصی و پیام‌های مستقیم هم همین‌طور)، بعد دوباره بفرستید.",
      ),
      expired: rtl(
        "مهلت جواب دادن این دکمه تمام شده است. دستور را دوباره اجرا کنید و نتیجهٔ تازه را بفرستید.",
      ),
      archived: rtl("این کانال بایگانی شده است و دیگر نمی‌شود در آن پیامی فرستاد."),
      restricted: rtl("این کانال به ربات اجازهٔ ارسال پیام نمی‌دهد."),
      tooLong: rtl("از نظر اسلک این پیام برای ارسال در اینجا خیلی بزرگ است."),
      rateLimited: rtl(
        "اسلک فعلاً جلوی پیام‌های ربات را گرفته است. لطفاً یک دقیقهٔ دیگر دوباره امتحان کنید.",
      ),
      setup: rtl("نصب ربات در اسلک ایراد دارد و مسئول ربات باید آن را بررسی کند."),
      unknown: rtl("لطفاً دوباره امتحان کنید؛ اگر باز هم نشد، به مسئول ربات خبر بدهید."),
    },
  },
  digest: {
    title: (waiting) => rtl(`${num(waiting)} تیکت در انتظار پشتیبانی`),
    titleInState: (waiting, state) => rtl(`${num(waiting)} تیکت · ${state}`),
    scope: (what) => rtl(`فقط: ${what}`),
    longestWait: (span) => rtl(`⌛ بیشترین انتظار: *${span}*`),
    overdue: (n, threshold) => rtl(`⏰ *${num(n)} تیکت معوق* (${threshold} یا بیشتر در انتظار)`),
    unseen: (n) => rtl(`${NEW} *${num(n)} تیکت جدید* (هنوز کسی از پشتیبانی ندیده)`),
    approximate: rtl("⚠️ این آمار تقریبی است: صف در همان حال که خوانده می‌شد تغییر کرد."),
    unreadable: (n) =>
      rtl(
        `⚠️ ${num(n)} تیکت در انتظار خوانده نشد (پنل آن را به شکلی فرستاده که ربات نمی‌فهمد)، برای همین در آمار نیامده است. جزئیات در لاگ ربات ثبت شده است.`,
      ),
    byCategoryTitle: rtl("*به تفکیک دسته‌بندی*"),
    categoryLine: (name, count) => rtl(`• *${num(count)}* · ${isolate(name)}`),
    otherCategories: (categories) => rtl(`سایر (${num(categories)} دسته‌بندی)`),
    unnamedCategory: (id) => rtl(`دسته‌بندی ${persianDigits(String(id))} (بی‌نام)`),
    topTitle: (n) => rtl(n === 1 ? "*طولانی‌ترین انتظار*" : `*${num(n)} تیکت با طولانی‌ترین انتظار*`),
    rowTitle: (ref, subject, marks) =>
      rtl(
        `*${ref}*${marks.overdue ? " · ⏰ *معوق*" : ""}${marks.unseen ? ` · ${NEW_BADGE}` : ""} · ${isolate(subject)}`,
      ),
    waited: (span, since) => rtl(`${span} در انتظار (از ${since})`),
    waitedFuture: (since) => rtl(`تاریخ آخرین تغییرش در آینده است (${since}): مدت انتظار نامعلوم`),
    more: (n) => rtl(`${num(n)} تیکت دیگر هم در انتظار است`),
    viewAll: rtl("دیدن همه"),
    fallback: (o) =>
      rtl(
        [
          `${o.approximate ? "حدود " : ""}${num(o.waiting)} تیکت در انتظار پشتیبانی`,
          ...(o.longest === undefined ? [] : [`بیشترین انتظار ${o.longest}`]),
          `${num(o.overdue)} معوق`,
          `وضعیت در ${o.asOf}`,
        ].join(" · "),
      ),
    empty: rtl("✅ *هیچ تیکتی* در انتظار پشتیبانی نیست: صف خالی است."),
    emptyFallback: (asOf) => rtl(`هیچ تیکتی در انتظار پشتیبانی نیست · وضعیت در ${asOf}`),
  },
  language: {
    names: { en: "انگلیسی", fa: "فارسی" },
    named: (name, own) => (own === undefined ? name : `${name} (${isolate(own)})`),
    chosen: (name) =>
      rtl(
        `زبانی که انتخاب کرده‌اید *${name}* است: هرچه فقط شما می‌بینید (فهرست‌ها، جزئیات، راهنما، خطاها) و هرچه در کانال می‌فرستید به ${name} است.`,
      ),
    notChosen: (name) =>
      rtl(`هنوز زبانی انتخاب نکرده‌اید، برای همین زبان فضای کاری را می‌بینید: *${name}*.`),
    unavailable: (name) =>
      rtl(
        `انتخاب شما همین حالا خوانده نشد، برای همین فعلاً زبان فضای کاری را می‌بینید: *${name}*. لطفاً چند لحظهٔ دیگر دوباره امتحان کنید.`,
      ),
    howToChoose: rtl("برای انتخاب زبان:"),
    choice: (command, name) => rtl(`${code(command)}: ${name}`),
    saved: (name) =>
      rtl(
        `✅ از این پس ربات با شما *${name}* حرف می‌زند: در هرچه فقط شما می‌بینید و هرچه در کانال می‌فرستید.`,
      ),
    notSaved: (name) =>
      rtl(
        `انتخاب شما ذخیره نشد و چیزی تغییر نکرد: همچنان *${name}* می‌بینید. لطفاً چند لحظهٔ دیگر دوباره امتحان کنید؛ اگر باز هم نشد، به مسئول ربات خبر بدهید (جزئیات در لاگ ربات هست).`,
      ),
    unknown: (token) => rtl(`${code(token)} زبانی نیست که ربات بلد باشد.`),
    fallback: rtl("زبان شما در ربات تیکت‌ها"),
  },
  notice: {
    title: rtl("تیکت‌ها"),
  },
  access: {
    userNotAllowed: rtl("🔒 دسترسی به تیکت‌ها محدود است و حساب شما در فهرست مجاز نیست."),
    channelNotAllowed: rtl(
      "🔒 در این گفت‌وگو نمی‌شود تیکت نشان داد. در یکی از کانال‌های پشتیبانی، یا در پیام مستقیم با ربات امتحان کنید.",
    ),
    askOperator: (setting) => rtl(`مسئول ربات می‌تواند این را با تنظیم ${code(setting)} تغییر دهد.`),
    wrongWorkspace: rtl(
      "🔒 این ربات مال فضای کاری دیگری در اسلک است، برای همین اینجا تیکت نشان نمی‌دهد.",
    ),
    fallback: rtl("دسترسی به تیکت‌ها محدود است"),
  },
  unfurl: {
    waiting: (span, since) => rtl(`${span} در انتظار (از ${since})`),
    answered: (ago, when) =>
      rtl(when === undefined ? `آخرین پاسخ: ${ago}` : `آخرین پاسخ: ${ago} (${when})`),
  },
  subscriptions: faSubscriptions,
  views: faViews,
  home: faHome,
  digestHealth: faDigestHealth,
};
