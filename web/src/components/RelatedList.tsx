import type { ReactNode } from 'react';
import type { Selection } from '../app/selection';
import { useT } from '../i18n';
import { usePanelNav } from '../panels/PanelNav';

export interface RelatedItem {
  key: string;
  target: Omit<Selection, 'fly'>;
  label: ReactNode;
  detail?: ReactNode;
}

interface Props {
  title: string;
  items: RelatedItem[];
  /** Total over all pages when the list shows only the first page. */
  totalCount?: number;
  testId: string;
}

/** Related records as clickable rows: a click opens the record's panel and flies the map to it. */
export function RelatedList({ title, items, totalCount, testId }: Props) {
  const t = useT();
  const nav = usePanelNav();
  const total = totalCount ?? items.length;
  return (
    <section className="related" data-testid={testId}>
      <h3>
        {title} <span className="count" data-testid={`${testId}-count`}>{t('panel.count', { n: t.num(total, 0) })}</span>
      </h3>
      {items.length === 0 ? (
        <p className="muted">{t('panel.empty')}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.key}>
              <button type="button" className="related-item" onClick={() => nav.open({ ...item.target, fly: true })} data-testid="related-item" data-kind={item.target.kind} data-id={item.target.id}>
                <span className="related-label">{item.label}</span>
                {item.detail && <span className="related-detail">{item.detail}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {total > items.length && <p className="muted small">{t('panel.showingFirst', { n: items.length, total: t.num(total, 0) })}</p>}
    </section>
  );
}
