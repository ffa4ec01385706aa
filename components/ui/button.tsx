import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary";

const variants: Record<Variant, string> = {
  primary: "bg-teal-800 text-white hover:bg-teal-900 disabled:bg-slate-500",
  secondary: "bg-white text-teal-900 border-2 border-teal-800 hover:bg-teal-50",
};

export const buttonClass = (variant: Variant = "primary") =>
  // Narrower padding and words that may break keep a long label ("Надіслати повідомлення") inside a
  // 360 px phone at 200 % zoom, whatever width the phone's own font has.
  `inline-flex min-h-12 items-center justify-center rounded-md px-3 py-3 text-center text-base font-semibold [overflow-wrap:anywhere] sm:px-5 ${variants[variant]}`;

export function Button({
  variant = "primary",
  className,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button className={`${buttonClass(variant)} ${className ?? ""}`} {...props} />;
}
