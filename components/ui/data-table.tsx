import type { HTMLAttributes, ReactNode } from "react";
import { EmptyState } from "./empty-state";

/** Attributes a cell or row may carry besides its content (data-testid, data-*, title…). */
type Extra = HTMLAttributes<HTMLElement> & Record<`data-${string}`, string | number | undefined>;

/** One column: its header and how a row fills its cell. */
export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  /** Classes of the <th scope="col">. */
  headerClassName?: string;
  /** Classes of every cell of the column. */
  className?: string;
  /** The row's name: rendered as <th scope="row"> so screen readers announce it with each cell. */
  rowHeader?: boolean;
  /** Per-row attributes of the cell (data-testid…). */
  cellProps?: (row: Row) => Extra;
}

/** A column whose cell and header share classes (or take `headerClassName`); the common case. */
export function column<Row>(
  key: string,
  header: ReactNode,
  cell: Column<Row>["cell"],
  className?: string,
  headerClassName: string | undefined = className,
): Column<Row> {
  return { key, header, cell, className, headerClassName };
}

/**
 * The two looks tables have here; any class prop of DataTable overrides its part. Every scroll container
 * is `relative`: it is then the containing block of the absolutely positioned `sr-only` captions and
 * labels inside the table, which otherwise escape it and widen the whole page at 375 px (app/globals.css
 * gives every other overflow container the same rule).
 */
const LOOKS = {
  /** Just the table (the caller adds rules or bands). */
  plain: { scroll: "relative overflow-x-auto", head: "text-left", headRow: undefined, body: undefined, row: undefined },
  /** A bordered white box with a grey header band (admin lists, the catalogue). */
  boxed: {
    scroll: "relative overflow-x-auto rounded-lg border border-slate-200 bg-white",
    head: "bg-slate-100 text-left text-slate-700",
    headRow: undefined,
    body: "divide-y divide-slate-200",
    row: undefined,
  },
  /** Rules under the header and each row, inside a panel (dashboards). */
  ruled: {
    scroll: "relative overflow-x-auto",
    head: "text-left text-slate-700",
    headRow: "border-b border-slate-200",
    body: undefined,
    row: "border-b border-slate-100",
  },
} as const;

/**
 * A table with typed columns: caption, column headers, an optional empty state and a horizontal
 * scroll container so a wide table scrolls inside itself on a 375 px phone instead of widening the page.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  caption,
  captionClassName = "sr-only",
  empty,
  testId,
  look = "plain",
  className = "w-full text-sm",
  headClassName = LOOKS[look].head,
  headRowClassName = LOOKS[look].headRow,
  bodyClassName = LOOKS[look].body,
  rowClassName = LOOKS[look].row,
  rowProps,
  scrollClassName = LOOKS[look].scroll,
  tableProps,
}: {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  caption?: ReactNode;
  captionClassName?: string;
  /** Shown instead of the table when there are no rows. */
  empty?: string;
  testId?: string;
  look?: keyof typeof LOOKS;
  className?: string;
  headClassName?: string;
  headRowClassName?: string;
  bodyClassName?: string;
  rowClassName?: string | ((row: Row) => string | undefined);
  rowProps?: (row: Row) => Extra;
  /** The scroll container's classes; null renders the table alone (its parent scrolls). */
  scrollClassName?: string | null;
  tableProps?: Extra;
}) {
  if (empty !== undefined && rows.length === 0) return <EmptyState message={empty} />;
  const table = (
    <table className={className} data-testid={testId} {...tableProps}>
      {caption !== undefined ? <caption className={captionClassName}>{caption}</caption> : null}
      <thead className={headClassName}>
        <tr className={headRowClassName}>
          {columns.map((column) => (
            <th key={column.key} scope="col" className={column.headerClassName}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className={bodyClassName}>
        {rows.map((row, index) => (
          <tr
            key={rowKey(row, index)}
            className={typeof rowClassName === "function" ? rowClassName(row) : rowClassName}
            {...rowProps?.(row)}
          >
            {columns.map((column) => {
              const Cell = column.rowHeader ? "th" : "td";
              return (
                <Cell
                  key={column.key}
                  scope={column.rowHeader ? "row" : undefined}
                  className={column.className}
                  {...column.cellProps?.(row)}
                >
                  {column.cell(row, index)}
                </Cell>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scrollClassName === null ? table : <div className={scrollClassName}>{table}</div>;
}

/** A titled white panel (a dashboard block): heading tied by aria-labelledby, an optional intro line. */
export function Panel({
  headingId,
  title,
  intro,
  children,
  className = "rounded-lg border border-slate-200 bg-white p-4",
}: {
  headingId: string;
  title: ReactNode;
  intro?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section aria-labelledby={headingId} className={className}>
      <h2 id={headingId} className="font-semibold">
        {title}
      </h2>
      {intro !== undefined ? <p className="mt-1 mb-3 text-sm text-slate-600">{intro}</p> : null}
      {children}
    </section>
  );
}
