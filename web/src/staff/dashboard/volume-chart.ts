// The "reports by day" chart, drawn with uPlot: bars for reports received, a line with points for
// reports resolved. Loaded on demand (a dynamic import from VolumeByDay), so uPlot and its CSS are
// a chunk of their own and not part of the console's first load. The chart is a picture: its
// numbers are also in the table beside it, and it draws no legend or cursor of its own.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface VolumeData {
  received: number[];
  resolved: number[];
  dayLabel: (index: number) => string; // the x axis: day i of the range
  countLabel: (n: number) => string; // the y axis
}

export interface VolumeChart {
  resize(width: number): void;
  destroy(): void;
}

export const receivedColour = '#b3001b';
export const resolvedColour = '#1b6e2a';
const chartHeight = 260;

export function drawVolumeChart(host: HTMLElement, data: VolumeData, width: number): VolumeChart {
  const xs = data.received.map((_, i) => i);
  const whole = (values: number[]) => values.map((v) => (Number.isInteger(v) ? v : null));
  const axisFont = '13px system-ui, sans-serif';
  const bars = uPlot.paths.bars?.({ size: [0.7, 36], gap: 1 });
  const options: uPlot.Options = {
    width,
    height: chartHeight,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
      y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
    },
    axes: [
      {
        stroke: '#4d4d4d',
        font: axisFont,
        grid: { show: false },
        space: 56,
        incrs: [1, 2, 3, 7, 14, 28, 56, 91, 182],
        values: (_u, splits) => whole(splits).map((i) => (i === null || i < 0 || i >= xs.length ? '' : data.dayLabel(i))),
      },
      {
        stroke: '#4d4d4d',
        font: axisFont,
        size: 48,
        grid: { stroke: '#e3e3e3', width: 1 },
        incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000],
        values: (_u, splits) => whole(splits).map((v) => (v === null ? '' : data.countLabel(v))),
      },
    ],
    series: [
      {},
      { stroke: receivedColour, fill: receivedColour, width: 0, ...(bars ? { paths: bars } : {}), points: { show: false } },
      { stroke: resolvedColour, width: 2.5, points: { show: true, size: 6, fill: resolvedColour } },
    ],
  };
  const chart = new uPlot(options, [xs, data.received, data.resolved], host);
  return {
    resize: (w: number) => chart.setSize({ width: w, height: chartHeight }),
    destroy: () => chart.destroy(),
  };
}
