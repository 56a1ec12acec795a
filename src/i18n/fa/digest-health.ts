import type { FailureKind } from "../../digest/failure";
import { isolate, ltr, rtl } from "../bidi";
import type { enDigestHealth } from "../en/digest-health";
import { persianNumber as num, persianDigits } from "./numbers";

/**
 * The words of a digest that remembers and of its health, in Persian (see
 * ../en/digest-health.ts): every line right-to-left, settings and codes isolated left-to-right.
 */

const code = (text: string) => `\`${ltr(text)}\``;

const CAUSES: Readonly<Record<FailureKind, { what: string; who: string }>> = {
  "panel-auth": {
    what: "پنل تیکت توکن ربات را نپذیرفت",
    who: `یک اپراتور باید ${code("TICKET_API_TOKEN")} را بررسی کند`,
  },
  "panel-unreachable": {
    what: "ربات به پنل تیکت دسترسی نداشت",
    who: `یک اپراتور باید روشن بودن پنل و درستی ${code("TICKET_API_URL")} را بررسی کند`,
  },
  "panel-timeout": {
    what: "پنل تیکت حتی پس از چند تلاش به‌موقع پاسخ نداد",
    who: `یک اپراتور باید پنل را بررسی کند (یا ${code("TICKET_API_TIMEOUT_MS")} را بیشتر کند)`,
  },
  "panel-error": {
    what: "پنل تیکت دچار خطاست (با خطا پاسخ داد)",
    who: "مدیران پنل باید آن را بررسی کنند",
  },
  "panel-busy": {
    what: "پنل تیکت مدام از ربات خواست آهسته‌تر درخواست بفرستد",
    who: "مدیران پنل می‌توانند سقف درخواست‌ها را بالا ببرند",
  },
  "panel-too-large": {
    what: "پنل تیکت پاسخی بسیار بزرگ‌تر از هر صفحه‌ای از تیکت‌ها فرستاد",
    who: "مدیران پنل باید آن را بررسی کنند",
  },
  "panel-redirect": {
    what: "نشانی پنل تیکت به جای دیگری هدایت می‌شود",
    who: `یک اپراتور باید ${code("TICKET_API_URL")} را نشانی نهایی بگذارد`,
  },
  "panel-address": {
    what: "نشانی‌ای که ربات از آن می‌پرسد نشانی پنل تیکت نیست",
    who: `یک اپراتور باید ${code("TICKET_API_URL")} را بررسی کند`,
  },
  "panel-shape": {
    what: "پنل تیکت به شکلی پاسخ داد که ربات آن را نمی‌فهمد",
    who: "یک اپراتور باید گزارش ربات و نسخهٔ پنل را بررسی کند",
  },
  "panel-refused": {
    what: "پنل تیکت درخواست این گزارش را نپذیرفت",
    who: `هر کس در این کانال می‌تواند فیلترهای گزارش را با ${code("/tickets digests")} بررسی کند`,
  },
  "slack-not-in-channel": {
    what: "ربات عضو این کانال نیست",
    who: "هر کس در این کانال می‌تواند آن را دعوت کند",
  },
  "slack-archived": {
    what: "این کانال بایگانی شده است",
    who: "مدیر فضای کاری می‌تواند آن را از بایگانی خارج کند",
  },
  "slack-token": {
    what: "اسلک توکن ربات را نپذیرفت",
    who: `یک اپراتور باید ${code("SLACK_BOT_TOKEN")} و نصب بودن برنامه را بررسی کند`,
  },
  "slack-scope": {
    what: "ربات مجوزی از اسلک را که لازم دارد ندارد",
    who: `یک اپراتور باید برنامه را از ${code("manifest.yml")} دوباره نصب کند`,
  },
  "slack-restricted": {
    what: "این کانال اجازهٔ ارسال به ربات نمی‌دهد",
    who: "مدیر کانال یا فضای کاری می‌تواند اجازه دهد",
  },
  "slack-rate-limited": {
    what: "اسلک مدام پیام‌های ربات را محدود کرد",
    who: "اگر ادامه یابد، یک اپراتور باید گزارش ربات را ببیند",
  },
  "slack-too-large": {
    what: "اسلک گزارش را برای ارسال بیش از حد بزرگ دانست",
    who: "یک اپراتور باید گزارش ربات را ببیند",
  },
  "slack-other": {
    what: "اسلک گزارش را نپذیرفت",
    who: "یک اپراتور باید گزارش ربات را ببیند",
  },
  "stored-filters": {
    what: "فیلترهای ذخیره‌شدهٔ این گزارش دیگر خوانا نیستند",
    who: `هر کس در این کانال می‌تواند آن را با ${code("/tickets digests")} حذف کند و دوباره مشترک شود`,
  },
  "channel-not-allowed": {
    what: `تنظیمات ربات دیگر این کانال را مجاز نمی‌داند (${code("ALLOWED_CHANNEL_IDS")})`,
    who: `یک اپراتور می‌تواند دوباره آن را مجاز کند، یا هر کس در اینجا می‌تواند گزارش را با ${code("/tickets digests")} حذف کند`,
  },
  internal: {
    what: "خود ربات به مشکل خورد",
    who: "یک اپراتور باید گزارش ربات را ببیند",
  },
};

