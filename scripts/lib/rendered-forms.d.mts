// Types of rendered-forms.mjs for the TypeScript tests that share it.
export type Field = [name: string, value: string];
export function hiddenFields(html: string): Field[];
export function hiddenFieldsOfForm(html: string, fieldName: string): Field[] | null;
export function actionIdOf(hidden: Field[]): string | null;
export function actionFields(hidden: Field[], submissionId: string): Field[];
export function reportRouterState(locale: string): string;
