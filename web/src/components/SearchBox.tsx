import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { uiErrorMessage } from '../panels/uiError';
import { SearchBoxQueryDocument, type SearchBoxQuery } from '../graphql/generated/graphql';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { useT } from '../i18n';

export type SearchHit = SearchBoxQuery['search'][number];

interface Props {
  onChoose: (hit: SearchHit) => void;
}

/** Search as you type (debounced) over parks, enterprises and projects. */
export function SearchBox({ onChoose }: Props) {
  const t = useT();
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const query = useDebouncedValue(text.trim(), 250);
  const { data, loading, error } = useQuery(SearchBoxQueryDocument, {
    variables: { text: query, limit: 10 },
    skip: query.length === 0,
  });
  // Only hits for what the box says now: while a newer query is on its way the old hits are not shown (nor chosen).
  const pending = loading || query !== text.trim();
  const hits = query && !pending ? data?.search ?? [] : [];
  // Enter pressed before the hits arrived: take the first hit of this text once they do.
  const [enterWaiting, setEnterWaiting] = useState(false);
  useEffect(() => {
    if (!enterWaiting || pending) return;
    setEnterWaiting(false);
    if (hits[0]) choose(hits[0]);
  }, [enterWaiting, pending, hits]);

  function choose(hit: SearchHit) {
    setOpen(false);
    setText(hit.name);
    onChoose(hit);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && pending && text.trim()) {
      event.preventDefault();
      setEnterWaiting(true);
    } else if (event.key === 'Enter' && hits[active]) {
      event.preventDefault();
      choose(hits[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  }

  const showList = open && text.trim().length > 0;
  const optionId = (i: number) => `${listId}-option-${i}`;
  const activeId = showList && hits[active] ? optionId(active) : undefined;
  return (
    <div className="search-box panel-card" data-testid="search">
      <div className="search-row">
        <input
          type="search"
          role="combobox"
          aria-expanded={showList && hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(0);
            setEnterWaiting(false);
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={onKeyDown}
          data-testid="search-input"
        />
        {text && (
          <button type="button" className="icon-btn" onClick={() => { setText(''); setOpen(false); }} title={t('search.clear')} aria-label={t('search.clear')} data-testid="search-clear">
            ×
          </button>
        )}
      </div>
      {showList && (
        <div className="search-dropdown">
          {pending && hits.length === 0 && <p className="muted" data-testid="search-loading">{t('search.loading')}</p>}
          {error && <p className="error" role="alert">{t('search.error', { message: uiErrorMessage(t, error) })}</p>}
          {!pending && !error && hits.length === 0 && <p className="muted" data-testid="search-empty">{t('search.none', { text: text.trim() })}</p>}
          {hits.length > 0 && (
            <ul id={listId} role="listbox" aria-label={t('search.label')} data-testid="search-results">
              {hits.map((hit, i) => (
                // Options are not buttons: focus stays in the input, which points at the active one (aria-activedescendant).
                <li
                  key={`${hit.kind}-${hit.id}`}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'active' : ''}
                  onMouseEnter={() => setActive(i)}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(hit)}
                  data-testid="search-result"
                  data-kind={hit.kind}
                  data-id={hit.id}
                >
                  <span className={`kind-chip kind-${hit.kind.toLowerCase()}`}>{t.enum('kind', hit.kind)}</span>
                  <span className="hit-name">{hit.name}</span>
                  {hit.subtitle && <span className="hit-subtitle">{hit.subtitle}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
