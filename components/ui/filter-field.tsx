import Link from "next/link";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

/**
 * The GET filter forms (lists, dashboards, the audit log): plain forms that work without JavaScript and
 * keep every filtered view in the URL. Two sizes: `compact` beside dashboards and lists, `roomy` on the
 * admin pages (a 16 px text control, as in the admin edit forms).
 */
export type FilterLook = "compact" | "roomy";

const CONTROL: Record<FilterLook, string> = {
  compact: "mt-1 block w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm",
  roomy: "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base",
};
const SUBMIT: Record<FilterLook, string> = {
  compact: "rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-900",
  roomy: "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700",
};
const RESET: Record<FilterLook, string> = {
  compact: "rounded px-2 py-1.5 text-sm text-brand-700 hover:underline",
  roomy: "py-2 text-sm text-brand-700 underline",
};
export const filterLabelClass = "block text-sm font-medium text-slate-700";
export const filterControlClass = (look: FilterLook = "compact") => CONTROL[look];

interface Labelled {
  id: string;
  label: string;
  look?: FilterLook;
  /** Classes of the wrapper (a grid span…). */
  wrapperClassName?: string;
  /** A line under the control, tied to it by aria-describedby. */
  hint?: string;
}

function FilterLabel({ id, label, wrapperClassName, hint, children }: Labelled & { children: ReactNode }) {
  return (
    <div className={wrapperClassName}>
      <label htmlFor={id} className={filterLabelClass}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled text, search or date input of a filter form. */
export function FilterInput({
  id,
  label,
  look = "compact",
  wrapperClassName,
  hint,
  ...input
}: Labelled & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className">) {
  return (
    <FilterLabel id={id} label={label} wrapperClassName={wrapperClassName} hint={hint}>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} className={CONTROL[look]} />
    </FilterLabel>
  );
}

/**
 * A labelled <select>: an optional "all" choice (empty value), then `options`, or `children` for
 * anything richer (option groups).
 */
export function SelectField({
  id,
  label,
  look = "compact",
  wrapperClassName,
  hint,
  allLabel,
  options = [],
  children,
  ...select
}: Labelled & {
  /** The empty choice ("全部…"); omitted when the field always has a value. */
  allLabel?: string;
  options?: readonly { value: string | number; label: ReactNode }[];
  children?: ReactNode;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className" | "children">) {
  return (
    <FilterLabel id={id} label={label} wrapperClassName={wrapperClassName} hint={hint}>
      <select id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...select} className={CONTROL[look]}>
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
    </FilterLabel>
  );
}

/** The filter form's box: a GET form laid out as a grid (`columns` gives the breakpoints). */
export function FilterForm({
  action,
  label,
  columns,
  children,
}: {
  action: string;
  /** The form's accessible name, where the page has more than one form. */
  label?: string;
  columns: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      aria-label={label}
      className={`mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 ${columns}`}
    >
      {children}
    </form>
  );
}

/** Apply (submit) and, optionally, a link back to the unfiltered view; `children` follow them. */
export function FilterActions({
  apply,
  reset,
  look = "compact",
  className = "flex items-end gap-2",
  children,
}: {
  apply: string;
  reset?: { href: string; label: string };
  look?: FilterLook;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <div className={className}>
      <button type="submit" className={SUBMIT[look]}>
        {apply}
      </button>
      {reset ? (
        <Link href={reset.href} className={RESET[look]}>
          {reset.label}
        </Link>
      ) : null}
      {children}
    </div>
  );
}
