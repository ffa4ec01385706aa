import type { ReactNode } from "react";
import { telHref } from "./phone-numbers";

/** For `t.rich`: wraps a message's `<tel>` chunk in a link that dials `number`. */
export function telLink(number: string) {
  return function TelLink(chunks: ReactNode) {
    return (
      <a href={telHref(number)} className="font-bold whitespace-nowrap">
        {chunks}
      </a>
    );
  };
}
