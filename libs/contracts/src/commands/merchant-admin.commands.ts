import type { ListParams } from '../resources/list.js';

export type UserRole = 'owner' | 'developer' | 'viewer';

export interface CreateOAuthClientParams {
  name: string;
  /** Scopes from the catalogue; absent: the catalogue but the administrative scopes. */
  scopes?: string[];
  /** The mode its tokens act in; a live client needs a live caller. Default: the caller's mode. */
  livemode?: boolean;
}

export type ListOAuthClientsParams = ListParams;

export interface CreateSigningKeyParams {
  /** A live signing key needs a live caller. Default: the caller's mode. */
  livemode?: boolean;
}

export type ListSigningKeysParams = ListParams;

export interface CreateUserParams {
  username: string;
  role: UserRole;
  /** At least 12 characters; absent: one is generated and returned once. */
  password?: string;
}

export interface UpdateUserParams {
  id: string;
  role: UserRole;
}

export type ListUsersParams = ListParams;
