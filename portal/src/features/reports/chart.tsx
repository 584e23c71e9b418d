import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '../../i18n/index.js';

export interface ChartSeries {
  label: string;
  values: readonly (number | null)[];
  color: string;
}

const HEIGHT = 220;

/**
 * One uPlot chart over labelled points (series days, weeks, months or ratings), with its figures
 * as a table beside it: the canvas is hidden from screen readers, which read the table; a
 * sighted user can switch to the table too. `format` writes a value for the table and the axis.
 */
export const Chart = ({
  id,
  title,
  labels,
  series,
  format,
  bars = false,
  labelHeading,
}: {
  id: string;
  title: string;
  labels: readonly string[];
  series: readonly ChartSeries[];
  format: (value: number | null) => string;
  bars?: boolean;
  labelHeading: string;
}) => {
  const { t } = useI18n();
  const [asTable, setAsTable] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element || asTable) return;
    const width = () => Math.max(280, element.clientWidth);
    const options: uPlot.Options = {
      width: width(),
      height: HEIGHT,
      scales: { x: { time: false } },
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      axes: [
        {
          values: (_plot, splits) => splits.map((split) => labels[Math.round(split)] ?? ''),
          space: 70,
        },
        { values: (_plot, splits) => splits.map((split) => format(split)), size: 60 },
      ],
      series: [
        { label: labelHeading, value: (_plot, index) => labels[Math.round(index)] ?? '' },
        ...series.map((line) => ({
          label: line.label,
          stroke: line.color,
          width: 2,
          ...(bars
            ? {
                fill: `${line.color}99`,
                paths: uPlot.paths.bars?.({ size: [0.6, 60] }),
                points: { show: false },
              }
            : { points: { show: labels.length <= 40 } }),
          value: (_plot: uPlot, value: number | null) => format(value),
        })),
      ],
    };
    const data: uPlot.AlignedData = [
      labels.map((_label, index) => index),
      ...series.map((line) => [...line.values]),
    ];
    const plot = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: HEIGHT }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [labels, series, format, bars, asTable, labelHeading]);

  return (
    <figure class="report-chart" aria-labelledby={`${id}-title`}>
      <div class="chart-head">
        <figcaption id={`${id}-title`}>{title}</figcaption>
        <button
          type="button"
          class="link"
          aria-pressed={asTable}
          aria-controls={`${id}-table`}
          onClick={() => setAsTable((shown) => !shown)}
        >
          {asTable ? t('reports.showChart') : t('reports.showTable')}
        </button>
      </div>
      {!asTable && <div class="chart-canvas" ref={box} aria-hidden="true" />}
      <div class={asTable ? 'table-wrap' : 'visually-hidden'} id={`${id}-table`}>
        <table class="numbers">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeading}</th>
              {series.map((line) => (
                <th scope="col" key={line.label}>
                  {line.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, index) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((line) => (
                  <td key={line.label} data-label={line.label}>
                    {format(line.values[index] ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
};
