import type { ReactNode } from "react";

// Accessible form primitives. Each control is tied to its hint and error by id
// (aria-describedby), and an error sets aria-invalid, so screen readers announce both.

export function describedBy(name: string, { hint, error }: { hint?: ReactNode; error?: string }) {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function FieldHint({ name, children }: { name: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={`${name}-hint`} className="mt-1 text-sm text-slate-700">
      {children}
    </p>
  );
}

export function FieldError({ name, message }: { name: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={`${name}-error`} className="mt-1 flex gap-1 text-sm font-semibold text-red-800">
      <span aria-hidden="true">⚠</span>
      {message}
    </p>
  );
}

export function Tag({ children }: { children: ReactNode }) {
  return <span className="ml-2 text-sm font-normal text-slate-600">({children})</span>;
}

type FieldProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
};

/**
 * A single control (input, select, textarea) with its label above it. The wrapper carries
 * `${name}-group`, as a ChoiceGroup's fieldset does, so the error summary's link lands on the
 * question (label, hint and error) with or without JavaScript.
 */
export function Field({ name, label, hint, error, children }: FieldProps) {
  return (
    <div id={`${name}-group`} className={`field ${error ? "field-error" : ""}`}>
      <label htmlFor={name} className="block text-base font-semibold text-slate-900">
        {label}
      </label>
      <FieldHint name={name}>{hint}</FieldHint>
      <FieldError name={name} message={error} />
      <div className="mt-2">{children}</div>
    </div>
  );
}

type ChoiceGroupProps = {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
};

/** A group of radios or checkboxes: one fieldset, its question as the legend. */
export function ChoiceGroup({ name, legend, hint, error, children }: ChoiceGroupProps) {
  return (
    <fieldset
      id={`${name}-group`}
      aria-describedby={describedBy(name, { hint, error })}
      className={`field ${error ? "field-error" : ""}`}
    >
      <legend className="text-base font-semibold text-slate-900">{legend}</legend>
      <FieldHint name={name}>{hint}</FieldHint>
      <FieldError name={name} message={error} />
      <div className="mt-2 grid gap-2">{children}</div>
    </fieldset>
  );
}

type ChoiceProps = React.InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  type: "radio" | "checkbox";
  label: ReactNode;
};

export function Choice({ id, label, className, ...input }: ChoiceProps) {
  return (
    <div className="choice">
      <input id={id} className={`choice-input ${className ?? ""}`} {...input} />
      <label htmlFor={id} className="choice-label">
        {label}
      </label>
    </div>
  );
}
