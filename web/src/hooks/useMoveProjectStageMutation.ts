import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { MoveProjectStageMutationDocument, type ProjectStage } from '../graphql/generated/graphql';
import { PROJECTS_SOURCE } from '../map/layers/projects';
import { reloadMapSource } from '../map/refresh';

/**
 * Moves a project to a stage on a date. The returned project (stage, history) normalises over the cached one,
 * so the panel's timeline follows; lists filtered by stage are dropped, and the map's project points reload.
 */
export function useMoveProjectStageMutation() {
  const [mutate, state] = useMutation(MoveProjectStageMutationDocument, {
    update(cache) {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'projects' });
      cache.gc();
    },
  });
  const move = useCallback(
    async (id: string, to: ProjectStage, on: string) => {
      const { data } = await mutate({ variables: { id, to, on } });
      reloadMapSource(PROJECTS_SOURCE);
      return data?.moveProjectStage;
    },
    [mutate],
  );
  return [move, state] as const;
}
