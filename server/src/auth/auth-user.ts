import { registerEnumType } from 'type-graphql';

export enum Role {
  ADMIN = 'admin',
  PLANNER = 'planner',
  CHAIN_LEADER = 'chain_leader',
  BUREAU = 'bureau',
  DISTRICT = 'district',
  INTEGRATOR = 'integrator',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What an account may do; enforced by the services.',
  valuesConfig: {
    ADMIN: { description: '系统管理员: everything' },
    PLANNER: { description: '规划/园区管理: read all, edit parks and parcels' },
    CHAIN_LEADER: { description: '链长/链长办: read all, edit projects of their chains' },
    BUREAU: { description: '招商局/考核办: edit all projects' },
    DISTRICT: { description: '区县招商干部: edit projects of their own unit' },
    INTEGRATOR: { description: 'Other government systems: read-only, by API key' },
  },
});

/** The signed-in caller as services see it. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  chainIds: number[];
  /** Set when the caller came with an API key: the key and the root mutations it may call (empty: read-only). */
  apiKey?: { id: number; name: string; mutations: string[] };
}
