"use client";

import { useLocale, useTranslations } from "next-intl";
import { startTransition, useEffect, useRef, useState } from "react";
import { useForm, useWatch, type DefaultValues } from "react-hook-form";
import { DangerAlert } from "@/components/report/danger-alert";
import { ErrorSummary } from "@/components/report/error-summary";
import { AttachmentsField, attachmentMessageValues } from "@/components/ui/attachments-field";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/use-hydrated";
import { checkChosenFiles, type AttachmentError } from "@/lib/attachments/limits";
import type { ReportData, ReportInput } from "@/lib/validation/report";
import {
  childExploitationForms,
  contactChoices,
  exploitationForms,
  indicators,
  limits,
  peopleCounts,
  regions,
  reportFieldNames,
  reporterRoles,
  triState,
  whenPeriods,
} from "@/lib/validation/report-options";
import type { ReportFormState } from "../state";
import { Honeypot } from "./honeypot";
import { loadResolver, resolver } from "./report-resolver";
import { ChoiceQuestion, Section, SelectQuestion, TextQuestion } from "./report-questions";

// Indicators are a free choice from a fixed list: only a forged post gets them wrong, and its
// error has no text to show.
const summarised = reportFieldNames.filter((name) => name !== "indicators");

type FieldsProps = {
  state: ReportFormState;
  formAction: (formData: FormData) => void;
  submit: (formData: FormData) => void;
  pending: boolean;
};

