"use client";

import { useLocale, useTranslations } from "next-intl";
import { unstable_rethrow } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { useForm, useWatch, type DefaultValues, type Resolver } from "react-hook-form";
import { submitReportAction } from "../actions";
import { AttachmentsField, attachmentMessageValues } from "@/components/ui/attachments-field";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/use-hydrated";
import { ChoiceGroup, Choice, describedBy, Field, Tag } from "@/components/ui/field";
import { checkChosenFiles, type AttachmentError } from "@/lib/attachments/limits";
import type { ReportData, ReportFormValues, ReportInput } from "@/lib/validation/report";
import {
  childExploitationForms,
  contactChoices,
  exploitationForms,
  indicators,
  limits,
  peopleCounts,
  regions,
  reporterRoles,
  triState,
  whenPeriods,
} from "@/lib/validation/report-options";
import { DangerAlert } from "@/components/report/danger-alert";
import { ErrorSummary } from "@/components/report/error-summary";
import { Receipt } from "./receipt";
import { honeypotField, type ReportFormState } from "../state";

const sectionCount = 4;

// The schema and its resolver (zod, ~40 kB gzipped) are not part of the first load: they are
// fetched once the page is up (see the effect below) and are there long before anyone has
// answered enough to press "Send". Without JavaScript the server checks with the same schema.
const loadResolver = () =>
  Promise.all([import("@hookform/resolvers/zod"), import("@/lib/validation/report")]).then(
    ([{ zodResolver }, { reportSchema }]) => zodResolver(reportSchema),
  );
const resolver: Resolver<ReportInput, unknown, ReportData> = async (values, context, options) =>
  (await loadResolver())(values, context, options);

export function ReportForm({ submissionId }: { submissionId: string }) {
  // The form posts the server action itself (so it works without JavaScript); with JavaScript it
  // is sent through `submitOrKeep` instead, whose state, once there is one, is the form's.
  const [postedState, formAction, posting] = useActionState(submitReportAction, {
    status: "idle",
    submissionId,
  });
  const [sentState, submit, sending] = useActionState(
    (previous: ReportFormState | null, formData: FormData) =>
      submitOrKeep(previous ?? postedState, formData),
    null,
  );
  const state = sentState ?? postedState;

  if (state.status === "success") {
    return (
      <Receipt
        receipt={state.receipt}
        immediateDanger={state.immediateDanger}
        filesLater={state.filesLater ?? false}
        happeningToReporter={state.happeningToReporter}
      />
    );
  }
  if (state.status === "duplicate") return <DuplicateNotice />;
  return (
    <ReportFields
      state={state}
      formAction={formAction}
      submit={submit}
      pending={posting || sending}
    />
  );
}

/**
 * A post with files can be turned away before it reaches the action (proxy.ts: too many uploads
 * at once), and the call then fails here. The form stays as typed, with "could not save, please
 * try again", instead of the page giving way to an error.
 */
async function submitOrKeep(
  previous: ReportFormState,
  formData: FormData,
): Promise<ReportFormState> {
  try {
    return await submitReportAction(previous, formData);
  } catch (error) {
    unstable_rethrow(error);
    const kept = previous.status === "invalid" || previous.status === "error" ? previous : null;
    return {
      status: "error",
      reason: "failed",
      submissionId: previous.submissionId,
      values: kept?.values ?? {},
      files: kept?.files ?? { kept: [], keepOriginal: false },
    };
  }
}

function DuplicateNotice() {
  const t = useTranslations("ReportForm");
  const locale = useLocale();
  return (
    <div role="status" className="space-y-4">
      <p className="text-lg">{t("duplicate")}</p>
      {/* A full page load, so the new form gets a new one-time id. */}
      <a href={`/${locale}/report`}>{t("newReport")}</a>
    </div>
  );
}

type FieldsProps = {
  state: Exclude<ReportFormState, { status: "success" | "duplicate" }>;
  formAction: (formData: FormData) => void;
  submit: (formData: FormData) => void;
  pending: boolean;
};

