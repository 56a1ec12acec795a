import { isolate, rtl } from "../bidi";
import type { enViews } from "../en/views";
import { persianNumber as num } from "./numbers";

/**
 * The words of saved views in Persian (see ../en/views.ts). As in the main catalog, every line
 * is marked right-to-left, commands and names are isolated, and so is a mention.
 */

const code = (text: string) => `\`${isolate(text)}\``;
const person = (who: string | undefined) => (who === undefined ? undefined : isolate(who));
const EXAMPLE = code("/tickets save مالی state:2 category:10");
const VIEWS = code("/tickets views");

export const faViews: typeof enViews = {
  perPage: (n) => `${num(n)} ردیف در هر صفحه`,
  page: (n) => `صفحهٔ ${num(n)}`,
  errors: {
    nameMissing: rtl(`${code("/tickets save")} اول یک نام می‌خواهد و بعد فیلترها، مثل ${EXAMPLE}.`),
    nameInvalid: (token, max) =>
      rtl(
        `${code(token)}: نام نما ۱ تا ${num(max)} حرف، رقم، ${code("-")} یا ${code("_")} است و دست‌کم یک حرف دارد.`,
      ),
    nameNumber: (token) =>
      rtl(`${code(token)}: نامی که فقط رقم باشد شمارهٔ تیکت خوانده می‌شود؛ یک حرف به آن اضافه کنید.`),
    nameReserved: (token, meaning) =>
      rtl(
        `${code(token)} برای ${code("/tickets")} معنای ${code(meaning)} را دارد و نمی‌تواند نام نما باشد؛ نام دیگری انتخاب کنید.`,
      ),
  },
  answers: {
    saved: (name, what) => rtl(`✅ نمای ${code(name)} ذخیره شد: ${what}.`),
    replaced: (name, what) => rtl(`✅ نمای ${code(name)} به‌روز شد: از این به بعد ${what}.`),
    savedTeam: (name, what) =>
      rtl(
        `✅ نمای تیمی ${code(name)} ذخیره شد: ${what}. همهٔ اعضای فضای کاری آن را در ${VIEWS} و در زبانهٔ خانهٔ ربات می‌بینند.`,
      ),
    replacedTeam: (name, what) =>
      rtl(
        `✅ نمای تیمی ${code(name)} به‌روز شد: از این به بعد ${what}. همهٔ اعضای فضای کاری تغییر را می‌بینند.`,
      ),
    howToOpen: (name) =>
      rtl(`${code(`/tickets ${name}`)} آن را نشان می‌دهد؛ ${VIEWS} فهرست نماهای شماست.`),
    mineFull: (max) =>
      rtl(
        `🚫 شما همین حالا ${num(max)} نمای ذخیره‌شده دارید که بیشترین تعداد مجاز برای هر نفر است. اول یکی را حذف کنید: ${VIEWS}.`,
      ),
    teamFull: (max) =>
      rtl(
        `🚫 فضای کاری همین حالا ${num(max)} نمای تیمی دارد که بیشترین تعداد مجاز است. اول باید یکی حذف شود: ${VIEWS}.`,
      ),
    teamTaken: (name, by) =>
      rtl(
        `🚫 نمای تیمی ${code(name)} از قبل وجود دارد${by === undefined ? "" : ` و ${person(by)} آن را ساخته است`}: فقط سازنده‌اش می‌تواند تغییرش بدهد. نام دیگری انتخاب کنید.`,
      ),
    notSaved: rtl(
      "نمای شما الان ذخیره نشد و چیزی تغییر نکرد. لطفاً کمی بعد دوباره امتحان کنید؛ اگر باز هم نشد، به مسئول ربات خبر بدهید.",
    ),
    unavailable: rtl("نماهای ذخیره‌شده الان خوانده نشدند. لطفاً کمی بعد دوباره امتحان کنید."),
    notFound: (name) =>
      rtl(`شما نمایی به اسم ${code(name)} ندارید و فضای کاری هم نمای تیمی‌ای با این اسم ندارد.`),
    notFoundHint: rtl(
      `فیلترها به شکل ${code("کلید:مقدار")} نوشته می‌شوند (${code("/tickets state:2")}). ${VIEWS} فهرست نماهای شماست و ${EXAMPLE} یک نما ذخیره می‌کند.`,
    ),
    gone: rtl("این نما دیگر وجود ندارد: حذف شده است."),
    unreadable: (name) =>
      rtl(
        `نمای ${code(name)} باز نمی‌شود: نسخهٔ قدیمی‌تری از ربات آن را به شکلی ذخیره کرده که این نسخه نمی‌خواند. با ${code(`/tickets save ${name} …`)} دوباره ذخیره‌اش کنید.`,
      ),
    deleted: (name) => rtl(`🗑️ نمای ${code(name)} حذف شد.`),
    onlyMaker: (name, by) =>
      rtl(
        `🔒 فقط ${person(by) ?? "سازندهٔ نمای تیمی"} می‌تواند نمای تیمی ${code(name)} را حذف کند؛ برای همین دست نخورد.`,
      ),
  },
  list: {
    title: rtl("نماهای ذخیره‌شده"),
    mine: rtl("*نماهای شما*"),
    team: rtl("*نماهای تیمی*"),
    none: rtl(
      `هنوز نمایی ذخیره نکرده‌اید. ${EXAMPLE} یک نما ذخیره می‌کند؛ با افزودن ${code("team")} همه آن را می‌بینند.`,
    ),
    row: (name, what) => rtl(`${code(name)} · ${what}`),
    teamRow: (name, what, by) =>
      rtl(`${code(name)} · ${what}${by === undefined ? "" : ` · ساختهٔ ${person(by)}`}`),
    unreadable: rtl("_فیلترهای آن دیگر خوانا نیست: حذفش کنید و دوباره ذخیره کنید_"),
    open: rtl("باز کردن"),
    delete: rtl("🗑️ حذف"),
    confirmTitle: rtl("این نما حذف شود؟"),
    confirmText: (name) => rtl(`نمای «${isolate(name)}» برای همیشه حذف می‌شود.`),
    confirmTeamText: (name) =>
      rtl(`نمای تیمی «${isolate(name)}» برای همهٔ اعضای فضای کاری حذف می‌شود.`),
    confirm: rtl("حذف شود"),
    deny: rtl("نگه دار"),
    range: (from, to, total) => rtl(`نماهای ${num(from)} تا ${num(to)} از ${num(total)}`),
    footer: rtl(
      `${code("/tickets نام")} نما را باز می‌کند. ${code("/tickets save نام فیلترها…")} نما ذخیره می‌کند (با ${code("team")} برای همه)؛ ذخیرهٔ دوباره با همان نام فیلترهایش را عوض می‌کند.`,
    ),
    fallback: rtl("نماهای ذخیره‌شدهٔ شما"),
    lead: (name) => rtl(`📌 نمای ${code(name)}`),
    teamLead: (name, by) =>
      rtl(`📌 نمای تیمی ${code(name)}${by === undefined ? "" : ` · ساختهٔ ${person(by)}`}`),
  },
};
