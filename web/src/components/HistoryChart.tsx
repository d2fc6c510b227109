// Totals over time for one instrument, drawn with uPlot on a canvas, the severity bands
// shaded behind the line (drawn in uPlot's drawClear hook). uPlot styles its elements
// through element.style (allowed by the CSP); its stylesheet is bundled by Vite.
import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { BandConcern, BandExtents, ChartPoints, ChartRange, type Instrument, type Submission } from "../assess/model";
import type { Lang } from "../i18n";

// Pale band fills, least to most concern (contrast is carried by the line, not the fills).
const kBandFills = ["#e1f0e8", "#eef2d8", "#fbeccf", "#f9dfcf", "#f6d2d2"];
const kBandText = "#4a5856";
const kLine = "#1f5e57";
const kDay = 86_400;

/** Fill colour for a band of the given concern (0..1). */
export function BandFill(concern: number): string {
  return kBandFills[Math.round(concern * (kBandFills.length - 1))];
}

/** `text`, cut with an ellipsis to fit `max` canvas pixels. */
function FitText(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let n = text.length;
  while (n > 1 && ctx.measureText(text.slice(0, n) + "…").width > max) n -= 1;
  return text.slice(0, n).trimEnd() + "…";
}

function DrawBands(u: uPlot, instrument: Instrument, range: [number, number]): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  const px = devicePixelRatio || 1;
  ctx.font = `${Math.round(12 * px)}px system-ui, sans-serif`;
  ctx.textBaseline = "top";
  for (const { band, from, to } of BandExtents(instrument.bands, range)) {
    const y0 = u.valToPos(to, "y", true);
    const y1 = u.valToPos(from, "y", true);
    ctx.fillStyle = BandFill(BandConcern(instrument.bands, band.code, instrument.higher_is_better));
    ctx.fillRect(left, y0, width, y1 - y0);
    if (y1 - y0 > 16 * px) {
      ctx.fillStyle = kBandText;
      ctx.fillText(FitText(ctx, band.label, width - 12 * px), left + 6 * px, y0 + 3 * px);
    }
  }
  ctx.restore();
}

function Options(instrument: Instrument, lang: Lang, width: number): uPlot.Options {
  const range = ChartRange(instrument);
  const fmt = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short" });
  const fmtYear = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", year: "2-digit" });
  return {
    width,
    height: width < 480 ? 220 : 280,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: {
        time: true,
        // At least two weeks wide, so a few results taken close together still read as dates.
        range: (_u, min, max) => (max - min < 14 * kDay ? [max - 14 * kDay, max + kDay] : [min - kDay, max + kDay]),
      },
      y: { range: () => range },
    },
    axes: [
      {
        space: 70,
        values: (_u, splits) => {
          const spansYears = splits.length > 1 && new Date(splits[0] * 1000).getFullYear() !== new Date(splits[splits.length - 1] * 1000).getFullYear();
          return splits.map((s) => (spansYears ? fmtYear : fmt).format(new Date(s * 1000)));
        },
        stroke: kBandText,
        grid: { show: false },
      },
      {
        stroke: kBandText,
        size: instrument.bands_on_percentage ? 54 : 40,
        grid: { stroke: "rgba(29,43,42,0.08)" },
        values: (_u, splits) => splits.map((v) => (instrument.bands_on_percentage ? `${v}%` : String(v))),
      },
    ],
    series: [
      {},
      {
        label: instrument.name,
        stroke: kLine,
        width: 2.5,
        points: { show: true, size: 9, stroke: kLine, fill: "#ffffff", width: 2.5 },
      },
    ],
    hooks: { drawClear: [(u) => DrawBands(u, instrument, range)] },
  };
}

/**
 * The chart of `history` (any instruments; only `instrument`'s are drawn). `label` is the
 * accessible summary; the data also appears in the table beside it.
 */
export function HistoryChart(props: { instrument: Instrument; history: Submission[]; lang: Lang; label: string }): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const { xs, ys } = ChartPoints(props.instrument, props.history);
    const width = Math.max(240, el.clientWidth);
    const plot = new uPlot(Options(props.instrument, props.lang, width), [xs, ys], el);
    let last = width;
    const ro = new ResizeObserver(() => {
      const w = Math.max(240, el.clientWidth);
      if (w !== last) {
        last = w;
        plot.setSize({ width: w, height: w < 480 ? 220 : 280 });
      }
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [props.instrument, props.history, props.lang]);
  return <div class="chart" ref={box} role="img" aria-label={props.label} data-points={props.history.length} />;
}
