import type { ReactNode } from 'react';

/** A two-column list of labelled values; rows whose value is null are left out. */
export function Facts({ rows }: { rows: [label: string, value: ReactNode | null | undefined][] }) {
  return (
    <dl className="facts">
      {rows
        .filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
