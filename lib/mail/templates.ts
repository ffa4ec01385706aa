import { deadlineMail } from "@/lib/deadlines/notice-mail";
import type { Locale } from "@/lib/i18n/routing";

// Mail texts live here rather than in messages/: they are plain text, never carry report content,
// and are sent from places (commands, workers) that have no request locale.

const invitation: Record<
  Locale,
  (link: string, hours: number) => { subject: string; text: string }
> = {
  sl: (link, hours) => ({
    subject: "Povabilo v Prijavi",
    text: `Pozdravljeni,\n\nvabimo vas, da ustvarite račun za delo s prijavami v aplikaciji Prijavi.\nOdprite spodnjo povezavo, nastavite geslo in dodajte drugi faktor prijave (aplikacijo za enkratne kode).\n\n${link}\n\nPovezava velja ${hours} ur in jo lahko uporabite enkrat. Če povabila niste pričakovali, to sporočilo prezrite.\n`,
  }),
  en: (link, hours) => ({
    subject: "Your invitation to Prijavi",
    text: `Hello,\n\nyou are invited to create a staff account in Prijavi.\nOpen the link below, set a password and add a second sign-in factor (an authenticator app).\n\n${link}\n\nThe link works once and expires in ${hours} hours. If you did not expect this invitation, ignore this message.\n`,
  }),
  uk: (link, hours) => ({
    subject: "Запрошення до Prijavi",
    text: `Вітаємо!\n\nВас запрошено створити службовий обліковий запис у Prijavi.\nВідкрийте посилання нижче, встановіть пароль і додайте другий фактор входу (застосунок-автентифікатор).\n\n${link}\n\nПосилання можна використати один раз; воно діє ${hours} годин. Якщо ви не очікували цього запрошення, просто проігноруйте цей лист.\n`,
  }),
};

// A new set-up link for an existing account (lost password): the same steps as an invitation.
const accountReset: Record<
  Locale,
  (link: string, hours: number) => { subject: string; text: string }
> = {
  sl: (link, hours) => ({
    subject: "Nova povezava za vaš račun v Prijavi",
    text: `Pozdravljeni,\n\nskrbnik je za vaš račun v Prijavi pripravil novo povezavo, ker ste izgubili geslo ali dostop.\nOdprite spodnjo povezavo, nastavite novo geslo in znova dodajte drugi faktor prijave (aplikacijo za enkratne kode). Staro geslo ne deluje več.\nKo se prijavite, vam mora sodelavec iz vaše organizacije znova omogočiti dostop do ključa organizacije.\n\n${link}\n\nPovezava velja ${hours} ur in jo lahko uporabite enkrat. Če nove povezave niste zahtevali, o tem takoj obvestite skrbnika.\n`,
  }),
  en: (link, hours) => ({
    subject: "A new link for your Prijavi account",
    text: `Hello,\n\nan administrator has made a new link for your Prijavi account because you lost your password or access.\nOpen the link below, set a new password and add a second sign-in factor (an authenticator app) again. Your old password no longer works.\nOnce you have signed in, a colleague in your organisation must grant you your organisation's key again.\n\n${link}\n\nThe link works once and expires in ${hours} hours. If you did not ask for a new link, tell your administrator at once.\n`,
  }),
  uk: (link, hours) => ({
    subject: "Нове посилання для вашого облікового запису в Prijavi",
    text: `Вітаємо!\n\nАдміністратор створив нове посилання для вашого облікового запису в Prijavi, бо ви втратили пароль або доступ.\nВідкрийте посилання нижче, встановіть новий пароль і знову додайте другий фактор входу (застосунок-автентифікатор). Старий пароль більше не діє.\nПісля входу колега з вашої організації має знову надати вам ключ організації.\n\n${link}\n\nПосилання можна використати один раз; воно діє ${hours} годин. Якщо ви не просили нового посилання, негайно повідомте адміністратора.\n`,
  }),
};

// Referral notice: a fixed subject and a link to the dashboard, nothing about the report or the
// reporter (not even its reference).
const referral: Record<Locale, (link: string) => { subject: string; text: string }> = {
  sl: (link) => ({
    subject: "Prijavi: nova napotitev",
    text: `Pozdravljeni,\n\nv Prijavi vas čaka nova napotitev.\nPrijavite se in jo preberite:\n\n${link}\n`,
  }),
  en: (link) => ({
    subject: "Prijavi: a new referral is waiting",
    text: `Hello,\n\na new referral is waiting for you in Prijavi.\nSign in to read it:\n\n${link}\n`,
  }),
  uk: (link) => ({
    subject: "Prijavi: нове направлення",
    text: `Вітаємо!\n\nУ Prijavi на вас чекає нове направлення.\nУвійдіть, щоб його прочитати:\n\n${link}\n`,
  }),
};

export type TemplateName =
  "referral" | "invitation" | "accountReset" | "deadlineReminder" | "deadlineEscalation";

/** Templates whose data is a credential (a one-time link): the outbox forgets it once sent. */
export const oneTimeTemplates: ReadonlySet<TemplateName> = new Set(["invitation", "accountReset"]);

export function renderTemplate(
  template: TemplateName,
  locale: string,
  data: Record<string, string>,
) {
  const lang: Locale = locale === "en" || locale === "uk" ? locale : "sl";
  switch (template) {
    case "referral":
      return referral[lang](data.link ?? "");
    case "invitation":
      return invitation[lang](data.link ?? "", Number(data.hours));
    case "accountReset":
      return accountReset[lang](data.link ?? "", Number(data.hours));
    case "deadlineReminder":
    case "deadlineEscalation":
      return deadlineMail(
        template === "deadlineReminder" ? "reminder" : "escalation",
        lang,
        data.link ?? "",
        Number(data.count ?? 1),
      );
  }
}
