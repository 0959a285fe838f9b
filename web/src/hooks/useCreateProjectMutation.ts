import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { CreateProjectMutationDocument, type CreateProjectInput } from '../graphql/generated/graphql';
import { PROJECTS_SOURCE } from '../map/layers/projects';
import { reloadMapSource } from '../map/refresh';

/**
 * Files a new project (as a lead). The cache update drops the project lists it now belongs to (its park's,
 * its unit's, its chain node's, and the top-level lists) so they are fetched again; the map's points reload.
 */
export function useCreateProjectMutation() {
  const [mutate, state] = useMutation(CreateProjectMutationDocument, {
    update(cache, { data }) {
      const project = data?.createProject;
      if (!project) return;
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'projects' });
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'search' });
      if (project.park) cache.evict({ id: cache.identify({ __typename: 'Park', id: project.park.id }), fieldName: 'projects' });
      cache.evict({ id: cache.identify({ __typename: 'AssessmentUnit', id: project.introducingUnit.id }), fieldName: 'projects' });
      if (project.chainNode) cache.evict({ id: cache.identify({ __typename: 'ChainNode', id: project.chainNode.id }), fieldName: 'projects' });
      cache.gc();
    },
  });
  const create = useCallback(
    async (input: CreateProjectInput) => {
      const { data } = await mutate({ variables: { input } });
      reloadMapSource(PROJECTS_SOURCE);
      return data?.createProject;
    },
    [mutate],
  );
  return [create, state] as const;
}
