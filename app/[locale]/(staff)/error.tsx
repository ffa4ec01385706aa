"use client";

// Inside the group's own frame (header and navigation); app/[locale]/error.tsx catches only what
// fails in the frame itself.
export { default } from "../error";
