import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { asFormAction } from "@/components/ui/form-action";
import { LocaleLink } from "@/components/ui/locale-link";
import type { StaffSession } from "@/lib/auth/session";
import { signOutAction, signOutEverywhereAction } from "../dashboard/actions";
import { StaffNav } from "./staff-nav";

/**
 * The staff workspace's header: the workspace's name, who is signed in, sign-out and the sections
 * this person may open. No reporter menu and no quick exit: staff are at work, not in danger,
 * and a button that throws the page away would only cost them what they typed.
 */
export async function StaffHeader({ session }: { session: StaffSession }) {
  const t = await getTranslations("Dashboard");
  const tw = await getTranslations("Workspace");
  const tl = await getTranslations("Layout");
  const active = session.status === "active" ? session.user : null;
  const current = ((await headers()).get("x-pathname") ?? "").replace(/^\/[a-z]{2}(?=\/|$)/, "");
  return (
    <header className="border-t-4 border-b border-t-teal-800 border-b-slate-300 bg-white">
      <div className="staff-frame flex flex-wrap items-center justify-between gap-x-6 gap-y-2 py-2">
        <LocaleLink href={active ? "/dashboard" : "/sign-in"} className="no-underline">
          <span className="text-lg font-bold text-teal-900">{tl("siteName")}</span>{" "}
          <span className="text-sm text-slate-700">{tw("name")}</span>
        </LocaleLink>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          {active && (
            <>
              <p className="text-sm" data-testid="signed-in-as">
                {t("signedInAs", { name: active.name, role: t(`roles.${active.role}`) })}
              </p>
              <form action={asFormAction(signOutAction)}>
                <button
                  type="submit"
                  className="inline-flex min-h-11 items-center font-semibold text-teal-900 underline"
                >
                  {t("signOut")}
                </button>
              </form>
              <form action={asFormAction(signOutEverywhereAction)}>
                <button
                  type="submit"
                  className="inline-flex min-h-11 items-center text-sm text-teal-900 underline"
                >
                  {t("signOutEverywhere")}
                </button>
              </form>
            </>
          )}
          <LanguageSwitcher />
        </div>
      </div>
      {active && (
        <div className="border-t border-slate-200 bg-slate-50">
          <div className="staff-frame">
            <StaffNav role={active.role} current={current} />
          </div>
        </div>
      )}
    </header>
  );
}