const ELSEWHERE: Readonly<Partial<Record<FailureKind, { what: string; who: string }>>> = {
  "stored-filters": {
    what: "فیلترهای ذخیره‌شدهٔ این گزارش دیگر خوانا نیستند",
    who: `هر کس در کانال آن می‌تواند آن را با ${code("/tickets digests")} حذف کند و دوباره مشترک شود`,
  },
  "channel-not-allowed": {
    what: `تنظیمات ربات دیگر کانال این گزارش را مجاز نمی‌داند (${code("ALLOWED_CHANNEL_IDS")})`,
    who: "یک اپراتور می‌تواند دوباره آن را مجاز کند، یا گزارش را حذف کند",
  },
  "panel-refused": {
    what: "پنل تیکت درخواست این گزارش را نپذیرفت",
    who: `هر کس در کانال آن می‌تواند فیلترهایش را با ${code("/tickets digests")} بررسی کند`,
  },
  "slack-not-in-channel": {
    what: "ربات عضو کانال این گزارش نیست",
    who: "هر کس در آن کانال می‌تواند ربات را دعوت کند",
  },
  "slack-archived": {
    what: "کانال این گزارش بایگانی شده است",
    who: "مدیر فضای کاری می‌تواند آن را از بایگانی خارج کند، یا می‌توان گزارش را حذف کرد",
  },
  "slack-restricted": {
    what: "کانال این گزارش اجازهٔ ارسال به ربات نمی‌دهد",
    who: "مدیر کانال یا فضای کاری می‌تواند اجازه دهد",
  },
};

const OUTCOME_MARKS = { posted: "✅", empty: "✅", failed: "❌", skipped: "⏭️", running: "⏳" };

export const faDigestHealth: typeof enDigestHealth = {
  changes: {
    compared: (o) =>
      rtl(
        `از گزارش قبلی (${o.since}): *${num(o.added)} تازه*، *${num(o.left)} خارج‌شده*، ${num(o.still)} هنوز در انتظار · ${
          o.net > 0
            ? isolate(`▲ ${num(o.net)}`)
            : o.net < 0
              ? isolate(`▼ ${num(-o.net)}`)
              : "بدون تغییر"
        }`,
      ),
    first: rtl("این نخستین اجرای این گزارش است: هنوز چیزی برای مقایسه نیست."),
    filtersChanged: rtl("فیلترهای این گزارش از اجرای قبلی تغییر کرده است: چیزی برای مقایسه نیست."),
    notClaimed: rtl("مقایسه‌ای با گزارش قبلی نشده است: ارقام این گزارش تقریبی است."),
    unavailable: rtl("گزارش قبلی به یاد آورده نشد، پس این بار مقایسه‌ای نیست."),
    seenBefore: rtl("🔁 در گزارش قبلی هم بود"),
  },
  cause: (kind, detail, elsewhere = false) => {
    const c = (elsewhere ? ELSEWHERE[kind] : undefined) ?? CAUSES[kind];
    const shown =
      detail === undefined
        ? ""
        : /^\d+$/.test(detail)
          ? ` (${ltr(`HTTP ${persianDigits(detail)}`)})`
          : ` (${code(detail)})`;
    return `${c.what}${shown}: ${c.who}`;
  },
  notice: {
    unscheduledName: "گزارش اپراتور",
    failing: (name, cause, scheduled) =>
      rtl(
        `⚠️ *${name} ارسال نشد:* ${cause}. ${scheduled ? "در زمان‌های همیشگی‌اش دوباره تلاش می‌کند" : "دفعهٔ بعد که اجرا شود دوباره تلاش می‌کند"}؛ وقتی درست شود این کانال باخبر می‌شود.`,
      ),
    recovered: (name, runs) =>
      rtl(`✅ *${name} دوباره کار می‌کند*، پس از ${num(runs)} اجرای ناموفق.`),
    alertFailing: (name, channel, cause) =>
      rtl(`⚠️ *${name}* کانال ${isolate(channel)} ناموفق است: ${cause}.`),
    alertRecovered: (name, channel, runs) =>
      rtl(
        `✅ *${name}* کانال ${isolate(channel)} دوباره کار می‌کند، پس از ${num(runs)} اجرای ناموفق.`,
      ),
  },
  history: {
    open: "باز کردن",
    failing: (runs, since, told) =>
      rtl(
        `⚠️ از ${since} ناموفق: ${num(runs)} اجرا پشت سر هم${told ? "؛ به این کانال خبر داده شد" : ""}.`,
      ),
    recent: (runs) => rtl(`اجراهای اخیر: ${runs.join(" · ")}`),
    recentRun: (when, outcome) => `${OUTCOME_MARKS[outcome]} ${when}`,
  },
};
