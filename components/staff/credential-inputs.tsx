import type { InputHTMLAttributes } from "react";

/** The account's current password, as password managers expect it (id and name "password"). */
export function CurrentPasswordInput() {
  return (
    <input
      id="password"
      name="password"
      type="password"
      autoComplete="current-password"
      required
      className="text-input"
    />
  );
}

/** A code from the authenticator app (id and name "code"); phones offer their digit keyboard. */
export function OneTimeCodeInput(props: InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      id="code"
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      required
      className="text-input sm:max-w-xs"
      {...props}
    />
  );
}
