"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { addAliasAction, removeAliasAction, updateDepartmentAction } from "@/lib/actions/departments";
import type { ErrorBody } from "@/lib/server/errors";
import {
  ChoiceField,
  choicesOf,
  fieldErrorsOf,
  FormMessage,
  FormResult,
  SubmitButton,
  TextField,
  useActionForm,
} from "@/components/ui/form";
import { fill, type AdminText } from "./text";

export const KINDS = ["PROVINCIAL", "CITY", "CENTRAL", "ENTERPRISE", "GENERIC"] as const;

export interface EditableDepartment {
  id: number;
  name: string;
  shortName: string | null;
  kind: (typeof KINDS)[number];
  generic: boolean;
  aliases: { id: number; alias: string }[];
}

export function DepartmentForm({
  department,
  text,
}: {
  department: EditableDepartment;
  text: AdminText;
  locale: string;
}) {
  const { pending, error, saved, field, onSubmit } = useActionForm((form) =>
    updateDepartmentAction({
      departmentId: department.id,
      name: String(form.get("name") ?? ""),
      shortName: String(form.get("shortName") ?? ""),
      kind: String(form.get("kind") ?? ""),
      generic: form.get("generic") === "on",
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      <FormResult error={error} saved={saved} savedMessage={text.saved} />
      <TextField
        {...field("name")}
        label={text.departments.name}
        note={text.required}
        hint={text.departments.renameNote}
        defaultValue={department.name}
        required
      />
      <TextField
        {...field("shortName")}
        label={text.departments.shortName}
        note={text.optional}
        defaultValue={department.shortName ?? ""}
      />
      <ChoiceField
        {...field("kind")}
        label={text.departments.kind}
        defaultValue={department.kind}
        options={choicesOf(KINDS, (kind) => text.departments.kinds[kind])}
      />
      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" name="generic" defaultChecked={department.generic} aria-describedby="generic-hint" />
          {text.departments.generic}
        </label>
        <p id="generic-hint" className="mt-1 text-xs text-slate-500">
          {text.departments.genericHint}
        </p>
      </div>
      <SubmitButton pending={pending} label={text.form.save} pendingLabel={text.saving} />
    </form>
  );
}

export function DepartmentAliases({
  department,
  text,
}: {
  department: EditableDepartment;
  text: AdminText;
  locale: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<number | "add" | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [formKey, setFormKey] = useState(0);
  const aliasErrors = fieldErrorsOf(error).alias;

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const alias = String(new FormData(event.currentTarget).get("alias") ?? "");
    setError(null);
    setBusy("add");
    startTransition(async () => {
      const result = await addAliasAction({ departmentId: department.id, alias });
      setBusy(null);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setFormKey((k) => k + 1);
      router.refresh();
    });
  }

  function remove(aliasId: number) {
    setError(null);
    setBusy(aliasId);
    startTransition(async () => {
      const result = await removeAliasAction({ aliasId });
      setBusy(null);
      if (!result.ok) setError(result.error);
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      {error && !aliasErrors ? <FormMessage kind="error">{error.message}</FormMessage> : null}
      {department.aliases.length === 0 ? (
        <p className="text-sm text-slate-600">{text.departments.noAliases}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {department.aliases.map((alias) => (
            <li key={alias.id} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
              <span>{alias.alias}</span>
              <SubmitButton
                type="button"
                variant="danger"
                pending={pending && busy === alias.id}
                label="×"
                pendingLabel={text.departments.removing}
                ariaLabel={fill(text.departments.removeAlias, { alias: alias.alias })}
                onClick={() => remove(alias.id)}
              />
            </li>
          ))}
        </ul>
      )}
      <form key={formKey} onSubmit={add} noValidate className="flex flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <TextField id="alias" label={text.departments.newAlias} errors={aliasErrors} name="alias" required />
        </div>
        <SubmitButton
          pending={pending && busy === "add"}
          label={text.departments.addAlias}
          pendingLabel={text.departments.adding}
        />
      </form>
    </div>
  );
}
