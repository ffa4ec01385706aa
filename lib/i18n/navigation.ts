import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

// Links, redirects and paths that carry the locale: nothing builds `/${locale}/…` by hand.
const navigation = createNavigation(routing);

export const { Link, getPathname } = navigation;
// Declared with its type: TypeScript treats code after a call as unreachable only when the
// `never`-returning function has an explicit annotation, which a destructured one lacks.
export const redirect: typeof navigation.redirect = navigation.redirect;
