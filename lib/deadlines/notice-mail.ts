import type { Locale } from "@/lib/i18n/routing";

// Deadline mail (lib/deadlines/send-notices.ts): how many items wait and a link, nothing about
// any report or reporter (not even a reference), like the referral notice.

type Mail = (link: string, count: number) => { subject: string; text: string };

const reminder: Record<Locale, Mail> = {
  sl: (link, count) => ({
    subject: "Prijavi: rok se izteka",
    text: `Pozdravljeni,\n\nv Prijavi se bo kmalu iztekel rok za toliko zadev: ${count}.\nPrijavite se in jih preglejte:\n\n${link}\n`,
  }),
  en: (link, count) => ({
    subject: "Prijavi: a deadline is near",
    text: `Hello,\n\n${count === 1 ? "an item is" : `${count} items are`} waiting in Prijavi and will soon be past the deadline.\nSign in to deal with ${count === 1 ? "it" : "them"}:\n\n${link}\n`,
  }),
  uk: (link, count) => ({
    subject: "Prijavi: спливає термін",
    text: `Вітаємо!\n\nУ Prijavi чекають справи (${count}), термін для яких незабаром спливе.\nУвійдіть, щоб їх переглянути:\n\n${link}\n`,
  }),
};

const escalation: Record<Locale, Mail> = {
  sl: (link, count) => ({
    subject: "Prijavi: rok je potekel",
    text: `Pozdravljeni,\n\nv Prijavi je rok že potekel za toliko zadev, na katere se še nihče ni odzval: ${count}.\nPrijavite se in jih preglejte:\n\n${link}\n`,
  }),
  en: (link, count) => ({
    subject: "Prijavi: a deadline was missed",
    text: `Hello,\n\n${count === 1 ? "an item in Prijavi is" : `${count} items in Prijavi are`} past the deadline with no response yet.\nSign in to look:\n\n${link}\n`,
  }),
  uk: (link, count) => ({
    subject: "Prijavi: термін минув",
    text: `Вітаємо!\n\nУ Prijavi минув термін для справ (${count}), на які ще ніхто не відреагував.\nУвійдіть, щоб їх переглянути:\n\n${link}\n`,
  }),
};

export function deadlineMail(
  stage: "reminder" | "escalation",
  locale: Locale,
  link: string,
  count: number,
) {
  return (stage === "reminder" ? reminder : escalation)[locale](link, count);
}
