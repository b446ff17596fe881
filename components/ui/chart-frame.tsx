"use client";

import type { ReactNode } from "react";
import { ResponsiveContainer } from "recharts";

/**
 * Charts inside must set `accessibilityLayer={false}`: the drawing is hidden from assistive technology
 * (the data table is the accessible form), so it must not take keyboard focus either.
 *
 * The one chart container: a figure with a fixed, resolved height (so recharts never measures 0), a
 * visible caption, and an optional table of the same numbers for screen readers and for anyone who
 * prefers figures to shapes. Every chart in the app renders inside it.
 */
export function ChartFrame({
  title,
  description,
  height = 288,
  testId,
  children,
  table,
  tableLabel,
}: {
  title: string;
  /** One sentence saying what the chart shows; read by screen readers. */
  description?: string;
  /** Pixels; fixed on every viewport. */
  height?: number;
  testId?: string;
  /** One recharts chart element (LineChart, BarChart, ComposedChart…). */
  children: ReactNode;
  /** The chart's data as a table: rendered inside <details>, also announced to screen readers. */
  table?: ReactNode;
  /** The summary of the data table's disclosure ("数据表" / "Data table"). */
  tableLabel: string;
}) {
  return (
    <figure data-testid={testId} data-chart className="rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">{title}</figcaption>
      {description ? <p className="sr-only">{description}</p> : null}
      <div style={{ height }} className="w-full" aria-hidden={table ? true : undefined}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height }}>
          {children}
        </ResponsiveContainer>
      </div>
      {table ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-slate-600">{tableLabel}</summary>
          <div className="mt-2 overflow-x-auto">{table}</div>
        </details>
      ) : null}
    </figure>
  );
}
