import type { Geometry } from 'geojson';
import { createContext, useContext } from 'react';
import type { Selection } from '../app/selection';

/** How a panel talks to the page: open another record, go back, close, move the map. */
export interface PanelNav {
  selection: Selection;
  canGoBack: boolean;
  open: (selection: Selection) => void;
  back: () => void;
  close: () => void;
  focus: (geometry: Geometry) => void;
}

export const PanelNavContext = createContext<PanelNav | null>(null);

export function usePanelNav(): PanelNav {
  const nav = useContext(PanelNavContext);
  if (!nav) throw new Error('PanelNavContext is missing');
  return nav;
}
