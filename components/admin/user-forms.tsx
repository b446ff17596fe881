"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { createUserAction, updateUserAction } from "@/lib/actions/users";
import type { ErrorBody } from "@/lib/server/errors";
import { ROLES, type Role } from "@/lib/domain/roles";
import {
  ChoiceField,
  choicesOf,
  fieldErrorsOf,
  FormMessage,
  SubmitButton,
  TextField,
  useActionForm,
} from "@/components/ui/form";
import { GeneratedPassword, PasswordChoiceFields } from "./password-fields";
import { fill, type AdminText, type RoleText } from "./text";

export interface DepartmentOption {
  id: number;
  name: string;
}

interface Common {
  text: AdminText;
  roles: RoleText;
  locale: string;
  departments: DepartmentOption[];
  passwordMinLength: number;
}

const value = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

function ErrorSummary({ error, text }: { error: ErrorBody; text: AdminText; locale: string }) {
  return (
    <FormMessage kind="error">
      <p>{error.message}</p>
      {error.fieldErrors ? <p className="mt-1">{text.errorSummary}</p> : null}
    </FormMessage>
  );
}

/** Role and department together: the department list is enabled only for department editors. */
function RoleAndDepartment({
  text,
  roles,
  departments,
  role,
  onRole,
  departmentId,
  errors,
}: Pick<Common, "text" | "roles" | "departments" | "locale"> & {
  role: Role;
  onRole: (role: Role) => void;
  departmentId: number | null;
  errors: Record<string, string[]>;
}) {
  const isEditor = role === "DEPARTMENT_EDITOR";
  return (
    <>
      <ChoiceField
        id="role"
        label={text.users.role}
        errors={errors.role}
        name="role"
        value={role}
        onChange={(e) => onRole(e.target.value as Role)}
        options={choicesOf(ROLES, (r) => roles[r])}
      />
      <ChoiceField
        id="departmentId"
        label={text.users.department}
        note={isEditor ? text.required : undefined}
        hint={text.form.departmentHint}
        errors={errors.departmentId}
        name="departmentId"
        defaultValue={departmentId ?? ""}
        disabled={!isEditor}
        required={isEditor}
        emptyOption={isEditor ? text.form.chooseDepartment : text.users.noDepartment}
        options={departments.map((d) => ({ value: d.id, label: d.name }))}
      />
    </>
  );
}

export function CreateUserForm({ text, roles, locale, departments, passwordMinLength }: Common) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [role, setRole] = useState<Role>("DEPARTMENT_EDITOR");
  const [created, setCreated] = useState<{ userId: number; username: string; generatedPassword: string } | null>(null);
  const errors = fieldErrorsOf(error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const mode = value(form, "passwordMode") === "set" ? "set" : "generate";
    const input = {
      username: value(form, "username"),
      displayName: value(form, "displayName"),
      email: value(form, "email"),
      role,
      departmentId: role === "DEPARTMENT_EDITOR" ? value(form, "departmentId") : "",
      password: mode === "set" ? { mode, password: value(form, "password") } : { mode },
    };
    setError(null);
    startTransition(async () => {
      const result = await createUserAction(input);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      if (result.data.generatedPassword) {
        setCreated({ ...result.data, generatedPassword: result.data.generatedPassword });
      } else {
        router.push(`/admin/users/${result.data.userId}?created=1`);
      }
    });
  }

  if (created) {
    return (
      <div className="space-y-4">
        <FormMessage kind="success">{fill(text.form.created, { username: created.username })}</FormMessage>
        <GeneratedPassword password={created.generatedPassword} text={text} />
        <div className="flex flex-wrap gap-3 text-sm">
          <Link href={`/admin/users/${created.userId}`} className="text-brand-700 underline">
            {text.form.openUser}
          </Link>
          <button type="button" className="text-brand-700 underline" onClick={() => setCreated(null)}>
            {text.form.createAnother}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      {error ? <ErrorSummary error={error} text={text} locale={locale} /> : null}
      <TextField
        id="username"
        label={text.users.username}
        note={text.required}
        hint={text.form.usernameHint}
        errors={errors.username}
        name="username"
        required
        autoComplete="off"
      />
      <TextField
        id="displayName"
        label={text.users.displayName}
        note={text.required}
        errors={errors.displayName}
        name="displayName"
        required
        autoComplete="off"
      />
      <TextField
        id="email"
        label={text.users.email}
        note={text.optional}
        errors={errors.email}
        name="email"
        type="email"
        autoComplete="off"
      />
      <RoleAndDepartment
        text={text}
        roles={roles}
        departments={departments}
        role={role}
        onRole={setRole}
        departmentId={null}
        errors={errors}
        locale={locale}
      />
      <PasswordChoiceFields
        idPrefix="create"
        legend={text.form.password}
        text={text}
        minLength={passwordMinLength}
        errors={errors.password}
      />
      <SubmitButton pending={pending} label={text.form.create} pendingLabel={text.form.creating} />
    </form>
  );
}

export function EditUserForm({
  text,
  roles,
  locale,
  departments,
  user,
}: Omit<Common, "passwordMinLength"> & {
  user: { id: number; displayName: string; email: string | null; role: Role; departmentId: number | null };
}) {
  const [role, setRole] = useState<Role>(user.role);
  const { pending, error, saved, errors, onSubmit } = useActionForm((form) =>
    updateUserAction({
      userId: user.id,
      displayName: value(form, "displayName"),
      email: value(form, "email"),
      role,
      departmentId: role === "DEPARTMENT_EDITOR" ? value(form, "departmentId") : "",
    }),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      {error ? <ErrorSummary error={error} text={text} locale={locale} /> : null}
      {saved ? <FormMessage kind="success">{text.saved}</FormMessage> : null}
      <TextField
        id="displayName"
        label={text.users.displayName}
        note={text.required}
        errors={errors.displayName}
        name="displayName"
        defaultValue={user.displayName}
        required
      />
      <TextField
        id="email"
        label={text.users.email}
        note={text.optional}
        errors={errors.email}
        name="email"
        type="email"
        defaultValue={user.email ?? ""}
      />
      <RoleAndDepartment
        text={text}
        roles={roles}
        departments={departments}
        role={role}
        onRole={setRole}
        departmentId={user.departmentId}
        errors={errors}
        locale={locale}
      />
      <SubmitButton pending={pending} label={text.form.save} pendingLabel={text.saving} />
    </form>
  );
}
