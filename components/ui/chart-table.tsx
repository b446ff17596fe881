/** What both bar-chart wrappers pass through to ChartFrame. */
export interface ChartCaption {
  title: string;
  /** One sentence saying what the chart shows; read by screen readers. */
  description: string;
  testId?: string;
  /** The summary of the data table's disclosure ("数据表" / "Data table"). */
  tableLabel: string;
}

/**
 * A chart's numbers as a table (inside ChartFrame's disclosure): one row per group, named by a row
 * header, one column per series, and a total column when `totalHeader` is given.
 */
export function ChartDataTable({
  groupHeader,
  columns,
  rows,
  totalHeader,
}: {
  groupHeader: string;
  columns: { key: string; label: string }[];
  rows: { key: string; label: string; values: Record<string, number> }[];
  totalHeader?: string;
}) {
  return (
    <table className="w-full text-left text-xs">
      <thead>
        <tr className="border-b border-slate-200">
          <th scope="col" className="py-1 pr-2">
            {groupHeader}
          </th>
          {columns.map((column) => (
            <th key={column.key} scope="col" className="px-1 py-1 text-right">
              {column.label}
            </th>
          ))}
          {totalHeader !== undefined ? (
            <th scope="col" className="py-1 pl-1 text-right">
              {totalHeader}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-slate-100">
            <th scope="row" className="py-1 pr-2 font-normal">
              {row.label}
            </th>
            {columns.map((column) => (
              <td key={column.key} className="px-1 py-1 text-right tabular-nums">
                {row.values[column.key] ?? 0}
              </td>
            ))}
            {totalHeader !== undefined ? (
              <td className="py-1 pl-1 text-right tabular-nums">
                {columns.reduce((sum, column) => sum + (row.values[column.key] ?? 0), 0)}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
