import { getFormatter, getTranslations } from "next-intl/server";
import type { SignInNotice } from "@/lib/auth/sign-in-guard";

/** Failed attempts on the signed-in account since its last sign-in, shown once. */
export async function SignInNoticeBox({ notice }: { notice: SignInNotice }) {
  const t = await getTranslations("Dashboard");
  const when = (await getFormatter()).dateTime(notice.lastAt, "long");
  return (
    <p
      role="status"
      data-testid="failed-sign-ins"
      className="rounded-md border-2 border-amber-700 bg-amber-50 p-3 font-semibold text-amber-950"
    >
      {t("failedSignIns", { count: notice.count, when })}
    </p>
  );
}
