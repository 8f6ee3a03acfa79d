/**
 * A small line chart of values over time, drawn as inline SVG on the server: no script, no
 * library. Its accessible name says what it shows and its peak, since the shape alone is visual.
 */
const WIDTH = 120;
const HEIGHT = 28;
// Room for the stroke at the top and bottom edges.
const PAD = 2;

export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(0, ...values);
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  const y = (value: number) => HEIGHT - PAD - (max === 0 ? 0 : (value / max) * (HEIGHT - 2 * PAD));
  const points = values.map((value, index) => `${(index * step).toFixed(1)},${y(value).toFixed(1)}`);
  const line = points.join(" ");
  const area = `0,${HEIGHT} ${line} ${WIDTH},${HEIGHT}`;
  return (
    <svg
      role="img"
      aria-label={`${label}: max ${max.toLocaleString("en-US")}`}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="overflow-visible text-brand-600"
    >
      <polygon points={area} className="fill-brand-100" />
      <polyline
        points={line}
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        strokeLinejoin="round"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
