import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { asFormAction } from "@/components/ui/form-action";
import { authorize, getStaffSession } from "@/lib/auth/session";
import type { Locale } from "@/lib/i18n/routing";
import { listKeyHolders } from "@/lib/keys/list-key-holders";
import { openOrganizationKeyForSession } from "@/lib/keys/session-keys";
import { requestVaultCookie } from "@/lib/keys/vault-cookie";
import { MakeKeysForm } from "./_components/make-keys-form";
import { RecoverKeyForm } from "./_components/recover-key-form";
import { RotateKeyForm } from "./_components/rotate-key-form";
import { grantOrganizationKeyAction, revokeOrganizationKeyGrantAction } from "./actions";

// Organisation keys (issue 15): made by a first member, granted by a member who holds them in
// this session, recovered with the printed recovery key. Plain forms: all of it works without
// JavaScript. Nothing secret is on this page except the recovery key, once, right after making.

export default async function OrganizationKeysPage({
  params,
}: {
  params: Promise<{ locale: Locale }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const member = await authorize("keys.manage");
  const session = await getStaffSession();
  if (!member || session.status !== "active") notFound();
  const t = await getTranslations("OrganizationKeys");
  const holders = await listKeyHolders(member);
  const held =
    holders?.hasKeys &&
    !!(await openOrganizationKeyForSession(
      { user: member, sessionId: session.sessionId },
      (await requestVaultCookie()).read(),
    ));
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      {!holders ? (
        <p>{t("noOrganization")}</p>
      ) : (
        <>
          <MakeKeysForm hasKeys={holders.hasKeys} />
          {holders.hasKeys && (
            <p role="status" className="font-semibold" data-testid="key-status">
              {held ? t("heldInSession") : t("notHeldInSession")}
            </p>
          )}
          {holders.hasKeys && !held && <RecoverKeyForm />}
          <section aria-labelledby="members" className="space-y-3">
            <h2 id="members" className="text-xl font-bold">
              {t("membersTitle")}
            </h2>
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
              {holders.members.map((person) => (
                <li
                  key={person.id}
                  className="flex flex-wrap items-center justify-between gap-2 p-3"
                  data-testid={`key-holder-${person.email}`}
                >
                  <span>
                    <span className="block font-semibold">
                      {person.name}
                      {person.self && ` (${t("you")})`}
                    </span>
                    <span className="block break-all text-sm">{person.email}</span>
                  </span>
                  <span className="flex flex-wrap items-center gap-3">
                    <span>
                      {!person.ready
                        ? t("notReady")
                        : person.holdsKey
                          ? t("holdsKey")
                          : t("noAccess")}
                    </span>
                    {!person.self && person.holdsKey && (
                      <form action={asFormAction(revokeOrganizationKeyGrantAction)}>
                        <input type="hidden" name="userId" value={person.id} />
                        <button type="submit" className="min-h-11 underline">
                          {t("revoke")}
                        </button>
                      </form>
                    )}
                    {held && person.ready && !person.holdsKey && (
                      <form action={asFormAction(grantOrganizationKeyAction)}>
                        <input type="hidden" name="userId" value={person.id} />
                        <button type="submit" className="min-h-11 font-semibold underline">
                          {t("grant")}
                        </button>
                      </form>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          {held && <RotateKeyForm />}
        </>
      )}
    </div>
  );
}