function ReportFields({ state, formAction, submit, pending }: FieldsProps) {
  const t = useTranslations("ReportForm");
  const te = useTranslations("ReportForm.errors");
  const ta = useTranslations("Attachments");
  const locale = useLocale();
  const formRef = useRef<HTMLFormElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);

  const values: ReportFormValues =
    state.status === "invalid" || state.status === "error" ? state.values : {};
  const serverErrors = state.status === "invalid" ? state.errors : {};
  const files =
    state.status === "invalid" || state.status === "error"
      ? state.files
      : { kept: [], keepOriginal: false };
  // A problem found in the browser before sending (too many or too large), else the server's.
  const [chosenFilesError, setChosenFilesError] = useState<AttachmentError | null>(null);
  const fileError = chosenFilesError ?? files.error;

  // The server now keeps the files that were sent (they are listed in the form): empty the picker
  // so that sending again does not upload them twice.
  // (After a failed send they were not kept, so they stay where they are.)
  useEffect(() => {
    if (fileInputRef.current && state.status === "invalid") fileInputRef.current.value = "";
  }, [state]);
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
  const fieldNames = [
    "forms",
    "region",
    "placeDetails",
    "whenPeriod",
    "whenDate",
    "peopleCount",
    "minors",
    "immediateDanger",
    "reporterRole",
    "description",
    "contactChoice",
    "contact",
  ];
  const errors = fieldNames.flatMap((name) => {
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
  const textInput = (name: string, extra: { hint?: boolean } = {}) => ({
    id: name,
    "aria-invalid": errorKey(name) ? true : undefined,
    "aria-describedby": describedBy(name, {
      hint: extra.hint ? "yes" : undefined,
      error: errorKey(name),
    }),
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
      {state.status === "error" && (
        <div
          role="alert"
          className="rounded-md border-2 border-red-800 bg-red-50 p-4 font-semibold text-red-900"
        >
          {t(state.reason === "rateLimited" ? "rateLimited" : "failed")}
        </div>
      )}

      <input type="hidden" name="submissionId" value={state.submissionId} />
      <input type="hidden" name="locale" value={locale} />
      {/* Hidden from people and assistive technology; bots fill it in. */}
      <div className="absolute -left-[10000px] h-px w-px overflow-hidden" aria-hidden="true">
        <label htmlFor={honeypotField}>{t("honeypot")}</label>
        <input
          id={honeypotField}
          name={honeypotField}
          type="text"
          tabIndex={-1}
          autoComplete="off"
          defaultValue=""
        />
      </div>

      <Section index={1} title={t("sections.what")}>
        <ChoiceGroup
          name="forms"
          legend={
            <>
              {t("forms.legend")}
              <Tag>{t("required")}</Tag>
            </>
          }
          hint={t("forms.hint")}
          error={message("forms")}
        >
          {exploitationForms.map((option) => (
            <Choice
              key={option}
              id={`forms-${option}`}
              type="checkbox"
              value={option}
              label={t(`forms.options.${option}`)}
              defaultChecked={values.forms?.includes(option)}
              {...register("forms")}
            />
          ))}
          <p className="mt-3 font-semibold">{t("forms.childLegend")}</p>
          {childExploitationForms.map((option) => (
            <Choice
              key={option}
              id={`forms-${option}`}
              type="checkbox"
              value={option}
              label={t(`forms.options.${option}`)}
              defaultChecked={values.forms?.includes(option)}
              {...register("forms")}
            />
          ))}
        </ChoiceGroup>

        <ChoiceGroup
          name="indicators"
          legend={
            <>
              {t("indicators.legend")}
              <Tag>{t("optional")}</Tag>
            </>
          }
          hint={t("indicators.hint")}
        >
          {indicators.map((option) => (
            <Choice
              key={option}
              id={`indicators-${option}`}
              type="checkbox"
              value={option}
              label={t(`indicators.options.${option}`)}
              defaultChecked={values.indicators?.includes(option)}
              {...register("indicators")}
            />
          ))}
        </ChoiceGroup>
      </Section>

      <Section index={2} title={t("sections.where")}>
        <Field
          name="region"
          label={
            <>
              {t("region.label")}
              <Tag>{t("required")}</Tag>
            </>
          }
          hint={t("region.hint")}
          error={message("region")}
        >
          <select
            className="text-input"
            defaultValue={values.region ?? ""}
            {...textInput("region", { hint: true })}
            {...register("region")}
          >
            <option value="">{t("region.placeholder")}</option>
            {regions.map((option) => (
              <option key={option} value={option}>
                {t(`region.options.${option}`)}
              </option>
            ))}
          </select>
        </Field>

        <Field
          name="placeDetails"
          label={
            <>
              {t("placeDetails.label")}
              <Tag>{t("optional")}</Tag>
            </>
          }
          hint={t("placeDetails.hint")}
          error={message("placeDetails")}
        >
          <textarea
            className="text-input"
            rows={2}
            maxLength={limits.placeDetails}
            defaultValue={values.placeDetails}
            {...textInput("placeDetails", { hint: true })}
            {...register("placeDetails")}
          />
        </Field>

        <Field
          name="whenPeriod"
          label={
            <>
              {t("whenPeriod.label")}
              <Tag>{t("required")}</Tag>
            </>
          }
          error={message("whenPeriod")}
        >
          <select
            className="text-input"
            defaultValue={values.whenPeriod ?? ""}
            {...textInput("whenPeriod")}
            {...register("whenPeriod")}
          >
            <option value="">{t("whenPeriod.placeholder")}</option>
            {whenPeriods.map((option) => (
              <option key={option} value={option}>
                {t(`whenPeriod.options.${option}`)}
              </option>
            ))}
          </select>
        </Field>

        <Field
          name="whenDate"
          label={
            <>
              {t("whenDate.label")}
              <Tag>{t("optional")}</Tag>
            </>
          }
          hint={t("whenDate.hint")}
          error={message("whenDate")}
        >
          <input
            type="date"
            className="text-input sm:max-w-xs"
            defaultValue={values.whenDate}
            {...textInput("whenDate", { hint: true })}
            {...register("whenDate")}
          />
        </Field>
      </Section>

      <Section index={3} title={t("sections.who")}>
        <Field
          name="peopleCount"
          label={
            <>
              {t("peopleCount.label")}
              <Tag>{t("required")}</Tag>
            </>
          }
          error={message("peopleCount")}
        >
          <select
            className="text-input"
            defaultValue={values.peopleCount ?? ""}
            {...textInput("peopleCount")}
            {...register("peopleCount")}
          >
            <option value="">{t("peopleCount.placeholder")}</option>
            {peopleCounts.map((option) => (
              <option key={option} value={option}>
                {t(`peopleCount.options.${option}`)}
              </option>
            ))}
          </select>
        </Field>

        <ChoiceGroup
          name="minors"
          legend={
            <>
              {t("minors.legend")}
              <Tag>{t("required")}</Tag>
            </>
          }
          error={message("minors")}
        >
          {triState.map((option) => (
            <Choice
              key={option}
              id={`minors-${option}`}
              type="radio"
              value={option}
              label={t(`minors.options.${option}`)}
              defaultChecked={values.minors === option}
              {...register("minors")}
            />
          ))}
        </ChoiceGroup>

        <ChoiceGroup
          name="immediateDanger"
          legend={
            <>
              {t("immediateDanger.legend")}
              <Tag>{t("required")}</Tag>
            </>
          }
          hint={t("immediateDanger.hint")}
          error={message("immediateDanger")}
        >
          {triState.map((option) => (
            <Choice
              key={option}
              id={`immediateDanger-${option}`}
              type="radio"
              value={option}
              label={t(`immediateDanger.options.${option}`)}
              defaultChecked={values.immediateDanger === option}
              {...register("immediateDanger")}
            />
          ))}
        </ChoiceGroup>
        <DangerAlert className="reveal-on-danger" live={immediateDanger === "yes"} />
      </Section>

      <Section index={4} title={t("sections.you")}>
        <ChoiceGroup
          name="reporterRole"
          legend={
            <>
              {t("reporterRole.legend")}
              <Tag>{t("required")}</Tag>
            </>
          }
          hint={t("reporterRole.hint")}
          error={message("reporterRole")}
        >
          {reporterRoles.map((option) => (
            <Choice
              key={option}
              id={`reporterRole-${option}`}
              type="radio"
              value={option}
              label={t(`reporterRole.options.${option}`)}
              defaultChecked={values.reporterRole === option}
              {...register("reporterRole")}
            />
          ))}
        </ChoiceGroup>

        <Field
          name="description"
          label={
            <>
              {t("description.label")}
              <Tag>{t("required")}</Tag>
            </>
          }
          hint={t("description.hint")}
          error={message("description")}
        >
          <textarea
            className="text-input"
            rows={8}
            maxLength={limits.description}
            defaultValue={values.description}
            {...textInput("description", { hint: true })}
            {...register("description")}
          />
          <p className="mt-1 text-sm text-slate-700" aria-live="off">
            {t("description.counter", { count: description.length, max: limits.description })}
          </p>
        </Field>

        <AttachmentsField
          kept={files.kept}
          keepOriginal={files.keepOriginal}
          error={fileError ?? undefined}
          notKept={files.notKept && !enhanced}
          inputRef={fileInputRef}
        />

        <ChoiceGroup
          name="contactChoice"
          legend={t("contactChoice.legend")}
          hint={t("contactChoice.hint")}
          error={message("contactChoice")}
        >
          {contactChoices.map((option) => (
            <Choice
              key={option}
              id={`contactChoice-${option}`}
              type="radio"
              value={option}
              label={t(`contactChoice.options.${option}`)}
              defaultChecked={(values.contactChoice ?? "anonymous") === option}
              {...register("contactChoice")}
            />
          ))}
        </ChoiceGroup>

        <div className="reveal-on-contact">
          <Field
            name="contact"
            label={t("contact.label")}
            hint={t("contact.hint")}
            error={message("contact")}
          >
            <textarea
              className="text-input"
              rows={2}
              maxLength={limits.contact}
              defaultValue={values.contact}
              {...textInput("contact", { hint: true })}
              {...register("contact")}
            />
          </Field>
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

function Section({
  index,
  title,
  children,
}: {
  index: number;
  title: string;
  children: React.ReactNode;
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
