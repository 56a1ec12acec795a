import { isolate, ltr, rtl } from "../bidi";
import type { enSubscriptions } from "../en/subscriptions";
import { persianNumber as num, persianDigits } from "./numbers";

/**
 * The words of a channel's digests in Persian (see ../en/subscriptions.ts). As in the main
 * catalog, every line is marked right-to-left, keys and commands are isolated left-to-right,
 * and placeholders of unknown direction (a mention, a zone name) are isolated.
 */

const code = (text: string) => `\`${isolate(text)}\``;
const person = (who: string | undefined) => (who === undefined ? "کسی" : isolate(who));
const DIGESTS = code("/tickets digests");
const SUBSCRIBE = code("/tickets subscribe");

export const faSubscriptions: typeof enSubscriptions = {
  schedule: {
    weekdays: ["یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه"],
    everyDay: "هر روز",
    dayRange: (from, to) => `${from} تا ${to}`,
    list: (parts) => parts.join("، "),
    time: (hhmm) => persianDigits(hhmm),
    weekly: (times, days) => `${days}، ساعت ${times}`,
    cron: (expr) => `${code(expr)} (کرون)`,
    inZone: (when, zone) => `${when} (به وقت ${ltr(zone)})`,
    onDemand: `فقط وقتی ${code("npm run digest")} آن را بفرستد`,
  },
  name: (when) => `گزارش ${when}`,
  languageNames: { en: "انگلیسی", fa: "فارسی" },
  announce: {
    created: (who, what, when) =>
      rtl(
        `📬 ${person(who)} برای این کانال گزارش دوره‌ای *${what}* را تنظیم کرد: ${when}. ${DIGESTS} گزارش‌های این کانال را نشان می‌دهد.`,
      ),
    changed: (who, name, what, when) =>
      rtl(`✏️ ${person(who)} ${name} را تغییر داد: از این به بعد *${what}*، ${when}.`),
    paused: (who, name) => rtl(`⏸️ ${person(who)} ${name} را متوقف کرد.`),
    resumed: (who, name) => rtl(`▶️ ${person(who)} ${name} را دوباره فعال کرد.`),
    deleted: (who, name) => rtl(`🗑️ ${person(who)} ${name} را حذف کرد.`),
  },
  answers: {
    subscribed: (name, next) =>
      rtl(
        `✅ تنظیم شد: ${name} در این کانال فرستاده می‌شود${next ? `؛ اولین بار ${next}` : ""}. ${DIGESTS} گزارش‌های این کانال را نشان می‌دهد و مدیریت می‌کند.`,
      ),
    saved: (name) => rtl(`✅ ذخیره شد: ${name}.`),
    notAnnounced: (c) =>
      rtl(`ربات نتوانست این تغییر را در کانال اعلام کند (پیام اسلک: ${code(c)}).`),
    nothingSaved: rtl("چیزی ذخیره نشد."),
    notInChannel: rtl(
      `🚫 ربات نمی‌تواند در این کانال پیام بفرستد، چون عضوش نیست. با ${code("/invite @Tickets")} دعوتش کنید، یا مسئول ربات می‌تواند دسترسی ${code("chat:write.public")} را به برنامه اضافه کند (فقط برای کانال‌های عمومی) و آن را دوباره نصب کند.`,
    ),
    privateChannel: rtl(
      `🚫 ربات این گفت‌وگو را نمی‌بیند، پس نمی‌تواند اینجا گزارش بفرستد: با ${code("/invite @Tickets")} دعوتش کنید (در کانال خصوصی یا گفت‌وگوی گروهی باید عضو باشد).`,
    ),
    archived: rtl("🚫 این کانال بایگانی شده است و نمی‌شود در آن پیامی فرستاد."),
    refused: (c) =>
      rtl(
        `🚫 اسلک اجازه نمی‌دهد ربات در این کانال پیام بفرستد (${code(c)}). شاید مدیر فضای کاری ارسال پیام در اینجا را محدود کرده باشد.`,
      ),
    channelLimit: (count, max) =>
      rtl(
        `🚫 این کانال همین حالا ${num(count)} گزارش دارد و هر کانال حداکثر ${num(max)} گزارش می‌تواند داشته باشد: اول یکی را با ${DIGESTS} حذف کنید.`,
      ),
    workspaceLimit: (count, max) =>
      rtl(
        `🚫 این فضای کاری همین حالا ${num(count)} گزارش دارد و حداکثر ${num(max)} گزارش مجاز است: اول باید چند تا حذف شوند.`,
      ),
    gone: rtl("این گزارش دیگر وجود ندارد: کسی در این فاصله حذفش کرده است."),
    operatorOnly: rtl(
      `🔒 این گزارش را مسئول ربات با تنظیمات ${code("DIGEST_*")} تعیین کرده است و از اسلک نمی‌شود تغییرش داد.`,
    ),
    otherChannel: rtl("این گزارش مال کانال دیگری است: از همان کانال مدیریتش کنید."),
    runFailed: (cause) => rtl(`⚠️ گزارش فرستاده نشد: ${isolate(cause)}`),
    runTaken: rtl("این گزارش همین چند لحظه پیش فرستاده شد (یا همین حالا در حال ارسال است)."),
    runEmpty: rtl("فعلاً هیچ تیکتی با این گزارش جور نیست، برای همین چیزی فرستاده نشد."),
    modalFailed: rtl(
      `ربات نتوانست فرم را باز کند (اسلک دیر جواب داد). دوباره ${SUBSCRIBE} را بزنید، یا همه را در یک خط بنویسید: ${code("/tickets subscribe help")} روشش را نشان می‌دهد.`,
    ),
    storeFailed: rtl(
      "ربات به پایگاه داده‌اش دسترسی نداشت، برای همین چیزی تغییر نکرد. لطفاً یک دقیقهٔ دیگر دوباره امتحان کنید؛ اگر باز هم نشد، به مسئول ربات خبر بدهید.",
    ),
  },
  errors: {
    title: rtl("این گزارش تنظیم نشد"),
    unknownKey: (token, key) => rtl(`${code(token)}: تنظیمی به اسم ${code(key)} نداریم.`),
    repeatedKey: (token, key) => rtl(`${code(token)}: ${code(`${key}:`)} دو بار آمده است.`),
    missingValue: (token, key) => rtl(`${code(token)}: ${code(`${key}:`)} مقدار می‌خواهد.`),
    notForDigests: (token) =>
      rtl(`${code(token)}: گزارش دربارهٔ صفی از تیکت‌هاست، نه یک تیکت یا یک صفحه.`),
    bareWord: (token) => rtl(`${code(token)}: تنظیم‌ها به شکل ${code("کلید:مقدار")} نوشته می‌شوند.`),
    badTimes: (token) =>
      rtl(
        `${code(token)}: ساعت را به شکل ${code("HH:MM")} و ۲۴ساعته بنویسید؛ چند ساعت را با ویرگول: ${code("at:08:30,16:30")}.`,
      ),
    badDays: (token) =>
      rtl(
        `${code(token)}: روزها را این‌طور بنویسید: ${code("sat-wed")}، ${code("mon-fri")}، ${code("mon,wed,fri")}، ${code("weekdays")} یا ${code("daily")}.`,
      ),
    minutesDiffer: (token) =>
      rtl(
        `${code(token)}: دقیقهٔ ساعت‌های یک گزارش باید یکی باشد (${code("08:30,16:30")})؛ برای بقیهٔ حالت‌ها از ${code("cron:")} استفاده کنید.`,
      ),
    tooManyTimes: (token, max) =>
      rtl(
        `${code(token)}: حداکثر ${num(max)} بار در روز؛ برای بیشتر از ${code("cron:")} استفاده کنید.`,
      ),
    badCron: (token, problem) => rtl(`${code(token)}: ${isolate(problem)}.`),
    cronAndTimes: rtl(
      `${code("cron:")} جای ${code("at:")} و ${code("days:")} را می‌گیرد: فقط یکی از این دو را بدهید.`,
    ),
    unknownZone: (token) =>
      rtl(
        `${code(token)}: منطقهٔ زمانی نیست. نام استاندارد ${isolate("IANA")} بدهید، مثل ${code("Asia/Tehran")} یا ${code("Europe/Berlin")}.`,
      ),
    outOfRange: (token, key, min, max) =>
      rtl(`${code(token)}: ${code(`${key}:`)} باید عددی از ${num(min)} تا ${num(max)} باشد.`),
    notANumber: (token, key) => rtl(`${code(token)}: ${code(`${key}:`)} فقط عدد صحیح می‌پذیرد.`),
    badChoice: (token, key, choices) =>
      rtl(`${code(token)}: ${code(`${key}:`)} یکی از این‌هاست: ${choices.map(code).join("، ")}.`),
    unclosedQuote: (token) => rtl(`${code(token)}: یک گیومه باز شده و بسته نشده است.`),
    tooLong: (max) => rtl(`دستور بیش از ${num(max)} نویسه است، برای همین خوانده نشد.`),
    footer: rtl(
      `چیزی ذخیره نشد. ${code("/tickets subscribe help")} همهٔ تنظیم‌ها را نشان می‌دهد؛ ${SUBSCRIBE} به‌تنهایی فرم را باز می‌کند.`,
    ),
    fallback: rtl("این گزارش تنظیم نشد"),
  },
  help: {
    title: rtl("گزارش دوره‌ای برای این کانال"),
    intro: rtl(
      `${SUBSCRIBE} به‌تنهایی فرم را باز می‌کند. یا همه را در یک خط بنویسید: فیلترها مثل ${code("/tickets")}، به‌علاوهٔ این‌ها:`,
    ),
    keys: [
      rtl(`${code("at:")} ساعت ارسال، ${code("08:30")} یا ${code("08:30,16:30")} (پیش‌فرض ۰۹:۰۰)`),
      rtl(
        `${code("days:")} ${code("sat-wed")}، ${code("mon-fri")}، ${code("mon,wed,fri")}، ${code("weekdays")}، ${code("daily")} (پیش‌فرض هر روز)`,
      ),
      rtl(
        `${code("cron:")} یک کرون پنج‌بخشی به جای ${code("at:")} و ${code("days:")}، مثل ${code('cron:"0 9 * * 6,0-3"')}`,
      ),
      rtl(`${code("tz:")} منطقهٔ زمانی، مثل ${code("Asia/Tehran")}`),
      rtl(`${code("top:")} چند تیکت با طولانی‌ترین انتظار فهرست شود، از ۱ تا ۲۰`),
      rtl(`${code("overdue:")} بعد از چند ساعت انتظار، تیکت معوق حساب شود`),
      rtl(`${code("empty:yes")} وقتی چیزی در انتظار نیست هم یک یادداشت کوتاه می‌فرستد`),
      rtl(`${code("lang:fa")} یا ${code("lang:en")}: زبان گزارش (همهٔ اعضای کانال آن را می‌خوانند)`),
    ],
    examples: [
      "/tickets subscribe category:۱۰ at:۰۸:۳۰ days:sat-wed tz:Asia/Tehran top:۵",
      '/tickets subscribe cron:"۰ ۹,۱۵ * * ۶,۰-۳" lang:fa',
    ],
    footer: rtl(
      `${DIGESTS} گزارش‌های این کانال را با دکمه‌های ویرایش، توقف، ارسال فوری و حذف نشان می‌دهد.`,
    ),
    fallback: rtl("راهنمای تنظیم گزارش دوره‌ای برای کانال"),
  },
  list: {
    title: rtl("📬 گزارش‌های دوره‌ای این کانال"),
    empty: rtl(`این کانال هنوز گزارش دوره‌ای ندارد. با ${SUBSCRIBE} یکی تنظیم کنید.`),
    heading: (what, when) => `${rtl(`*${what}*`)}\n${rtl(when)}`,
    next: (when) => rtl(`ارسال بعدی: ${when}`),
    paused: rtl("⏸️ متوقف"),
    noNext: rtl("ارسال بعدی: هرگز (زمان‌بندی‌اش دیگر پیش نمی‌آید)"),
    never: rtl("هنوز فرستاده نشده"),
    last: (when, outcome) => rtl(`آخرین بار: ${when}، ${outcome}`),
    outcomes: {
      posted: (waiting) => `فرستاده شد ✅ (${num(waiting)} در انتظار)`,
      empty: "چیزی در انتظار نبود، چیزی فرستاده نشد",
      failed: (cause) => `ناموفق ⚠️ ${isolate(cause)}`,
      skipped: (cause) => `فرستاده نشد (${isolate(cause)})`,
      running: "در حال ارسال…",
    },
    settings: (top, overdue, language, postWhenEmpty) =>
      rtl(
        `${num(top)} تیکت با طولانی‌ترین انتظار · معوق بعد از ${overdue} · ${language}${postWhenEmpty ? " · وقتی چیزی در انتظار نیست هم فرستاده می‌شود" : ""}`,
      ),
    createdBy: (who, when) => rtl(`تنظیم‌شده توسط ${person(who)}، ${when}`),
    byOperator: rtl(`تعیین‌شده توسط مسئول ربات (تنظیمات ${code("DIGEST_*")}): از اسلک تغییر نمی‌کند`),
    more: (n) => rtl(`…و ${num(n)} گزارش دیگر.`),
    edit: rtl("✏️ ویرایش"),
    pause: rtl("⏸️ توقف"),
    resume: rtl("▶️ ادامه"),
    runNow: rtl("📤 ارسال فوری"),
    delete: rtl("🗑️ حذف"),
    confirmDelete: {
      title: rtl("این گزارش حذف شود؟"),
      text: (name) => rtl(`${name} دیگر در این کانال فرستاده نمی‌شود.`),
      confirm: rtl("حذف"),
      deny: rtl("نگه‌داشتن"),
    },
    fallback: rtl("گزارش‌های دوره‌ای این کانال"),
  },
  modal: {
    title: rtl("گزارش کانال"),
    editTitle: rtl("ویرایش گزارش"),
    submit: rtl("تنظیم"),
    save: rtl("ذخیره"),
    cancel: rtl("انصراف"),
    intro: (channel) =>
      rtl(`گزارشی از تیکت‌ها که طبق زمان‌بندی در ${isolate(channel)} فرستاده می‌شود.`),
    time: rtl("ساعت"),
    time2: rtl("ساعت دوم (اختیاری)"),
    time3: rtl("ساعت سوم (اختیاری)"),
    timesHint: rtl("دقیقهٔ ساعت‌های یک گزارش یکی است (۰۸:۳۰ و ۱۶:۳۰)."),
    days: rtl("روزها"),
    cron: rtl("به جایش کرون (اختیاری)"),
    cronHint: rtl(
      "برای کاربران حرفه‌ای: جای ساعت‌ها و روزها را می‌گیرد. دقیقه ساعت روز ماه روزِ هفته.",
    ),
    zone: rtl("منطقهٔ زمانی"),
    zonesInUse: rtl("در گزارش‌های همین‌جا"),
    commonZones: rtl("منطقه‌های رایج"),
    zoneHint: rtl(`برای منطقهٔ دیگر: ${code("/tickets subscribe tz:Area/City")}`),
    state: rtl("تیکت‌های با وضعیت"),
    category: rtl("شناسهٔ دسته‌بندی (اختیاری)"),
    subcategory: rtl("شناسهٔ زیردسته (اختیاری)"),
    customer: rtl("نام کاربری مشتری (اختیاری)"),
    top: rtl("تعداد تیکت‌های با طولانی‌ترین انتظار"),
    overdue: rtl("معوق بعد از (ساعت)"),
    empty: rtl("وقتی چیزی در انتظار نیست"),
    emptyOption: rtl("یادداشت کوتاه «چیزی در انتظار نیست» فرستاده شود"),
    language: rtl("زبان گزارش"),
    languageHint: rtl("همهٔ اعضای کانال آن را می‌خوانند."),
    problems: {
      noTime: rtl("یک ساعت انتخاب کنید."),
      badTime: rtl(`ساعت معتبر نیست: به شکل ${isolate("HH:MM")} بنویسید.`),
      minutesDiffer: (first) =>
        rtl(
          `دقیقهٔ ساعت‌های یک گزارش باید مثل ${persianDigits(first)} باشد. برای ساعت‌های دیگر از کرون استفاده کنید.`,
        ),
      noDays: rtl("دست‌کم یک روز را انتخاب کنید."),
      badCron: (problem) => problem,
      unknownZone: rtl("این سرور چنین منطقهٔ زمانی‌ای نمی‌شناسد."),
      badState: rtl("یک وضعیت انتخاب کنید."),
      notAnId: (max) => rtl(`عدد صحیحی از ۱ تا ${num(max)}.`),
      tooLong: (max) => rtl(`حداکثر ${num(max)} نویسه.`),
      outOfRange: (min, max) => rtl(`عدد صحیحی از ${num(min)} تا ${num(max)}.`),
      badLanguage: rtl("یک زبان انتخاب کنید."),
    },
  },
};
