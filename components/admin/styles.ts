/** Shared by server-rendered filter forms (client forms use the same look from form.tsx). */
export const inputClassServer = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base";
