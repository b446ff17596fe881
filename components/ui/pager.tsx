import Link from "next/link";

/** Previous / "page n of m" / next links under a paged list; an empty span keeps the row's layout. */
export function Pager({
  page,
  pages,
  hrefOf,
  label,
  previous,
  next,
  status,
  linkClassName = "text-brand-700 underline",
  gap = false,
}: {
  page: number;
  pages: number;
  hrefOf: (page: number) => string;
  /** The nav's accessible name. */
  label: string;
  previous: string;
  next: string;
  /** The "page n of m" text. */
  status: string;
  linkClassName?: string;
  /** Keep a gap between the three parts (long labels on a phone). */
  gap?: boolean;
}) {
  return (
    <nav className={`mt-4 flex items-center justify-between ${gap ? "gap-2 " : ""}text-sm`} aria-label={label}>
      {page > 1 ? (
        <Link href={hrefOf(page - 1)} rel="prev" className={linkClassName}>
          {previous}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">{status}</span>
      {page < pages ? (
        <Link href={hrefOf(page + 1)} rel="next" className={linkClassName}>
          {next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
