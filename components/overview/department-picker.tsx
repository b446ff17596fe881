"use client";

import { useEffect, useId, useRef, useState } from "react";

interface Option {
  id: number;
  name: string;
}

/**
 * The overview's department filter when there are too many lead units for a list: type part of a
 * name, choose from up to ten matches (arrow keys and Enter, or a tap). The choice travels in a hidden
 * `dept` field, so the GET form and its shareable URL work as with the plain list. An ARIA combobox.
 */
export function DepartmentPicker({
  id,
  label,
  placeholder,
  noMatch,
  selected,
}: {
  id: string;
  label: string;
  placeholder: string;
  noMatch: string;
  selected: Option | null;
}) {
  const [text, setText] = useState(selected?.name ?? "");
  const [chosen, setChosen] = useState<Option | null>(selected);
  const [options, setOptions] = useState<Option[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const listId = useId();
  const request = useRef<AbortController | null>(null);

  useEffect(() => {
    const q = text.trim();
    if (!open || q === "" || q === chosen?.name) return;
    const timer = setTimeout(() => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setLoading(true);
      fetch(`/api/departments/search?${new URLSearchParams({ q, limit: "10" })}`, { signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<{ items: Option[] }>) : { items: [] }))
        .then((body) => {
          setOptions(body.items);
          setActive(body.items.length ? 0 : -1);
        })
        .catch(() => undefined)
        .finally(() => {
          if (request.current === controller) setLoading(false);
        });
    }, 200);
    return () => clearTimeout(timer);
  }, [text, open, chosen]);

  const choose = (option: Option) => {
    setChosen(option);
    setText(option.name);
    setOpen(false);
  };

  const showList = open && text.trim() !== "" && text !== chosen?.name;
  return (
    <div className="relative">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input type="hidden" name="dept" value={chosen?.id ?? ""} />
      <input
        id={id}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 && options[active] ? `${listId}-${active}` : undefined}
        aria-busy={loading}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          // Editing the text undoes the choice until a match is chosen again; empty means every unit.
          setChosen(null);
          setOpen(true);
          // Until the answer comes, say "searching" rather than "no match".
          setLoading(event.target.value.trim() !== "");
          if (event.target.value.trim() === "") setOptions([]);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && options.length) {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (i + 1) % options.length);
          } else if (event.key === "ArrowUp" && options.length) {
            event.preventDefault();
            setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
          } else if (event.key === "Enter" && showList && active >= 0 && options[active]) {
            event.preventDefault();
            choose(options[active]);
          } else if (event.key === "Escape") {
            setOpen(false);
          }
        }}
        className="mt-1 block w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
      />
      {showList ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={label}
          className="absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded border border-slate-300 bg-white text-sm shadow"
        >
          {options.length === 0 && !loading ? <li className="px-2 py-1.5 text-slate-600">{noMatch}</li> : null}
          {options.map((option, index) => (
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
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
