import { getTranslations } from "next-intl/server";
import { anonymousPoliceLine, emergencyNumber } from "./phone-numbers";
import { telLink } from "./tel-link";

export async function EmergencyNumbers({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const t = await getTranslations("Emergency");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section
      aria-labelledby="emergency-title"
      className="rounded-md border-2 border-red-800 bg-red-50 p-4"
    >
      <Heading id="emergency-title" className="text-lg font-bold text-red-900">
        {t("title")}
      </Heading>
      <p className="mt-2">
        {t.rich("call113", { number: emergencyNumber, tel: telLink(emergencyNumber) })}
      </p>
      <p className="mt-1">
        {t.rich("anonymousLine", {
          number: anonymousPoliceLine,
          tel: telLink(anonymousPoliceLine),
        })}
      </p>
    </section>
  );
}
