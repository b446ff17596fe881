"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./chart-frame";
import { ChartDataTable, type ChartCaption } from "./chart-table";

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
  rows,
  series,
  groupHeader,
  totalHeader,
  ...caption
}: ChartCaption & {
  rows: StackedRow[];
  series: StackedSeries[];
  groupHeader: string;
  totalHeader: string;
}) {
  const data = rows.map((row) => ({ label: row.label, ...row.values }));
  const height = Math.max(180, 72 + rows.length * 36);
  const table = (
    <ChartDataTable
      groupHeader={groupHeader}
      columns={series}
      rows={rows.map((row) => ({ ...row, key: row.label }))}
      totalHeader={totalHeader}
    />
  );
  return (
    <ChartFrame {...caption} height={height} table={table}>
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
