import type { ApiOutput } from '../../api/client';
import type { ChartOption } from '../../shared/Chart';

type Dashboard = ApiOutput<'dashboard.get'>;
const FONT = '"Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/** Slips per checkpoint over the last seven days, one stacked bar per checkpoint. */
export function slipsOption(d: Dashboard, dayLabel: (day: string) => string): ChartOption {
  const top = d.slipsPerCheckpoint.slice(0, 12);
  return {
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: top.map((c) => c.name), axisLabel: { interval: 0, rotate: top.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: d.days.map((day, i) => ({ name: dayLabel(day), type: 'bar', stack: 'slips', data: top.map((c) => c.slips[i]) })),
  };
}

/** Days of cover per item, fewest first; red under three days, orange under seven. */
export function coverOption(d: Dashboard, unitDays: string): ChartOption {
  const rows = d.cover.filter((c) => c.days !== null).sort((a, b) => a.days! - b.days!).slice(0, 12);
  return {
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${v} ${unitDays}` },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
    series: [{
      type: 'bar',
      data: rows.map((r) => ({ value: r.days, itemStyle: { color: r.days! < 3 ? '#cf1322' : r.days! < 7 ? '#fa8c16' : '#1677ff' } })),
      label: { show: true, position: 'right', formatter: `{c} ${unitDays}` },
    }],
  };
}

export const coverItems = (d: Dashboard) => d.cover.filter((c) => c.days !== null).sort((a, b) => a.days! - b.days!).slice(0, 12);

type Consumption = Dashboard['consumption']['week'];

/** What the consumption chart draws, as numbers: the page carries it for tests and assistive reading. */
export interface ConsumptionFigures {
  days: string[];
  series: { itemId: number; name: string; data: number[] }[];
}

const ROW = 46;
const GAP = 26;
const PALETTE = ['#1677ff', '#13a8a8', '#fa8c16', '#722ed1', '#eb2f96'];

/**
 * Issued per office day for each main item, one small bar chart per item stacked on a shared day
 * axis: each has its own scale, as 只 and 公斤 cannot share one. `label` names an item with its unit and total.
 */
export function consumptionOption(c: Consumption, dayLabel: (day: string) => string, label: (s: Consumption['series'][number]) => string) {
  const n = c.series.length;
  const labels = c.days.map(dayLabel);
  const grid = c.series.map((_, i) => ({ left: 52, right: 16, top: GAP + i * (ROW + GAP), height: ROW }));
  const series = c.series.map((s, i) => ({
    name: label(s), type: 'bar' as const, xAxisIndex: i, yAxisIndex: i, data: s.issued, barMaxWidth: 22, itemStyle: { color: PALETTE[i % PALETTE.length] },
  }));
  const option: ChartOption = {
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid,
    xAxis: c.series.map((_, i) => ({
      type: 'category', gridIndex: i, data: labels,
      axisLabel: { show: i === n - 1, hideOverlap: true }, axisTick: { show: i === n - 1, alignWithLabel: true },
    })),
    yAxis: c.series.map((s, i) => ({
      type: 'value', gridIndex: i, splitNumber: 2, minInterval: 1, name: label(s), nameGap: 8,
      nameTextStyle: { align: 'left', color: '#333', fontWeight: 'bold' }, axisLabel: { fontSize: 11 },
    })),
    series,
  };
  // Read back from the series echarts is given, so the figures are what is drawn.
  const figures: ConsumptionFigures = { days: c.days, series: series.map((s, i) => ({ itemId: c.series[i].itemId, name: c.series[i].name, data: s.data })) };
  return { option, figures, height: GAP + n * (ROW + GAP) + 8 };
}
