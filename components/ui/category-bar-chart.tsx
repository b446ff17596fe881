"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./chart-frame";

export interface CategoryBar {
  key: string;
  label: string;
  value: number;
  /** A fill that meets 3:1 against white; the axis label and the data table carry the text. */
  color: string;
}

/** One bar per category, each labelled with its value (e.g. indicators by status). */
export function CategoryBarChart({
  title,
  description,
  bars,
  categoryHeader,
  valueHeader,
  testId,
  tableLabel,
  height = 240,
}: {
  title: string;
  description: string;
  bars: CategoryBar[];
  categoryHeader: string;
  valueHeader: string;
  testId?: string;
  tableLabel: string;
  height?: number;
}) {
  const table = (
    <table className="w-full text-left text-xs">
      <thead>
        <tr className="border-b border-slate-200">
          <th scope="col" className="py-1 pr-2">
            {categoryHeader}
          </th>
          <th scope="col" className="py-1 text-right">
            {valueHeader}
          </th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar) => (
          <tr key={bar.key} className="border-b border-slate-100">
            <th scope="row" className="py-1 pr-2 font-normal">
              {bar.label}
            </th>
            <td className="py-1 text-right tabular-nums">{bar.value}</td>
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
