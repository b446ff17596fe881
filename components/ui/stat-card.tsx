import Link from "next/link";

export function StatCard({
  label,
  value,
  href,
  detail,
  tone = "default",
  testId,
}: {
  label: string;
  value: string;
  href?: string;
  /** A second line: a rate, a date, a breakdown. */
  detail?: string;
  /** "alert" draws attention (a red top rule) — the label still says why. */
  tone?: "default" | "alert";
  testId?: string;
}) {
  const body = (
    <>
      <div className="text-sm text-slate-600">{label}</div>
      <div className="mt-1 text-2xl font-bold text-slate-900 tabular-nums" data-value>
        {value}
      </div>
      {detail ? <div className="mt-1 text-xs text-slate-600">{detail}</div> : null}
    </>
  );
  const className = `block rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${
    tone === "alert" ? "border-t-4 border-t-red-600" : ""
  }`;
  return href ? (
    <Link href={href} className={`${className} hover:border-brand-600`} data-testid={testId}>
      {body}
    </Link>
  ) : (
    <div className={className} data-testid={testId}>
      {body}
    </div>
  );
}
