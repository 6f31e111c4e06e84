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
