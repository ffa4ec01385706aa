// Types of chromium.mjs for the TypeScript that shares it.
export const chromiumPath: string;
export const chromiumArgs: string[];
