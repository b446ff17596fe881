"use client";

import { useId, useState } from "react";

export interface UnitOption {
  id: number;
  name: string;
  shortName: string | null;
  generic: boolean;
  aliases: string[];
}

const MAX_MATCHES = 10;

function matches(option: UnitOption, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return false;
  return [option.name, option.shortName ?? "", ...option.aliases].some((n) => n.toLowerCase().includes(q));
}

/**
 * Adds a unit from the department registry to one role of the assignment editor: type part of a name,
 * short name or alias; choose from up to ten matches (arrow keys and Enter, or a tap). An ARIA combobox
 * filtering the registry the page handed over (a few hundred rows), so it answers without a request.
 */
export function UnitPicker({
  id,
  label,
  placeholder,
  noMatch,
  groupLabel,
  options,
  exclude,
  onChoose,
  describedBy,
}: {
  id: string;
  label: string;
  placeholder: string;
  noMatch: string;
  groupLabel: string;
  options: UnitOption[];
  /** Units already chosen in any role: not offered again. */
  exclude: ReadonlySet<number>;
  onChoose: (option: UnitOption) => void;
  describedBy?: string;
}) {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const found = text.trim() ? options.filter((o) => !exclude.has(o.id) && matches(o, text)).slice(0, MAX_MATCHES) : [];
  const showList = open && text.trim() !== "";
  const choose = (option: UnitOption) => {
    onChoose(option);
    setText("");
    setOpen(false);
    setActive(0);
  };
  return (
    <div className="relative">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && found[active] ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && found.length) {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (i + 1) % found.length);
          } else if (event.key === "ArrowUp" && found.length) {
            event.preventDefault();
            setActive((i) => (i <= 0 ? found.length - 1 : i - 1));
          } else if (event.key === "Enter") {
            event.preventDefault();
            if (showList && found[active]) choose(found[active]);
          } else if (event.key === "Escape") {
            setOpen(false);
          }
        }}
        className="block w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
      />
      {showList ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={label}
          className="absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded border border-slate-300 bg-white text-sm shadow"
        >
          {found.length === 0 ? <li className="px-2 py-1.5 text-slate-600">{noMatch}</li> : null}
          {found.map((option, index) => (
            <li
              key={option.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(option);
              }}
              className={`cursor-pointer px-2 py-1.5 ${index === active ? "bg-brand-50 text-brand-900" : ""}`}
            >
              {option.name}
              {option.generic ? <span className="ml-1 text-xs text-amber-800">（{groupLabel}）</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
