/**
 * A horizontal bar chart that is a table first: every figure is text in a cell, so screen
 * readers and copy-paste get the numbers; the bars (SVG, hidden from assistive technology) only
 * draw them. Each bar's box is `max` units wide and the bar `value` units: no arithmetic here.
 */
export function BarChart({
  caption,
  labelHeading,
  valueHeading,
  rows,
}: {
  caption: string;
  labelHeading: string;
  valueHeading: string;
  rows: { key: string; label: string; lang?: string; value: number; text: string }[];
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <table className="w-full text-left text-sm">
      <caption className="mb-2 text-left font-medium text-slate-900">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">{labelHeading}</th>
          <th scope="col">{valueHeading}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" className="w-1/3 py-1 pr-3 font-normal text-slate-800" lang={r.lang}>
              {r.label}
            </th>
            <td className="py-1">
              <span className="flex items-center gap-3">
                <svg
                  aria-hidden="true"
                  focusable="false"
                  className="h-4 flex-1"
                  viewBox={`0 0 ${max} 1`}
                  preserveAspectRatio="none"
                >
                  <rect width={max} height={1} className="fill-slate-100" />
                  <rect width={Math.max(0, r.value)} height={1} className="fill-brand-700" />
                </svg>
                <span className="w-24 text-right font-medium text-slate-900 tabular-nums">
                  {r.text}
                </span>
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