export function ReportFields({ state, formAction, submit, pending }: FieldsProps) {
  const t = useTranslations("ReportForm");
  const te = useTranslations("ReportForm.errors");
  const ta = useTranslations("Attachments");
  const locale = useLocale();
  const formRef = useRef<HTMLFormElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);

  const refused = state.status === "refused" ? state : undefined;
  const values = refused?.values ?? {};
  const serverErrors = refused?.fieldErrors ?? {};
  const files = state.files ?? { kept: [], keepOriginal: false };
  // A problem found in the browser before sending (too many or too large), else the server's.
  const [chosenFilesError, setChosenFilesError] = useState<AttachmentError | null>(null);
  const fileError = chosenFilesError ?? files.error;

  // The server now keeps the files that were sent (they are listed in the form): empty the picker
  // so that sending again does not upload them twice.
  // (After a failed send they were not kept, so they stay where they are.)
  useEffect(() => {
    if (fileInputRef.current && refused?.error === "invalid") fileInputRef.current.value = "";
  }, [refused]);
  // A new answer from the server replaces the browser's own file problem (React's pattern for
  // state derived from a changed value: set during render, not in an effect).
  const [answeredState, setAnsweredState] = useState(state);
  if (answeredState !== state) {
    setAnsweredState(state);
    setChosenFilesError(null);
  }

  const form = useForm<ReportInput, unknown, ReportData>({
    resolver,
    // What came back from the server is what was typed, not yet valid: the resolver checks it.
    defaultValues: {
      ...values,
      forms: values.forms ?? [],
      indicators: values.indicators ?? [],
    } as DefaultValues<ReportInput>,
    // Errors appear on sending, not while someone is still answering (nor shift the page under a
    // finger on its way to the button); after that they clear as the answers are corrected.
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: false,
  });
  const { register, formState, control } = form;

  // Client errors while typing; the server's when it disagreed or JavaScript was off at submit.
  const errorKey = (name: string): string | undefined =>
    (formState.errors as Record<string, { message?: string } | undefined>)[name]?.message ??
    serverErrors[name];
  const message = (name: string) => {
    const key = errorKey(name);
    return key ? te(key as Parameters<typeof te>[0]) : undefined;
  };
  const errors: { name: string; text: string }[] = summarised.flatMap((name) => {
    const text = message(name);
    return text ? [{ name, text }] : [];
  });
  if (fileError)
    errors.push({ name: "attachments", text: ta(`errors.${fileError}`, attachmentMessageValues) });

  // Marks the form once JavaScript has taken over (browser-side checks active); tests wait for it.
  const enhanced = useHydrated();
  useEffect(() => {
    void loadResolver();
  }, []);

  // Counts the submissions the browser-side check refused: each moves focus to the error summary.
  const [rejections, setRejections] = useState(0);

  const description = useWatch({ control, name: "description" }) ?? "";
  const immediateDanger = useWatch({ control, name: "immediateDanger" });
  // What a question built from its option list needs from this form's state.
  const choice = (name: "forms" | "indicators" | "minors" | "immediateDanger" | "reporterRole") => {
    const value = values[name];
    return {
      name,
      error: message(name),
      chosen: Array.isArray(value) ? value : value ? [value] : [],
      field: register(name),
    };
  };
  // What a select or text question needs from this form's state.
  const question = (name: Exclude<keyof typeof values, "forms" | "indicators">) => ({
    name,
    error: message(name),
    errorKey: errorKey(name),
    value: values[name],
    field: register(name),
  });

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) =>
    form.handleSubmit(
      () => {
        // Count and size are checked here too, before a slow upload that the server would refuse.
        const chosen = Array.from(fileInputRef.current?.files ?? []);
        const removed = formRef.current!.querySelectorAll(
          "input[name=removeAttachment]:checked",
        ).length;
        const problem = checkChosenFiles(chosen, files.kept.length - removed);
        setChosenFilesError(problem);
        if (problem) {
          setRejections((count) => count + 1);
          return;
        }
        const formData = new FormData(formRef.current!);
        startTransition(() => submit(formData));
      },
      () => setRejections((count) => count + 1),
    )(event);

  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      autoComplete="off"
      className="space-y-6 sm:space-y-8"
      aria-labelledby="report-title"
      data-enhanced={enhanced || undefined}
    >
      <header className="space-y-3">
        <h1 id="report-title" className="text-xl font-bold sm:text-3xl">
          {t("title")}
        </h1>
        <p>{t("intro")}</p>
        <p className="rounded-md bg-teal-50 p-3 text-teal-950">{t("anonymousNotice")}</p>
      </header>

      {errors.length > 0 && (
        <ErrorSummary focusKey={rejections} title={t("errorSummaryTitle")} errors={errors} />
      )}
      {(refused?.error === "failed" ||
        refused?.error === "rateLimited" ||
        refused?.error === "notOpen") && (
        <div
          role="alert"
          className="rounded-md border-2 border-red-800 bg-red-50 p-4 font-semibold text-red-900"
        >
          {t(refused.error)}
        </div>
      )}

      <input type="hidden" name="submissionId" value={state.submissionId} />
      <input type="hidden" name="locale" value={locale} />
      <Honeypot />

      <Section index={1} title={t("sections.what")}>
        <ChoiceQuestion
          {...choice("forms")}
          type="checkbox"
          options={exploitationForms}
          more={{ heading: "childLegend", options: childExploitationForms }}
          need="required"
          hint
        />
        <ChoiceQuestion
          {...choice("indicators")}
          error={undefined}
          type="checkbox"
          options={indicators}
          need="optional"
          hint
        />
      </Section>

      <Section index={2} title={t("sections.where")}>
        <SelectQuestion {...question("region")} options={regions} need="required" hint />
        <TextQuestion
          {...question("placeDetails")}
          need="optional"
          hint
          input={{ rows: 2, maxLength: limits.placeDetails }}
        />
        <SelectQuestion {...question("whenPeriod")} options={whenPeriods} need="required" />
        <TextQuestion {...question("whenDate")} need="optional" hint input="date" />
      </Section>

      <Section index={3} title={t("sections.who")}>
        <SelectQuestion {...question("peopleCount")} options={peopleCounts} need="required" />
        <ChoiceQuestion {...choice("minors")} type="radio" options={triState} need="required" />
        <ChoiceQuestion
          {...choice("immediateDanger")}
          type="radio"
          options={triState}
          need="required"
          hint
        />
        <DangerAlert className="reveal-on-danger" live={immediateDanger === "yes"} />
      </Section>

      <Section index={4} title={t("sections.you")}>
        <ChoiceQuestion
          {...choice("reporterRole")}
          type="radio"
          options={reporterRoles}
          need="required"
          hint
        />
        <TextQuestion
          {...question("description")}
          need="required"
          hint
          input={{ rows: 8, maxLength: limits.description }}
        >
          <p className="mt-1 text-sm text-slate-700" aria-live="off">
            {t("description.counter", { count: description.length, max: limits.description })}
          </p>
        </TextQuestion>

        <AttachmentsField
          kept={files.kept}
          keepOriginal={files.keepOriginal}
          error={fileError ?? undefined}
          notKept={files.notKept && !enhanced}
          inputRef={fileInputRef}
        />

        {/* No answer is "anonymous": contact details are given only by choosing to. */}
        <ChoiceQuestion
          name="contactChoice"
          type="radio"
          options={contactChoices}
          hint
          error={message("contactChoice")}
          chosen={[values.contactChoice ?? "anonymous"]}
          field={register("contactChoice")}
        />

        <div className="reveal-on-contact">
          <TextQuestion
            {...question("contact")}
            hint
            input={{ rows: 2, maxLength: limits.contact }}
          />
        </div>
      </Section>

      <div>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
