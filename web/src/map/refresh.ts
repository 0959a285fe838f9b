// A write elsewhere in the app (a project moved, filed or edited) asks the map to fetch a source again.
// Plain module-level events: no React or GraphQL here, so hooks and the map stay decoupled.
type Listener = (sourceId: string) => void;

const listeners = new Set<Listener>();

/** Asks every mounted map to reload the GeoJSON of one source (a layer id, e.g. `projects`). */
export function reloadMapSource(sourceId: string): void {
  listeners.forEach((listener) => listener(sourceId));
}

/** Subscribes a map to reload requests; returns the unsubscribe function. */
export function onMapSourceReload(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
