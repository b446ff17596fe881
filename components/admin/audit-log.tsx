import { currentDateWindow } from "@/lib/domain/dates";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterActions, FilterForm, FilterInput, SelectField } from "@/components/ui/filter-field";
import { Pager } from "@/components/ui/pager";
import { AUDIT_ACTION_KINDS, auditActionKey, isAuditAction, isAuditEntityType } from "@/lib/domain/audit-actions";
import { formatDate, type Locale, type Translate } from "@/lib/i18n/catalogue";
import type { AuditFilter, AuditPage } from "@/lib/server/audit-log";

/** The filters as a GET form: they live in the URL, so a filtered view can be shared. */
export function AuditFilters({ filter, entityTypes, t }: { filter: AuditFilter; entityTypes: string[]; t: Translate }) {
  const dates = currentDateWindow();
  const text = (name: "actor" | "action" | "entityId", label: string, placeholder?: string) => (
    <FilterInput
      id={`audit-${name}`}
      label={label}
      look="roomy"
      name={name}
      defaultValue={filter[name] ?? ""}
      placeholder={placeholder}
    />
  );
  const date = (name: "from" | "to") => (
    <FilterInput
      id={`audit-${name}`}
      label={t(`admin.audit.${name}`)}
      look="roomy"
      name={name}
      type="date"
      min={dates.min}
      max={dates.max}
      defaultValue={filter[name] ?? ""}
    />
  );
  return (
    <FilterForm action="/admin/audit" columns="sm:grid-cols-2 lg:grid-cols-3">
      {text("actor", t("admin.audit.actorSearch"))}
      <SelectField
        id="audit-kind"
        label={t("admin.audit.kind")}
        look="roomy"
        name="kind"
        defaultValue={filter.kind ?? ""}
        allLabel={t("admin.audit.anyKind")}
        options={AUDIT_ACTION_KINDS.map((kind) => ({ value: kind, label: t(`admin.audit.kinds.${kind}`) }))}
      />
      {text("action", t("admin.audit.action"), t("admin.audit.actionHint"))}
      <SelectField
        id="audit-entityType"
        label={t("admin.audit.entityType")}
        look="roomy"
        name="entityType"
        defaultValue={filter.entityType ?? ""}
        allLabel={t("admin.audit.anyEntityType")}
        options={entityTypes.map((type) => ({ value: type, label: entityTypeLabel(type, t) }))}
      />
      {text("entityId", t("admin.audit.entityId"))}
      <SelectField
        id="audit-category"
        label={t("admin.audit.category")}
        look="roomy"
        name="category"
        defaultValue={filter.category ?? ""}
        allLabel={t("admin.audit.anyCategory")}
        options={[{ value: "security", label: t("admin.audit.securityOnly") }]}
      />
      <div className="grid grid-cols-2 gap-3">
        {date("from")}
        {date("to")}
      </div>
      <FilterActions
        apply={t("admin.audit.apply")}
        reset={{ href: "/admin/audit", label: t("admin.audit.clear") }}
        look="roomy"
        className="flex items-end gap-3"
      />
    </FilterForm>
  );
}

/** The catalogue's name of an action (every action of lib/domain/audit-actions.ts has one), else null. */
function actionLabel(action: string, t: Translate): string | null {
  return isAuditAction(action) ? t(`admin.audit.actions.${auditActionKey(action)}`) : null;
}

/** The catalogue's name of an object type; an unknown one (an older entry) as it was written. */
function entityTypeLabel(type: string, t: Translate): string {
  return isAuditEntityType(type) ? t(`admin.audit.entities.${type}`) : type;
}

/** Who acted: the user's display name and department; system and anonymous entries by their label. */
function actorText(entry: AuditPage["items"][number], t: Translate): string {
  if (entry.anonymous) return t("admin.audit.anonymous");
  if (entry.actorName === null) return entry.actorLabel === "system" ? t("admin.audit.system") : entry.actorLabel;
  return entry.actorDepartment ? `${entry.actorName}（${entry.actorDepartment}）` : entry.actorName;
}

function pageHref(filter: AuditFilter, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "kind", "action", "entityType", "entityId", "category", "from", "to"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/audit?${query}` : "/admin/audit";
}

/** One entry per list item (readable on a phone); the changed keys in an expandable details element. */
export function AuditList({
  page,
  filter,
  t,
  locale,
}: {
  page: AuditPage;
  filter: AuditFilter;
  t: Translate;
  locale: Locale;
}) {
  if (page.total === 0) return <EmptyState message={t("admin.audit.none")} />;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const empty = t("admin.audit.empty");
  const changeColumns: Column<AuditPage["items"][number]["changes"][number]>[] = [
    {
      key: "field",
      header: t("admin.audit.field"),
      headerClassName: "py-1 pr-3",
      rowHeader: true,
      className: "py-1 pr-3 text-left font-medium text-slate-800",
      cell: (change) => change.key,
    },
    {
      key: "before",
      header: t("admin.audit.before"),
      headerClassName: "py-1 pr-3",
      className: "py-1 pr-3 break-all text-red-800",
      cell: (change) => change.before ?? empty,
    },
    {
      key: "after",
      header: t("admin.audit.after"),
      headerClassName: "py-1",
      className: "py-1 break-all text-green-800",
      cell: (change) => change.after ?? empty,
    },
  ];
  return (
    <div>
      <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="audit-entries">
        {page.items.map((entry) => (
          <li key={entry.id} className="p-3 text-sm">
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <time dateTime={entry.at} className="text-slate-500 tabular-nums">
                {formatDate(locale, entry.at, {
                  month: "numeric",
                  day: "numeric",
                  hour: "2-digit",
                  minute: "2-digit",
                  second: "2-digit",
                })}
              </time>
              <span className="font-medium text-slate-900" title={entry.actorLabel} data-testid="audit-actor">
                {actorText(entry, t)}
              </span>
              <span className="text-slate-900" data-testid="audit-action">
                {actionLabel(entry.action, t) ?? entry.action}
              </span>
              <span className="text-slate-600" data-testid="audit-entity">
                {t("admin.audit.entityLabel", { type: entityTypeLabel(entry.entityType, t), id: entry.entityId })}
              </span>
              {/* The code, for the action filter and for support: small, after the words. */}
              <code
                className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700"
                aria-label={t("admin.audit.code")}
              >
                {entry.action}
              </code>
              {entry.ip ? <span className="text-slate-500">{t("admin.audit.ip", { ip: entry.ip })}</span> : null}
            </div>
            {entry.changes.length === 0 ? (
              <p className="mt-1 text-xs text-slate-500">{t("admin.audit.noChanges")}</p>
            ) : (
              <details className="mt-2">
                <summary className="cursor-pointer text-brand-700">
                  {t("admin.audit.showChanges", { count: entry.changes.length })}
                </summary>
                <DataTable
                  columns={changeColumns}
                  rows={entry.changes}
                  rowKey={(change) => change.key}
                  scrollClassName="mt-2 overflow-x-auto"
                  className="w-full text-xs"
                  headClassName="text-left text-slate-600"
                  bodyClassName="divide-y divide-slate-100 font-mono"
                />
              </details>
            )}
          </li>
        ))}
      </ol>
      <Pager
        page={page.page}
        pages={pages}
        hrefOf={(p) => pageHref(filter, p)}
        label={t("admin.audit.pagination")}
        previous={t("admin.audit.previous")}
        next={t("admin.audit.next")}
        status={t("admin.audit.pageOf", { page: page.page, pages, total: page.total })}
      />
    </div>
  );
}
