import type { ReactNode } from "react";

/** An error that stops the form: announced at once, boxed so it is seen. */
export function ErrorBox({
  children,
  className = "",
}: {
  children: ReactNode;
  className?: string;
}) {
  return (
    <p
      role="alert"
      className={`rounded-md border-2 border-red-800 bg-red-50 p-3 font-semibold text-red-900 ${className}`}
    >
      {children}
    </p>
  );
}

/** A one-line error beside the control it concerns. */
export function ErrorLine({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="font-semibold text-red-900">
      {children}
    </p>
  );
}
