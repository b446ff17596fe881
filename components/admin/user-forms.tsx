"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createUserAction, updateUserAction } from "@/lib/actions/users";
import type { ErrorBody } from "@/lib/server/errors";
import { ROLES, type Role } from "@/lib/domain/roles";
import { ChoiceField, choicesOf, FormMessage, SubmitButton, TextField, useActionForm } from "@/components/ui/form";
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
  const [role, setRole] = useState<Role>("DEPARTMENT_EDITOR");
  const [created, setCreated] = useState<{ userId: number; username: string; generatedPassword: string } | null>(null);
  const { pending, error, errors, field, onSubmit } = useActionForm(
    (form) => {
      const mode = value(form, "passwordMode") === "set" ? "set" : "generate";
      return createUserAction({
        username: value(form, "username"),
        displayName: value(form, "displayName"),
        email: value(form, "email"),
        role,
        departmentId: role === "DEPARTMENT_EDITOR" ? value(form, "departmentId") : "",
        password: mode === "set" ? { mode, password: value(form, "password") } : { mode },
      });
    },
    {
      refresh: false,
      onSuccess: (data) => {
        if (data.generatedPassword) setCreated({ ...data, generatedPassword: data.generatedPassword });
        else router.push(`/admin/users/${data.userId}?created=1`);
      },
    },
  );

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
        {...field("username")}
        label={text.users.username}
        note={text.required}
        hint={text.form.usernameHint}
        required
        autoComplete="off"
      />
      <TextField
        {...field("displayName")}
        label={text.users.displayName}
        note={text.required}
        required
        autoComplete="off"
      />
      <TextField {...field("email")} label={text.users.email} note={text.optional} type="email" autoComplete="off" />
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
  const { pending, error, saved, errors, field, onSubmit } = useActionForm((form) =>
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
        {...field("displayName")}
        label={text.users.displayName}
        note={text.required}
        defaultValue={user.displayName}
        required
      />
      <TextField
        {...field("email")}
        label={text.users.email}
        note={text.optional}
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
