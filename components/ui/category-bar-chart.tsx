"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./chart-frame";
import { ChartDataTable, type ChartCaption } from "./chart-table";

export interface CategoryBar {
  key: string;
  label: string;
  value: number;
  /** A fill that meets 3:1 against white; the axis label and the data table carry the text. */
  color: string;
}

/** One bar per category, each labelled with its value (e.g. indicators by status). */
export function CategoryBarChart({
  bars,
  categoryHeader,
  valueHeader,
  height = 240,
  ...caption
}: ChartCaption & {
  bars: CategoryBar[];
  categoryHeader: string;
  valueHeader: string;
  height?: number;
}) {
  const table = (
    <ChartDataTable
      groupHeader={categoryHeader}
      columns={[{ key: "value", label: valueHeader }]}
      rows={bars.map((bar) => ({ key: bar.key, label: bar.label, values: { value: bar.value } }))}
    />
  );
  return (
    <ChartFrame {...caption} height={height} table={table}>
      <BarChart accessibilityLayer={false} data={bars} margin={{ top: 20, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" interval={0} tick={{ fontSize: 11, fill: "#334155" }} />
        <YAxis allowDecimals={false} width={32} tick={{ fontSize: 11, fill: "#475569" }} />
        <Bar dataKey="value" isAnimationActive={false}>
          {bars.map((bar) => (
            <Cell key={bar.key} fill={bar.color} />
          ))}
          <LabelList dataKey="value" position="top" fontSize={11} fill="#0f172a" />
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}
