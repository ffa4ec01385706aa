/** Where "leave this site" goes: a neutral page, configurable per deployment. */
export function quickExitUrl(): string {
  return process.env.QUICK_EXIT_URL || "https://www.bbc.com/weather";
}
