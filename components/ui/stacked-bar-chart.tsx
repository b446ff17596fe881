"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./chart-frame";

export interface StackedSeries {
  key: string;
  label: string;
  /** A fill that meets 3:1 against white; the legend and the data table carry the text. */
  color: string;
}

export interface StackedRow {
  label: string;
  values: Record<string, number>;
}

/**
 * Horizontal stacked bars, one row per group (document, area, section…), one segment per series.
 * The height grows with the number of rows so labels never overlap; the frame still fixes it.
 */
export function StackedBarChart({
  title,
  description,
  rows,
  series,
  groupHeader,
  totalHeader,
  testId,
  tableLabel,
}: {
  title: string;
  description: string;
  rows: StackedRow[];
  series: StackedSeries[];
  groupHeader: string;
  totalHeader: string;
  testId?: string;
  tableLabel: string;
}) {
  const data = rows.map((row) => ({ label: row.label, ...row.values }));
  const height = Math.max(180, 72 + rows.length * 36);
  const table = (
    <table className="w-full text-left text-xs">
      <thead>
        <tr className="border-b border-slate-200">
          <th scope="col" className="py-1 pr-2">
            {groupHeader}
          </th>
          {series.map((s) => (
            <th key={s.key} scope="col" className="px-1 py-1 text-right">
              {s.label}
            </th>
          ))}
          <th scope="col" className="py-1 pl-1 text-right">
            {totalHeader}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} className="border-b border-slate-100">
            <th scope="row" className="py-1 pr-2 font-normal">
              {row.label}
            </th>
            {series.map((s) => (
              <td key={s.key} className="px-1 py-1 text-right tabular-nums">
                {row.values[s.key] ?? 0}
              </td>
            ))}
            <td className="py-1 pl-1 text-right tabular-nums">
              {series.reduce((sum, s) => sum + (row.values[s.key] ?? 0), 0)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFrame
      title={title}
      description={description}
      height={height}
      testId={testId}
      table={table}
      tableLabel={tableLabel}
    >
      <BarChart
        accessibilityLayer={false}
        data={data}
        layout="vertical"
        margin={{ top: 4, right: 12, bottom: 4, left: 4 }}
      >
        <CartesianGrid horizontal={false} stroke="#e2e8f0" />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} />
        <YAxis
          type="category"
          dataKey="label"
          width={104}
          tick={{ fontSize: 11, fill: "#334155" }}
          tickFormatter={(value: string) => (value.length > 9 ? `${value.slice(0, 8)}…` : value)}
        />
        <Tooltip cursor={{ fill: "#f1f5f9" }} />
        {/* Series order, not alphabetical: done → healthy → needing attention. */}
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="all" fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
