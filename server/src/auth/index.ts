export { Role } from './auth-user';
export type { AuthUser } from './auth-user';
export { AuthService } from './auth.service';
export { AuthResolver } from './auth.resolver';
export { AccountResolver } from './accounts.resolver';
export { apiKeyScopePlugin } from './api-key-scope';
export { AppUser } from './user.entity';
export { requireUser, assertCanEditLand, assertCanEditProject, canEditLand, canEditProject, canCreateProjects, projectEditRefusal, type ProjectScope } from './policy';
