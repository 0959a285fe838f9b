import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { RecordFundArrivalMutationDocument, type RecordFundArrivalInput } from '../graphql/generated/graphql';

/**
 * Records funds in place. The cache update appends the arrival to the project's list and adds it to the
 * all-time totals; totals cached for an as-of date are invalidated (the arrival may fall after it).
 */
export function useRecordFundArrivalMutation() {
  const [mutate, state] = useMutation(RecordFundArrivalMutationDocument, {
    update(cache, { data }, { variables }) {
      const arrival = data?.recordFundArrival;
      if (!arrival || !variables) return;
      const ref = cache.identify({ __typename: 'FundArrival', id: arrival.id });
      cache.modify({
        id: cache.identify({ __typename: 'Project', id: variables.input.projectId }),
        fields: {
          fundArrivals(existing: readonly Reference[] = [], { toReference }) {
            const next = toReference(ref!);
            return next && !existing.some((r) => r.__ref === next.__ref) ? [...existing, next] : existing;
          },
          fundsInPlace(value: number, { storeFieldName, INVALIDATE }) {
            return storeFieldName === 'fundsInPlace' ? value + arrival.amount : INVALIDATE;
          },
          foreignFundsInPlace(value: number, { storeFieldName, INVALIDATE }) {
            return storeFieldName === 'foreignFundsInPlace' ? value + arrival.foreignAmount : INVALIDATE;
          },
        },
      });
    },
  });
  const record = useCallback(
    async (input: RecordFundArrivalInput) => {
      const { data } = await mutate({ variables: { input } });
      return data?.recordFundArrival;
    },
    [mutate],
  );
  return [record, state] as const;
}
