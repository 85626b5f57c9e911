/**
 * Comments an hour as small bars, drawn on the server as SVG (no chart library, nothing to load). The
 * figures behind each chart are in a table that opens beneath it, for screen readers and keyboards.
 */
export function HourBars({ perHour, label, hourLabels }: { perHour: number[]; label: string; hourLabels: string[] }) {
  const width = 4;
  const gap = 1;
  const height = 32;
  const most = Math.max(1, ...perHour);
  return (
    <figure className="heat-chart">
      <svg
        width={perHour.length * (width + gap)}
        height={height}
        viewBox={`0 0 ${perHour.length * (width + gap)} ${height}`}
        aria-hidden="true"
        focusable="false"
      >
        {perHour.map((n, i) => {
          const h = n === 0 ? 0 : Math.max(2, Math.round((n / most) * height));
          return <rect key={i} x={i * (width + gap)} y={height - h} width={width} height={h} className="heat-chart__bar" />;
        })}
      </svg>
      <details className="heat-chart__figures">
        <summary>
          Figures<span className="visually-hidden">{` for ${label}`}</span>
        </summary>
        <table>
          <caption className="visually-hidden">{`Comments an hour on ${label}`}</caption>
          <thead>
            <tr>
              <th scope="col">Hour</th>
              <th scope="col">Comments</th>
            </tr>
          </thead>
          <tbody>
            {perHour.map((n, i) => (
              <tr key={i}>
                <th scope="row">{hourLabels[i]}</th>
                <td>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
