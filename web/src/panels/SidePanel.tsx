import { useEffect, useRef } from 'react';
import type { Selection } from '../app/selection';
import { useT } from '../i18n';
import { EnterprisePanel } from './EnterprisePanel';
import { FactoryBuildingPanel } from './FactoryBuildingPanel';
import { ParcelPanel } from './ParcelPanel';
import { ParkPanel } from './ParkPanel';
import { PanelNavContext, type PanelNav } from './PanelNav';
import { ProjectPanel } from './ProjectPanel';
import { RegionPanel } from './RegionPanel';

function PanelFor({ selection }: { selection: Selection }) {
  switch (selection.kind) {
    case 'park': return <ParkPanel id={selection.id} />;
    case 'parcel': return <ParcelPanel id={selection.id} />;
    case 'factoryBuilding': return <FactoryBuildingPanel id={selection.id} />;
    case 'project': return <ProjectPanel id={selection.id} />;
    case 'enterprise': return <EnterprisePanel id={selection.id} />;
    case 'region': return <RegionPanel id={selection.id} />;
  }
}

/** The right-hand panel showing the selected record. */
export function SidePanel({ nav }: { nav: PanelNav }) {
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  // Focus moves into the panel when it opens (and to each record it navigates to), and back to the opener when it closes.
  useEffect(() => {
    const opener = document.activeElement;
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected && opener !== document.body) opener.focus();
    };
  }, []);
  useEffect(() => { ref.current?.focus({ preventScroll: true }); }, [nav.selection.kind, nav.selection.id]);
  return (
    <aside
      ref={ref}
      tabIndex={-1}
      aria-label={t('a11y.panel')}
      onKeyDown={(e) => { if (e.key === 'Escape' && !e.defaultPrevented) nav.close(); }}
      className="side-panel panel-card"
      data-testid="side-panel"
      data-kind={nav.selection.kind}
      data-id={nav.selection.id}
    >
      <PanelNavContext.Provider value={nav}>
        <PanelFor key={`${nav.selection.kind}:${nav.selection.id}`} selection={nav.selection} />
      </PanelNavContext.Provider>
    </aside>
  );
}
