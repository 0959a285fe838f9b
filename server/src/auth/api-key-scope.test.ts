import 'reflect-metadata';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiKeyScopePlugin } from './api-key-scope';
import { Role, type AuthUser } from './auth-user';

const key = (mutations: string[]): AuthUser => ({ id: 9, username: 'k', displayName: 'K', role: Role.INTEGRATOR, unitId: null, chainIds: [], apiKey: { id: 1, name: 'k1', mutations } });

/** Runs the plugin's check as Apollo would after resolving the operation; the refusal's code, or null. */
async function check(user: AuthUser | null, source: string): Promise<string | null> {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const hooks = await apiKeyScopePlugin().requestDidStart!({} as never);
  try {
    await (hooks as { didResolveOperation: (r: unknown) => Promise<void> }).didResolveOperation({ operation, document, contextValue: { user } });
    return null;
  } catch (e) { return (e as { extensions: { code: string } }).extensions.code; }
}

describe('API key scopes', () => {
  it('lets a key call the mutations in its list, and any query', async () => {
    expect(await check(key(['updatePark']), 'mutation { updatePark(id: 1) { id } __typename }')).toBeNull();
    expect(await check(key([]), '{ parks { totalCount } }')).toBeNull();
  });
  it('refuses other mutations, also when hidden in inline or named fragments', async () => {
    expect(await check(key([]), 'mutation { updatePark(id: 1) { id } }')).toBe('FORBIDDEN');
    expect(await check(key(['updatePark']), 'mutation { ... on Mutation { createProject { id } } }')).toBe('FORBIDDEN');
    expect(await check(key(['updatePark']), 'mutation { ...M } fragment M on Mutation { updatePark(id: 1) { id } createProject { id } }')).toBe('FORBIDDEN');
  });
  it('does not limit sessions (no API key) or anonymous callers: the services check roles', async () => {
    expect(await check({ ...key([]), apiKey: undefined }, 'mutation { createProject { id } }')).toBeNull();
    expect(await check(null, 'mutation { createProject { id } }')).toBeNull();
  });
});
