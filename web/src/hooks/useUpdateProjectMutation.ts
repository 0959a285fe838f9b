import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { UpdateProjectMutationDocument, type UpdateProjectInput } from '../graphql/generated/graphql';
import { PROJECTS_SOURCE } from '../map/layers/projects';
import { reloadMapSource } from '../map/refresh';

/**
 * Edits a project. The returned fields (and the recomputed investment intensity) normalise over the cached
 * project; lists filtered by amount or name are dropped, and the map's project points reload (name, amount).
 */
export function useUpdateProjectMutation() {
  const [mutate, state] = useMutation(UpdateProjectMutationDocument, {
    update(cache) {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'projects' });
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'search' });
      cache.gc();
    },
  });
  const update = useCallback(
    async (id: string, input: UpdateProjectInput) => {
      const { data } = await mutate({ variables: { id, input } });
      reloadMapSource(PROJECTS_SOURCE);
      return data?.updateProject;
    },
    [mutate],
  );
  return [update, state] as const;
}
