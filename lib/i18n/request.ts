import { getRequestConfig } from "next-intl/server";
import { formats, timeZone } from "./formats";
import { supportedLocale } from "./routing";

export default getRequestConfig(async ({ requestLocale }) => {
  const locale = supportedLocale(await requestLocale);
  return {
    locale,
    messages: (await import(`../../messages/${locale}.json`)).default,
    timeZone,
    formats,
  };
});
