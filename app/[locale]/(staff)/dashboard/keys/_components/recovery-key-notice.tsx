import { useTranslations } from "next-intl";

// The recovery key, the one time it is shown: right after the keys are made or replaced.
export function RecoveryKeyNotice({ recoveryKey }: { recoveryKey: string }) {
  const t = useTranslations("OrganizationKeys");
  return (
    <section
      aria-labelledby="recovery-key"
      className="space-y-3 rounded-lg border-4 border-amber-600 bg-amber-50 p-4"
    >
      <h2 id="recovery-key" className="text-xl font-bold">
        {t("recoveryTitle")}
      </h2>
      <p>{t("recoveryShownOnce")}</p>
      <p className="rounded-md bg-white p-3 font-mono text-lg break-all" data-testid="recovery-key">
        {recoveryKey}
      </p>
      <p>{t("recoveryGuidance")}</p>
    </section>
  );
}
