"use client";

import { updateBulletinSettingsAction } from "@/lib/actions/bulletins";
import { parseCopyTo, type BulletinSettings } from "@/lib/domain/bulletin-settings";
import { FormResult, primaryButtonClass, TextAreaField, TextField, useActionForm } from "@/components/ui/form";
import type { Messages } from "@/messages/zh-CN";

/** The bulletin's issuer, 文号 pattern, 抄送 list and default layout (admins; audited on the server). */
export function BulletinSettingsForm({
  current,
  text,
}: {
  current: BulletinSettings;
  text: Messages["bulletin"]["settings"];
}) {
  const { pending, error, saved, field, onSubmit } = useActionForm((form) =>
    updateBulletinSettingsAction({
      issuer: String(form.get("issuer") ?? ""),
      docNumberPattern: String(form.get("docNumberPattern") ?? ""),
      copyTo: parseCopyTo(String(form.get("copyTo") ?? "")),
      printedBy: String(form.get("printedBy") ?? ""),
      officialByDefault: form.get("officialByDefault") === "on",
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label={text.title} className="max-w-xl space-y-4">
      <FormResult error={error} saved={saved} savedMessage={text.saved} />
      <TextField {...field("issuer", "bulletin-issuer")} label={text.issuer} required defaultValue={current.issuer} />
      <TextField
        {...field("docNumberPattern", "bulletin-doc-number-pattern")}
        label={text.docNumberPattern}
        hint={text.docNumberPatternHint}
        required
        defaultValue={current.docNumberPattern}
      />
      <TextAreaField
        {...field("copyTo", "bulletin-copy-to")}
        label={text.copyTo}
        rows={4}
        defaultValue={current.copyTo.join("\n")}
      />
      <TextField
        {...field("printedBy", "bulletin-printed-by")}
        label={text.printedBy}
        required
        defaultValue={current.printedBy}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="officialByDefault"
          defaultChecked={current.officialByDefault}
          className="h-4 w-4"
        />
        {text.officialByDefault}
      </label>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? text.saving : text.save}
      </button>
    </form>
  );
}
