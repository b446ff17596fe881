"use client";

import { utcDay } from "@/lib/domain/dates";
import {
  CartesianGrid,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  ReferenceLine,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { ChartFrame } from "@/components/ui/chart-frame";
import { COMPARATOR_SYMBOL } from "@/lib/domain/indicator-status";
import { chartTime as time, type ChartLevelTarget, type IndicatorChartModel } from "@/lib/domain/indicator-chart";
import { formatQuantity, interpolate, type Locale } from "@/lib/i18n/catalogue";
import type { Messages } from "@/messages/zh-CN";

const COLORS = { actual: "#1d5fbf", baseline: "#475569", target: "#b45309", trend: "#7c3aed", today: "#94a3b8" };

/**
 * Baseline → actual values → targets on one time axis, with a marker per target labelled with the
 * document that set it, and the dashed linear trend (the forecast) to the counting target's due date.
 */
export function IndicatorChart({
  model,
  unit,
  locale,
  m,
}: {
  model: IndicatorChartModel;
  unit: string;
  locale: Locale;
  m: Messages["indicatorChart"];
}) {
  const quantity = (value: number) => formatQuantity(locale, value, unit);
  const baselines = model.baselines.map((b) => ({
    t: time(b.asOf),
    value: b.value,
    label: interpolate(m.baselineLabel, { year: b.asOf.slice(0, 4) }),
  }));
  const observations = model.observations.map((o) => ({ t: time(o.asOf), value: o.value }));
  // Targets several documents set for the same date and value share one marker, labelled with all of them.
  // Only levels are drawn: a derived level is marked so; an annual target without its previous year-end
  // is listed in the data table only.
  const targets: { t: number; value: number; label: string }[] = [];
  for (const target of model.targets.filter((x) => !x.notALevel)) {
    const name = target.basis === "DERIVED_LEVEL" ? `${target.document}（${m.derived}）` : target.document;
    const point = targets.find((p) => p.t === time(target.dueDate) && p.value === target.value);
    if (!point) targets.push({ t: time(target.dueDate), value: target.value, label: name });
    else if (!point.label.split("、").includes(name)) point.label += `、${name}`;
  }
  const targetValue = (target: ChartLevelTarget) => {
    const value = `${COMPARATOR_SYMBOL[target.comparator]}${quantity(target.basis === "ANNUAL_NO_BASE" ? target.increment! : target.value)}`;
    if (target.basis === "ANNUAL_NO_BASE") return interpolate(m.annualValue, { value });
    if (target.basis === "DERIVED_LEVEL" && target.start && target.increment !== null) {
      return interpolate(m.derivedValue, {
        value,
        year: target.start.asOf.slice(0, 4),
        start: quantity(target.start.value),
        increment: quantity(target.increment),
      });
    }
    return value;
  };
  const trend = model.trend
    ? [
        { t: time(model.trend.from.asOf), value: model.trend.from.value },
        { t: time(model.trend.to.asOf), value: model.trend.to.value },
      ]
    : [];
  const { axes } = model;

  const table = (
    <table className="w-full text-left text-xs">
      <thead>
        <tr className="border-b border-slate-200">
          <th scope="col" className="py-1 pr-2">
            {m.series}
          </th>
          <th scope="col" className="py-1 pr-2">
            {m.date}
          </th>
          <th scope="col" className="py-1 pr-2 text-right">
            {m.value}
          </th>
          <th scope="col" className="py-1">
            {m.document}
          </th>
        </tr>
      </thead>
      <tbody>
        {model.baselines.map((b) => (
          <tr key={`b-${b.asOf}`} className="border-b border-slate-100">
            <td className="py-1 pr-2">{m.baseline}</td>
            <td className="py-1 pr-2">{b.asOf}</td>
            <td className="py-1 pr-2 text-right tabular-nums">{quantity(b.value)}</td>
            <td className="py-1">{b.document ?? "—"}</td>
          </tr>
        ))}
        {model.observations.map((o) => (
          <tr key={`o-${o.asOf}-${o.value}`} className="border-b border-slate-100">
            <td className="py-1 pr-2">{o.isSample ? `${m.actual}（${m.sample}）` : m.actual}</td>
            <td className="py-1 pr-2">{o.asOf}</td>
            <td className="py-1 pr-2 text-right tabular-nums">{quantity(o.value)}</td>
            <td className="py-1">—</td>
          </tr>
        ))}
        {model.targets.map((target) => (
          <tr key={`t-${target.id}`} className="border-b border-slate-100">
            <td className="py-1 pr-2">{m.target}</td>
            <td className="py-1 pr-2">{target.dueDate}</td>
            <td className="py-1 pr-2 text-right tabular-nums">{targetValue(target)}</td>
            <td className="py-1">{target.document}</td>
          </tr>
        ))}
        {model.trend ? (
          <tr>
            <td className="py-1 pr-2">{m.trend}</td>
            <td className="py-1 pr-2">{model.trend.to.asOf}</td>
            <td className="py-1 pr-2 text-right tabular-nums">{quantity(model.trend.to.value)}</td>
            <td className="py-1">—</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );

  return (
    <ChartFrame
      title={m.title}
      description={m.description}
      height={320}
      testId="indicator-chart"
      table={table}
      tableLabel={m.dataTable}
    >
      <ComposedChart accessibilityLayer={false} margin={{ top: 28, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis
          type="number"
          dataKey="t"
          domain={axes.xDomain}
          ticks={axes.xTicks}
          interval={0}
          scale="time"
          tick={{ fontSize: 11, fill: "#475569" }}
          tickFormatter={(value: number) => String(new Date(value).getUTCFullYear())}
        />
        <YAxis
          type="number"
          dataKey="value"
          domain={axes.yDomain}
          ticks={axes.yTicks}
          width={64}
          tick={{ fontSize: 11, fill: "#475569" }}
          tickFormatter={(value: number) =>
            new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 2 }).format(value)
          }
        />
        <Tooltip
          labelFormatter={(value) => utcDay(new Date(Number(value)))}
          formatter={(value) => quantity(Number(value))}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        <ReferenceLine
          x={time(model.today)}
          stroke={COLORS.today}
          strokeDasharray="2 4"
          label={{ value: m.today, position: "insideTopRight", fontSize: 11, fill: "#475569" }}
        />
        <Scatter name={m.baseline} data={baselines} fill={COLORS.baseline} shape="square" isAnimationActive={false}>
          <LabelList dataKey="label" position="bottom" fontSize={10} fill="#334155" />
        </Scatter>
        <Line
          name={m.actual}
          data={observations}
          dataKey="value"
          stroke={COLORS.actual}
          strokeWidth={2}
          dot={{ r: 4, fill: COLORS.actual }}
          isAnimationActive={false}
        />
        {trend.length ? (
          <Line
            name={m.trend}
            data={trend}
            dataKey="value"
            stroke={COLORS.trend}
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={false}
            isAnimationActive={false}
          />
        ) : null}
        <Scatter name={m.target} data={targets} fill={COLORS.target} shape="diamond" isAnimationActive={false}>
          <LabelList dataKey="label" position="top" fontSize={10} fill="#7c2d12" />
        </Scatter>
      </ComposedChart>
    </ChartFrame>
  );
}
