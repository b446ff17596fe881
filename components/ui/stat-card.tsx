export function StatCard({ label, value, href }: { label: string; value: string; href?: string }) {
  const body = (
    <>
      <div className="text-sm text-slate-600">{label}</div>
      <div className="mt-1 text-2xl font-bold text-slate-900">{value}</div>
    </>
  );
  const className = "block rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  return href ? (
    <a href={href} className={`${className} hover:border-brand-600`}>
      {body}
    </a>
  ) : (
    <div className={className}>{body}</div>
  );
}
