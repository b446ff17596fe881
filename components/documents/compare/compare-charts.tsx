"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "@/components/ui/chart-frame";
import type { AreaChanges, TargetChange } from "@/lib/domain/document-compare";
import { formatNumber, type Locale } from "@/lib/i18n/catalogue";
import type { Messages } from "@/messages/zh-CN";
import { CHANGE_COLOUR } from "./change-badge";

const TASK_SERIES = [
  { key: "carried", colour: "#1d5fbf" },
  { key: "added", colour: "#047857" },
  { key: "dropped", colour: "#b45309" },
] as const;

const cell = "px-2 py-1 text-left";

/** Long section titles (推进生活方式数字变革) are cut on the axis; the data table has them in full. */
function shortLabel(label: unknown): string {
  const chars = [...String(label)];
  return chars.length > 7 ? `${chars.slice(0, 6).join("")}…` : chars.join("");
}
const number = "px-2 py-1 text-right tabular-nums";

/** Bars per area (tasks carried over / added / dropped) and per kind of target change. */
export function CompareCharts({
  byArea,
  targetCounts,
  locale,
  messages,
}: {
  byArea: AreaChanges[];
  targetCounts: { change: TargetChange; count: number }[];
  locale: Locale;
  messages: Messages["compare"];
}) {
  const seriesLabel = {
    carried: messages.summary.carried,
    added: messages.summary.added,
    dropped: messages.summary.dropped,
  };
  const targetRows = targetCounts.map((row) => ({ ...row, label: messages.targets.changeLabel[row.change] }));
  // Horizontal bars: area names stay readable on a 375-px phone.
  const areaHeight = Math.max(200, 56 * byArea.length + 72);
  const targetHeight = Math.max(200, 40 * targetRows.length + 48);
  const format = (value: unknown) => formatNumber(locale, Number(value));
  return (
    <div className="mb-6 grid gap-4 lg:grid-cols-2">
      <ChartFrame
        title={messages.chart.tasksTitle}
        description={messages.chart.tasksDescription}
        height={areaHeight}
        testId="compare-chart-areas"
        tableLabel={messages.chart.dataTable}
        table={
          <table className="w-full text-sm">
            <caption className="sr-only">{messages.chart.tasksTitle}</caption>
            <thead>
              <tr className="bg-slate-100 text-slate-700">
                <th scope="col" className={cell}>
                  {messages.chart.area}
                </th>
                {TASK_SERIES.map((series) => (
                  <th key={series.key} scope="col" className={number}>
                    {seriesLabel[series.key]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {byArea.map((row) => (
                <tr key={row.area} className="border-t border-slate-200">
                  <th scope="row" className={`${cell} font-normal`}>
                    {row.area}
                  </th>
                  {TASK_SERIES.map((series) => (
                    <td key={series.key} className={number}>
                      {format(row[series.key])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        {/* No keyboard layer: ChartFrame hides the drawing from assistive technology and offers the table. */}
        <BarChart
          accessibilityLayer={false}
          data={byArea}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
        >
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: "#475569" }} />
          <YAxis
            type="category"
            dataKey="area"
            width={104}
            tick={{ fontSize: 12, fill: "#334155" }}
            tickFormatter={shortLabel}
          />
          <Tooltip formatter={format} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {TASK_SERIES.map((series) => (
            <Bar
              key={series.key}
              dataKey={series.key}
              name={seriesLabel[series.key]}
              stackId="tasks"
              fill={series.colour}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ChartFrame>
      <ChartFrame
        tableLabel={messages.chart.dataTable}
        title={messages.chart.targetsTitle}
        description={messages.chart.targetsDescription}
        height={targetHeight}
        testId="compare-chart-targets"
        table={
          <table className="w-full text-sm">
            <caption className="sr-only">{messages.chart.targetsTitle}</caption>
            <thead>
              <tr className="bg-slate-100 text-slate-700">
                <th scope="col" className={cell}>
                  {messages.chart.change}
                </th>
                <th scope="col" className={number}>
                  {messages.chart.count}
                </th>
              </tr>
            </thead>
            <tbody>
              {targetRows.map((row) => (
                <tr key={row.change} className="border-t border-slate-200">
                  <th scope="row" className={`${cell} font-normal`}>
                    {row.label}
                  </th>
                  <td className={number}>{format(row.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <BarChart
          accessibilityLayer={false}
          data={targetRows}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
        >
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: "#475569" }} />
          <YAxis type="category" dataKey="label" width={112} tick={{ fontSize: 12, fill: "#334155" }} />
          <Tooltip formatter={format} />
          <Bar dataKey="count" name={messages.chart.count} isAnimationActive={false}>
            {targetRows.map((row) => (
              <Cell key={row.change} fill={CHANGE_COLOUR[row.change]} />
            ))}
          </Bar>
        </BarChart>
      </ChartFrame>
    </div>
  );
}
