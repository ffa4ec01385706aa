"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Choice, ChoiceGroup, describedBy, Field, Tag } from "@/components/ui/field";

type Translate = ReturnType<typeof useTranslations<"ReportForm">>;
type MessageKey = Parameters<Translate>[0];

/**
 * A question's texts live under ReportForm.<name> (legend or label, hint, placeholder and one
 * `options.<option>` per option). The keys are built from the option lists in
 * lib/validation/report-options.ts, which the schema checks against; tests/unit/report-questions
 * checks that every option has its text in every locale, which is what this cast relies on.
 */
const key = (name: string, part: string) => `${name}.${part}` as MessageKey;

/** "(required)" or "(optional)" after a question, or nothing. */
type Need = "required" | "optional" | undefined;

/**
 * A question's heading (its `legend` or `label` text, then "(required)" or "(optional)") and its
 * hint when it has one.
 */
function questionTexts(
  t: Translate,
  name: string,
  heading: "legend" | "label",
  need: Need,
  hint: boolean | undefined,
) {
  return {
    heading: (
      <>
        {t(key(name, heading))}
        {need && <Tag>{t(need)}</Tag>}
      </>
    ),
    hint: hint ? t(key(name, "hint")) : undefined,
  };
}

type ChoiceQuestionProps = {
  name: string;
  type: "radio" | "checkbox";
  options: readonly string[];
  /** Options shown after a heading of their own in the same group (ReportForm.<name>.<key>). */
  more?: { heading: string; options: readonly string[] };
  need?: Need;
  hint?: boolean;
  error?: string;
  /** The options chosen when the form was rendered (what came back from the server). */
  chosen: readonly string[];
  field: UseFormRegisterReturn;
};

/** A question answered with radios or checkboxes, one per option in its list. */
export function ChoiceQuestion({
  name,
  type,
  options,
  more,
  need,
  hint,
  error,
  chosen,
  field,
}: ChoiceQuestionProps) {
  const t = useTranslations("ReportForm");
  const choice = (option: string) => (
    <Choice
      key={option}
      id={`${name}-${option}`}
      type={type}
      value={option}
      label={t(key(name, `options.${option}`))}
      defaultChecked={chosen.includes(option)}
      {...field}
    />
  );
  const texts = questionTexts(t, name, "legend", need, hint);
  return (
    <ChoiceGroup name={name} legend={texts.heading} hint={texts.hint} error={error}>
      {options.map(choice)}
      {more && (
        <>
          <p className="mt-3 font-semibold">{t(key(name, more.heading))}</p>
          {more.options.map(choice)}
        </>
      )}
    </ChoiceGroup>
  );
}

/** What every question with one control is given: texts under ReportForm.<name>, and its error. */
type QuestionProps = {
  name: string;
  need?: Need;
  hint?: boolean;
  /** The message key of the field's error, if any. */
  errorKey?: string;
  error?: string;
};

/**
 * A question with one control: its label (ReportForm.<name>.label), hint and error around it, and
 * for the control its id and what ties it to the hint and the error for assistive technology.
 */
function QuestionField({
  name,
  need,
  hint,
  errorKey,
  error,
  children,
}: QuestionProps & { children: (control: ReturnType<typeof controlProps>) => ReactNode }) {
  const texts = questionTexts(useTranslations("ReportForm"), name, "label", need, hint);
  return (
    <Field name={name} label={texts.heading} hint={texts.hint} error={error}>
      {children(controlProps(name, hint, errorKey))}
    </Field>
  );
}

const controlProps = (name: string, hint: boolean | undefined, errorKey: string | undefined) => ({
  id: name,
  "aria-invalid": errorKey ? true : undefined,
  "aria-describedby": describedBy(name, { hint: hint ? "yes" : undefined, error: errorKey }),
});

type SelectQuestionProps = QuestionProps & {
  options: readonly string[];
  value?: string;
  field: UseFormRegisterReturn;
};

/** A question answered from a list, with a placeholder option that counts as no answer. */
export function SelectQuestion({ options, value, field, ...question }: SelectQuestionProps) {
  const t = useTranslations("ReportForm");
  return (
    <QuestionField {...question}>
      {(control) => (
        <select className="text-input" defaultValue={value ?? ""} {...control} {...field}>
          <option value="">{t(key(question.name, "placeholder"))}</option>
          {options.map((option) => (
            <option key={option} value={option}>
              {t(key(question.name, `options.${option}`))}
            </option>
          ))}
        </select>
      )}
    </QuestionField>
  );
}

type TextQuestionProps = Omit<SelectQuestionProps, "options"> & {
  /** A text box of so many rows and characters, or a date. */
  input: { rows: number; maxLength: number } | "date";
  /** Shown under the control (a character counter). */
  children?: ReactNode;
};

/** A question answered by typing (or a date picker). */
export function TextQuestion({ value, field, input, children, ...question }: TextQuestionProps) {
  return (
    <QuestionField {...question}>
      {(control) => (
        <>
          {input === "date" ? (
            <input
              type="date"
              className="text-input sm:max-w-xs"
              defaultValue={value}
              {...control}
              {...field}
            />
          ) : (
            <textarea
              className="text-input"
              {...input}
              defaultValue={value}
              {...control}
              {...field}
            />
          )}
          {children}
        </>
      )}
    </QuestionField>
  );
}

const sectionCount = 4;

export function Section({
  index,
  title,
  children,
}: {
  index: number;
  title: string;
  children: ReactNode;
}) {
  const t = useTranslations("ReportForm");
  return (
    <section
      aria-labelledby={`section-${index}`}
      className="space-y-4 rounded-lg border border-slate-300 bg-white p-4 sm:space-y-6 sm:p-6"
    >
      <h2 id={`section-${index}`} className="text-xl font-bold">
        <span className="block text-sm font-semibold text-teal-800">
          {t("sectionProgress", { current: index, total: sectionCount })}
        </span>
        {title}
      </h2>
      {children}
    </section>
  );
}
