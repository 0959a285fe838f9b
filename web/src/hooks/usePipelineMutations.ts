import { useMutation } from '@apollo/client/react';
import {
  AddTargetMutationDocument, ConvertTargetMutationDocument, LogTargetActivityMutationDocument, MoveTargetStatusMutationDocument,
} from '../graphql/generated/graphql';
import { PROJECTS_SOURCE } from '../map/layers/projects';
import { reloadMapSource } from '../map/refresh';

// Pipeline writes change a node's candidates, the workspace board, flags and the chain summary: refetch the pages that show them.
const PIPELINE_QUERIES = ['ChainNodePanelQuery', 'WorkspacePageQuery', 'WorkspaceBoardQuery', 'ChainPageQuery', 'EnterprisePanelQuery'];

/** 加入目标: add a candidate as a target of a node. */
export function useAddTargetMutation() {
  return useMutation(AddTargetMutationDocument, { refetchQueries: PIPELINE_QUERIES, awaitRefetchQueries: true });
}

/** 记录走访: log a visit, meeting, call or inspection. */
export function useLogTargetActivityMutation() {
  return useMutation(LogTargetActivityMutationDocument, { refetchQueries: PIPELINE_QUERIES, awaitRefetchQueries: true });
}

/** 推进状态: move a target forward or drop it. */
export function useMoveTargetStatusMutation() {
  return useMutation(MoveTargetStatusMutationDocument, { refetchQueries: PIPELINE_QUERIES, awaitRefetchQueries: true });
}

/** 转为项目: the new project also appears on the map's project layer. */
export function useConvertTargetMutation() {
  return useMutation(ConvertTargetMutationDocument, {
    refetchQueries: PIPELINE_QUERIES,
    awaitRefetchQueries: true,
    update(cache) {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'projects' });
      cache.gc();
    },
    onCompleted: () => reloadMapSource(PROJECTS_SOURCE),
  });
}
