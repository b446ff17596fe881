import type { ReactNode } from "react";

const field = "mt-1 block w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** A labelled <select> for the GET filter forms: an "all" choice (empty value) and the options. */
export function SelectField({
  id,
  name,
  label,
  defaultValue,
  allLabel,
  options,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string | number;
  /** The empty choice ("全部…"); omitted when the field always has a value. */
  allLabel?: string;
  options: { value: string | number; label: ReactNode }[];
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className={field}>
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
