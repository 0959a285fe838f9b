import type { EntityKind } from '../map/layers';

/** What the side panel shows. `fly` asks the map to move to the record once its geometry is known. */
export interface Selection {
  kind: EntityKind;
  id: string;
  fly: boolean;
}

export const sameSelection = (a: Selection | null | undefined, b: Selection | null | undefined) =>
  !!a && !!b && a.kind === b.kind && a.id === b.id;
