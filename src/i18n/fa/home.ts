import { isolate, rtl } from "../bidi";
import type { enHome } from "../en/home";
import { persianNumber as num } from "./numbers";

/**
 * The words of the bot's Home tab in Persian (see ../en/home.ts). Every line is marked
 * right-to-left; commands are isolated, and so is a channel link.
 */

const code = (text: string) => `\`${isolate(text)}\``;

export const faHome: typeof enHome = {
  glance: {
    title: rtl("📥 صف در یک نگاه"),
    waiting: (n) => rtl(`*${num(n)} تیکت در انتظار پشتیبانی*`),
    clear: rtl("✅ *هیچ تیکتی در انتظار پشتیبانی نیست*: صف خالی است."),
    partial: (read, total) =>
      rtl(
        `⚠️ تیکت‌های دیرشده، طولانی‌ترین انتظار و دسته‌بندی‌ها از میان ${num(read)} تیکت اولِ ${num(total)} تیکت منتظر شمرده شده‌اند: زبانهٔ خانه بیشتر از این نمی‌خواند.`,
      ),
    asOf: (when) => rtl(`وضعیت در ${when} · برای همه حداکثر دقیقه‌ای یک بار شمرده می‌شود`),
    failed: rtl(
      "⚠️ پنل تیکت جواب نداد، برای همین الان نمی‌شود صف را شمرد. یک دقیقهٔ دیگر به‌روزرسانی کنید.",
    ),
    stale: (when) => rtl(`⚠️ پنل تیکت همین حالا جواب نداد: این ارقام مال ${when} است.`),
    refresh: rtl("🔄 به‌روزرسانی"),
  },
  views: {
    mine: rtl("📌 نماهای شما"),
    team: rtl("👥 نماهای تیمی"),
    noneMine: rtl(
      `هنوز نمایی ندارید. ${code("/tickets save مالی state:2 category:10")} یکی ذخیره می‌کند.`,
    ),
    noneTeam: rtl(
      `هنوز نمایی نیست. موقع ذخیرهٔ نما ${code("team")} را هم بنویسید تا همه آن را ببینند: ${code("/tickets save مالی state:2 team")}.`,
    ),
    close: rtl("✖ بستن"),
  },
  digests: {
    title: rtl("📬 گزارش‌ها"),
    none: rtl(
      `در کانال‌هایی که شما می‌توانید بخوانید گزارشی نیست. ${code("/tickets subscribe")} در هر کانال یکی تنظیم می‌کند.`,
    ),
    row: (channel, name) => rtl(`${isolate(channel)} · ${name}`),
    failing: (when) => `⚠️ *خطا*: آخرین اجرا (${when}) ناموفق بود`,
    posted: (when) => `✅ آخرین ارسال ${when}`,
    empty: (when) => `✅ آخرین اجرا ${when}: چیزی برای ارسال نبود`,
    skipped: (when) => `آخرین اجرا ${when}: انجام نشد`,
    never: "هنوز اجرا نشده",
    next: (when) => `اجرای بعدی ${when}`,
    paused: "⏸️ متوقف",
    health: (parts) => rtl(parts.join(" · ")),
    more: (n) =>
      rtl(
        `${num(n)} گزارش دیگر: ${code("/tickets digests")} در هر کانال گزارش‌های همان کانال را نشان می‌دهد.`,
      ),
  },
  language: {
    title: rtl("🌐 زبان"),
    chosen: (name) => rtl(`ربات با شما *${name}* حرف می‌زند.`),
    workspace: (name) =>
      rtl(`ربات با شما *${name}* حرف می‌زند که زبان فضای کاری است: شما هنوز زبانی انتخاب نکرده‌اید.`),
    choose: rtl(
      "زبانی را انتخاب کنید که ربات با آن جوابتان را می‌دهد (فهرست‌ها، جزئیات، همین زبانه):",
    ),
  },
};
